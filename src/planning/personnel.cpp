#include "planning/personnel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "geo/distance.h"
#include "planning/plan_output.h"

namespace milmob::planning {

namespace {

constexpr double kAirfieldReachKm = 300;  // as for vehicles: the airfields within this of home and destination
constexpr double kNoRoadKm = 2;           // an airfield this close needs no bus
constexpr double kRoadFactor = 1.3;       // assumption: road km per great-circle km, for the buses

// The personnel flown from `a` to `b`: every sortie ready when the buses reach `a`.
PersonnelMove fly(PlanningContext& ctx, const scenario::Unit& unit, PersonnelMove p, int to_fly, const Terminal& a,
                  const Terminal& b, double ready, Ledgers& ledgers) {
  const double bus_kmh = ctx.scenario.rules.convoy.speed_motorway_kmh;
  const auto bus_km = [](const geo::LonLat& x, const geo::LonLat& y) {
    const double km = geo::haversine_m(x, y) / 1000;
    return km > kNoRoadKm ? km * kRoadFactor : 0.0;
  };
  p.mode = "air";
  p.flown = to_fly;
  p.riding = p.count - to_fly;
  p.from = a.label(), p.to = b.label();
  p.geometry = {a.where, b.where};
  p.road_km_to = bus_km(unit.home.where, a.where);
  p.road_km_from = bus_km(b.where, unit.destination.where);
  p.depart = ready;
  const double at_airfield = ready + p.road_km_to / bus_kmh * 60;
  Sortie last;
  last.end = -std::numeric_limits<double>::infinity();
  int remaining = to_fly, n = 0, largest = 0;
  while (remaining > 0) {
    const SortieLoad what{remaining, true, true, [](const scenario::Aircraft& x) { return x.passengers; }};
    Sortie sortie = fly_sortie(ctx, ledgers, a, b, unit.nation, unit.id, at_airfield, what,
                               fmt::format("{}/PAX/L{}", unit.id, ++n));
    if (!sortie.reason.empty() || sortie.carried <= 0) {
      p.arrive = std::numeric_limits<double>::infinity();
      return p;
    }
    remaining -= sortie.carried;
    largest = std::max(largest, sortie.carried);
    p.sorties.push_back(sortie.trip);
    if (sortie.end >= last.end) last = std::move(sortie);
  }
  // The last sortie's personnel, from the unit's ready time: buses, the wait, the sortie, buses.
  const auto add = [&](Activity act, double from, double until, double km_from, double km_to, const geo::LonLat& where,
                       const std::string& country, const std::string& detail) {
    if (until - from > 1e-9 || km_to > km_from) p.steps.push_back({act, from, until, km_from, km_to, where, country, detail});
  };
  add(Activity::Drive, ready, at_airfield, 0, p.road_km_to, a.where, a.country,
      fmt::format("buses from home to {}", a.label()));
  add(last.waited, at_airfield, last.start, p.road_km_to, p.road_km_to, a.where, a.country,
      last.wait.empty() ? fmt::format("the personnel gather at {}", a.label()) : last.wait);
  for (Step s : last.steps) {
    s.km_from += p.road_km_to, s.km_to += p.road_km_to;
    p.steps.push_back(std::move(s));
  }
  const double km = p.road_km_to + p.sorties.front().km;
  double leave = last.end;
  const double bus = p.road_km_from / bus_kmh * 60;
  // Not before the earliest arrival date: the buses leave the airfield later.
  if (unit.earliest_arrival && leave + bus < static_cast<double>(*unit.earliest_arrival)) {
    leave = static_cast<double>(*unit.earliest_arrival) - bus;
    add(Activity::StartOffset, last.end, leave, km, km, b.where, b.country,
        "held at the airfield so as not to arrive before the earliest arrival date");
  }
  add(Activity::Drive, leave, leave + bus, km, km + p.road_km_from, unit.destination.where, b.country,
      fmt::format("buses from {} to the destination", b.label()));
  p.arrive = leave + bus;
  p.itinerary = fmt::format(
      "{} in the vehicles' seats ({} a vehicle); {} flown in {} sortie{} of up to {} from {} to {} (buses {:.0f} km to "
      "it, {:.0f} km from {})",
      p.seated, ctx.scenario.rules.convoy.seats_per_vehicle, p.flown, p.sorties.size(), p.sorties.size() == 1 ? "" : "s",
      largest, a.label(), b.label(),
      p.road_km_to, p.road_km_from, b.label());
  return p;
}

}  // namespace

PersonnelMove move_personnel(PlanningContext& ctx, const scenario::Unit& unit, int vehicles, double ready,
                             double fly_by, Ledgers& ledgers) {
  const scenario::Scenario& s = ctx.scenario;
  PersonnelMove p;
  p.count = unit.personnel;
  const long seats = static_cast<long>(vehicles) * s.rules.convoy.seats_per_vehicle;
  p.seated = static_cast<int>(std::min<long>(p.count, seats));
  p.riding = p.count;
  const int to_fly = p.count - p.seated;
  if (p.count == 0) {
    p.itinerary = "no personnel given";
    return p;
  }
  if (to_fly == 0) {
    p.itinerary = fmt::format("all {} in the seats of the unit's {} vehicles ({} a vehicle)", p.count, vehicles,
                              s.rules.convoy.seats_per_vehicle);
    return p;
  }
  const auto riding = [&](const std::string& why) {
    p.itinerary = fmt::format("{} in the vehicles' seats ({} a vehicle), the other {} with the convoys (no booking)",
                              p.seated, s.rules.convoy.seats_per_vehicle, to_fly);
    p.notes.push_back(why);
    return p;
  };
  const bool seats_aloft = std::any_of(s.resources.aircraft.begin(), s.resources.aircraft.end(), [](const auto& a) {
    return a.passengers > 0 && a.count > 0 && a.speed_kmh > 0;
  });
  if (!seats_aloft) return riding("not flown: no aircraft of the scenario has passenger seats (`passengers`) and a speed");
  std::vector<const Terminal*> airfields;
  for (const Terminal& t : ctx.airfields) airfields.push_back(&t);
  const auto from = nearest_terminals(airfields, unit.home.where, 2, kAirfieldReachKm);
  const auto to = nearest_terminals(airfields, unit.destination.where, 2, kAirfieldReachKm);
  if (from.empty()) return riding(fmt::format("not flown: no airfield within {:.0f} km of home", kAirfieldReachKm));
  if (to.empty())
    return riding(fmt::format("not flown: no airfield within {:.0f} km of the destination", kAirfieldReachKm));
  // Every pair of airfields on a copy of the ledgers; the one whose last personnel arrive first is kept.
  std::optional<std::pair<PersonnelMove, Ledgers>> best;
  std::vector<std::string> weighed;
  for (const Terminal* a : from)
    for (const Terminal* b : to) {
      if (a == b) continue;
      Ledgers copy = ledgers;
      PersonnelMove trial = fly(ctx, unit, p, to_fly, *a, *b, ready, copy);
      if (!best || trial.arrive < best->first.arrive - 1e-6) {
        if (best) weighed.push_back(fmt::format("{}: last personnel {}", best->first.itinerary, when(best->first.arrive)));
        best.emplace(std::move(trial), std::move(copy));
      } else {
        weighed.push_back(fmt::format("{}: last personnel {}", trial.itinerary, when(trial.arrive)));
      }
    }
  if (!best || !std::isfinite(best->first.arrive))
    return riding("not flown: no pair of airfields near home and destination can be flown");
  if (best->first.arrive > fly_by + 1e-6)
    return riding(fmt::format("not flown: the last sortie would land them at {}, after the unit's vehicles arrive at {}",
                              when(best->first.arrive), when(fly_by)));
  ledgers = std::move(best->second);
  best->first.notes = std::move(weighed);
  return std::move(best->first);
}

}  // namespace milmob::planning
