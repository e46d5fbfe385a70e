// Rail, sea and air itineraries: road to a terminal, carried in loads (a train, a sailing, a
// sortie), road on.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "common/error.h"
#include "geo/distance.h"
#include "planning/itinerary.h"
#include "planning/itinerary_parts.h"
#include "planning/plan_output.h"
#include "planning/resource_names.h"

namespace milmob::planning {

using namespace parts;

namespace {

constexpr double kNoRoadKm = 2;              // a terminal this close to home or destination needs no road leg
constexpr double kPortHandlingMin = 6 * 60;  // assumption: a port without figures loads a sailing in 6 h
constexpr double kLaneGapM = 1.0;            // assumption: lane metres a vehicle takes beyond its length
constexpr double kUnknownLengthM = 10;       // assumption: a vehicle of unknown length
// Sgmmns flat wagon: 74.5 t payload, 13.6 m over buffers (DOMAIN.md "Rail"); assumption: two
// vehicles per wagon when both fit by length and weight, else one.
constexpr double kWagonPayloadT = 74.5, kWagonLengthM = 13.6;

// One run of a carrier between two terminals.
struct Section {
  const Terminal* from = nullptr;
  const Terminal* to = nullptr;
  double km = 0;
  std::vector<geo::LonLat> geometry;
  std::vector<std::string> countries;
  int gauge = 0;                                   // rail
  const scenario::RailFleet* fleet = nullptr;      // rail
};

// A load's carriage from the moment it is ready at the first terminal: the steps every march
// unit of the load shares, the wait before them, and the carriers' trips.
struct Carriage {
  std::string reason;  // non-empty: the load cannot be carried
  double start = 0;    // loading starts
  std::string wait;    // why the load waited before `start`
  Activity waited = Activity::ResourceWait;
  std::vector<Step> steps;
  double end = 0;      // unloaded at the last terminal
  std::vector<Trip> trips;
};

using CarryLoad = std::function<Carriage(Ledgers&, double ready, int vehicles, const std::string& trip_id)>;

DailyThroughput& handling(PlanningContext& ctx, Ledgers& ledgers, const Terminal& t) {
  double per_day = 0;
  if (t.railhead) per_day = t.railhead->trains_per_day;
  if (t.transshipment) per_day = t.transshipment->vehicles_per_day;
  if (t.port) per_day = t.port->vehicles_per_day;
  const Overlay* overlay = &ctx.overlay;
  const geo::LonLat where = t.where;
  return ledgers.handling
      .try_emplace(t.label(), per_day, [overlay, where](double time) { return overlay->capacity_factor(where, time); })
      .first->second;
}

void step(std::vector<Step>& steps, Activity a, double from, double until, double km_from, double km_to,
          const Terminal& at, const std::string& detail) {
  if (until - from <= 1e-9 && km_to <= km_from) return;
  steps.push_back({a, from, until, km_from, km_to, at.where, at.country, detail});
}

// When the carrier may leave: the border permissions of every nation it enters and the border
// closures on its way. Conservative: it leaves only when it may enter every one of them.
double clear_to_go(PlanningContext& ctx, const std::string& nation, const Section& s, double t,
                   std::vector<Step>& steps, double km) {
  for (std::size_t i = 1; i < s.countries.size(); ++i) {
    const auto [entry, why] = ctx.clock.earliest_entry(nation, s.countries[i]);
    if (entry > t) {
      step(steps, Activity::PermissionWait, t, entry, km, km, *s.from,
           fmt::format("border {} > {}: {}", s.countries[i - 1], s.countries[i], why));
      t = entry;
    }
    for (const ClosedWindow& w : ctx.overlay.border_closed(s.countries[i - 1], s.countries[i]))
      if (t >= w.from && t < w.until) {
        step(steps, Activity::ClosureWait, t, w.until, km, km, *s.from,
             fmt::format("border {} > {} closed: {}", s.countries[i - 1], s.countries[i], w.reason));
        t = w.until;
      }
  }
  return t;
}

// Capacity taken in portions (vehicles handled per day): booked, and the time the last ends.
double book_portions(Ledgers& ledgers, const std::vector<DailyThroughput::Portion>& portions, const Terminal& at,
                     const std::string& kind, const std::string& unit, const std::string& trip_id, int vehicles) {
  for (const auto& p : portions)
    ledgers.bookings.push_back({at.label(), unit, trip_id, vehicles, p.from, p.until, kind, p.amount});
  return portions.back().until;
}

// Road to `a`, carried in loads of `load_size` by `carry`, road on from `b`.
Itinerary carried(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers, const std::string& mode,
                  const Terminal& a, const Terminal& b, const std::vector<Section>& sections, int load_size,
                  const std::string& how, const CarryLoad& carry) {
  const scenario::Unit& unit = move.unit;
  const VehicleClass& c = move.vclass;
  Itinerary it;
  it.leg = class_leg(c, mode);
  ClassLeg& leg = it.leg;
  if (load_size <= 0) {
    it.reason = fmt::format("{} via {}: no carrier can take a {}", mode, a.label(), c.limits.label);
    return it;
  }
  const double ready = unit.notice_to_move_h * 60, rdd = static_cast<double>(unit.required_delivery);
  // The road legs, when the terminals are not at home and destination.
  std::optional<routing::Route> approach, onward;
  std::string reason;
  if (geo::haversine_m(unit.home.where, a.where) / 1000 > kNoRoadKm) {
    approach = road_route(ctx, unit.home.where, a.where, c.limits, ready, rdd, reason);
    if (!approach) {
      it.reason = fmt::format("{} via {}: no road to it: {}", mode, a.label(), reason);
      return it;
    }
  }
  if (geo::haversine_m(b.where, unit.destination.where) / 1000 > kNoRoadKm) {
    onward = road_route(ctx, b.where, unit.destination.where, c.limits, ready, rdd, reason);
    if (!onward) {
      it.reason = fmt::format("{} via {}: no road from {}: {}", mode, a.label(), b.label(), reason);
      return it;
    }
  }
  std::string itinerary;
  if (approach) {
    leg.parts.push_back(road_part(*approach, "home", a.label()));
    itinerary = fmt::format("road {:.0f} km to {}, ", approach->distance_m / 1000, a.label());
  }
  for (const Section& s : sections) {
    leg.parts.push_back({mode, s.from->label(), s.to->label(), s.km, s.geometry, {}, {}});
    itinerary += fmt::format("{} {:.0f} km to {}, ", mode, s.km, s.to->label());
  }
  if (onward) {
    leg.parts.push_back(road_part(*onward, b.label(), "destination"));
    itinerary += fmt::format("road {:.0f} km, ", onward->distance_m / 1000);
  }
  leg.itinerary = itinerary + how;
  for (const LegPart& p : leg.parts) {
    leg.distance_km += p.km;
    leg.geometry.insert(leg.geometry.end(), p.geometry.begin() + (leg.geometry.empty() || p.geometry.empty() ? 0 : 1),
                        p.geometry.end());
  }
  for (const auto* r : {&approach, &onward})
    if (*r) {
      for (const auto& d : (*r)->detours) leg.detours.push_back(d.text);
      if (c.limits.tracked && (*r)->distance_m / 1000 > ctx.scenario.rules.het.tracked_over_km) it.breaks_het_rule = true;
    }
  const auto add_country = [&](const std::string& n) {
    if (!n.empty() && (leg.countries.empty() || leg.countries.back() != n)) leg.countries.push_back(n);
  };
  if (approach) for (const auto& n : approach->countries) add_country(n);
  for (const Section& s : sections) for (const auto& n : s.countries) add_country(n);
  if (onward) for (const auto& n : onward->countries) add_country(n);

  const std::vector<RoadStep> to_terminal = approach ? steps_of(ctx, *approach, c.limits.max_speed_kmh) : std::vector<RoadStep>{};
  const std::vector<RoadStep> from_terminal = onward ? steps_of(ctx, *onward, c.limits.max_speed_kmh) : std::vector<RoadStep>{};
  const CentresOnRoute to_centres = centres_on_route(to_terminal, ledgers.centres.centres());
  const CentresOnRoute from_centres = centres_on_route(from_terminal, ledgers.centres.centres());
  MarchContext mctx = march_context(ctx, move, ledgers);
  const scenario::ConvoyRules& rules = ctx.scenario.rules.convoy;
  double t = move.start;
  // Batches: march units that share a load (a train takes several), or one march unit carried
  // in several loads (a sortie takes few vehicles) that waits at the far end for the last.
  struct Batch {
    std::vector<int> march_units, loads;
  };
  std::vector<Batch> batches;
  if (load_size >= rules.vehicles_per_march_unit)
    for (const int load : split(c.vehicles, load_size)) batches.push_back({split(load, rules.vehicles_per_march_unit), {load}});
  else
    for (const int n : split(c.vehicles, rules.vehicles_per_march_unit)) batches.push_back({{n}, split(n, load_size)});
  int k = 0, load_no = 0;
  for (const Batch& batch : batches) {
    std::vector<MarchUnit> mus;
    for (const int n : batch.march_units) {
      const std::string id = march_unit_id(move, k++);
      if (approach) {
        mus.push_back(march(to_terminal, t, n, id, mctx, &to_centres));
      } else {
        MarchUnit mu;
        mu.id = id, mu.vehicles = n, mu.depart = t, mu.arrive = t;
        mus.push_back(std::move(mu));
      }
      t += column_minutes(rules, n);
    }
    double at_terminal = 0;
    for (const MarchUnit& mu : mus) at_terminal = std::max(at_terminal, mu.arrive);
    if (!std::isfinite(at_terminal)) {
      it.reason = fmt::format("{} via {}: a march unit never reaches it", mode, a.label());
      return it;
    }
    std::vector<Carriage> carriages;
    double end = 0;
    for (const int load : batch.loads) {
      carriages.push_back(carry(ledgers, at_terminal, load, fmt::format("{}/S{}/L{}", unit.id, move.serial, ++load_no)));
      if (!carriages.back().reason.empty()) {
        it.reason = carriages.back().reason;
        return it;
      }
      end = std::max(end, carriages.back().end);
    }
    const Carriage& first = carriages.front();
    // The ids before the march units move into the itinerary: the trips list them.
    std::vector<std::string> aboard;
    for (const MarchUnit& mu : mus) aboard.push_back(mu.id);
    double offset = 0;
    for (MarchUnit& mu : mus) {
      const double km = km_done(mu);
      add_step(mu, first.waited, mu.arrive, first.start, km, km, a.where, a.country,
               first.wait.empty() ? fmt::format("the load gathers at {}", a.label()) : first.wait);
      for (Step s : first.steps) {
        s.km_from += km, s.km_to += km;
        mu.steps.push_back(std::move(s));
      }
      add_step(mu, Activity::ResourceWait, first.end, end, km_done(mu), km_done(mu), b.where, b.country,
               fmt::format("waiting at {} for the other {} loads of the march unit", b.label(), carriages.size() - 1));
      mu.arrive = end;
      if (onward) {
        double leave = end + offset;
        // The crews' day goes on from the road to the terminal unless the stop there was a rest.
        DrivingDay day = driving_day(mu, leave);
        MarchUnit on = march(from_terminal, leave, mu.vehicles, mu.id, mctx, &from_centres, &day);
        // Not before the earliest arrival date: leave the terminal later (as by road).
        if (unit.earliest_arrival && std::isfinite(on.arrive) && on.arrive < static_cast<double>(*unit.earliest_arrival) - 1e-6) {
          double tried = leave;  // the departure whose centre bookings are in the ledger
          const auto try_at = [&](double later) {
            ledgers.centres.release(mu.id, tried);
            tried = later;
            day = driving_day(mu, later);
            return TimedMarch{later, march(from_terminal, later, mu.vehicles, mu.id, mctx, &from_centres, &day).arrive};
          };
          leave = departure_for_earliest_arrival({leave, on.arrive}, static_cast<double>(*unit.earliest_arrival), try_at);
          ledgers.centres.release(mu.id, tried);
          day = driving_day(mu, leave);
          on = march(from_terminal, leave, mu.vehicles, mu.id, mctx, &from_centres, &day);
        }
        mu.held = leave - (end + offset);
        if (offset > 0) add_step(mu, Activity::StartOffset, end, end + offset, km_done(mu), km_done(mu),
                                 b.where, b.country, "march units leave the terminal one after another");
        if (mu.held > 0) add_step(mu, Activity::StartOffset, end + offset, leave, km_done(mu), km_done(mu), b.where,
                                  b.country, "held so as not to arrive before the earliest arrival date");
        append_march(mu, on);
        offset += column_minutes(rules, mu.vehicles);
      } else if (unit.earliest_arrival && end < static_cast<double>(*unit.earliest_arrival)) {
        mu.held = static_cast<double>(*unit.earliest_arrival) - end;
        add_step(mu, Activity::StartOffset, end, end + mu.held, km_done(mu), km_done(mu), b.where, b.country,
                 "held at the terminal so as not to arrive before the earliest arrival date");
        mu.arrive = end + mu.held;
      }
      it.march_units.push_back(std::move(mu));
    }
    for (Carriage& carriage : carriages)
      for (Trip& trip : carriage.trips) {
        trip.march_units.insert(trip.march_units.end(), aboard.begin(), aboard.end());
        it.trips.push_back(std::move(trip));
      }
  }
  it.next_start = t;
  it.found = true;
  return it;
}

// A rail cost for one gauge: rail edges of that gauge (dual-gauge track too; unknown gauge is
// taken to fit).
const routing::VehicleCost& rail_cost(PlanningContext& ctx, int gauge) {
  auto it = ctx.rail_costs.find(gauge);
  if (it != ctx.rail_costs.end()) return it->second;
  const Network& net = ctx.router.net();
  vehicles::VehicleLimits train;
  train.label = "train";
  routing::VehicleCost cost = routing::make_vehicle_cost(net, train, Mode::Rail);
  for (EdgeId e = 0; e < net.edge_count(); ++e)
    if (cost.usable(e) && net.gauge_mm[e] != 0 && net.gauge_mm[e] != gauge && net.gauge2_mm[e] != gauge)
      cost.time_ms[e] = routing::kForbidden;
  return ctx.rail_costs.emplace(gauge, std::move(cost)).first->second;
}

// A carrier's route between two terminals on the network of `mode`, cached.
std::optional<Section> carrier_route(PlanningContext& ctx, const Terminal& from, const Terminal& to, Mode mode,
                                     int gauge) {
  const std::string key = fmt::format("{}|{}|{}>{}", mode_name(mode), gauge, from.label(), to.label());
  auto it = ctx.routes.find(key);
  if (it == ctx.routes.end()) {
    routing::RouteRequest request;
    request.from = from.where;
    request.to = to.where;
    request.max_snap_m = ctx.max_snap_m;
    request.algorithm = routing::Algorithm::AStar;
    request.explain = false;
    routing::Route route;
    try {
      vehicles::VehicleLimits free;
      const routing::VehicleCost sea = mode == Mode::Sea ? routing::make_vehicle_cost(ctx.router.net(), free, Mode::Sea)
                                                         : routing::VehicleCost{};
      route = ctx.router.route_with_cost(request, mode == Mode::Rail ? rail_cost(ctx, gauge) : sea);
    } catch (const InputError&) {
      route.found = false;
    }
    it = ctx.routes.emplace(key, std::move(route)).first;
  }
  if (!it->second.found) return std::nullopt;
  Section s;
  s.from = &from, s.to = &to, s.km = it->second.distance_m / 1000, s.geometry = it->second.geometry;
  s.countries = it->second.countries;
  s.gauge = gauge;
  return s;
}

const scenario::RailFleet* fleet_for(const scenario::Scenario& s, int gauge, const std::string& country) {
  const scenario::RailFleet* any = nullptr;
  for (const auto& f : s.resources.rail) {
    if (f.gauge_mm != gauge || f.trains <= 0) continue;
    if (f.nation == country) return &f;
    if (!any) any = &f;
  }
  return any;
}

int per_wagon(const VehicleClass& c) {
  for (const auto* t : c.types)
    if (std::isnan(t->length_m) || t->length_m > kWagonLengthM / 2 || std::isnan(t->weight_t) ||
        t->weight_t > kWagonPayloadT / 2)
      return 1;
  return 2;
}

double vehicle_length(const VehicleClass& c) {
  double len = 0;
  for (const auto* t : c.types) len = std::max(len, std::isnan(t->length_m) ? kUnknownLengthM : t->length_m);
  return len;
}

// Joins a sailing between the same ports that has room, has not left when the load is handled
// and leaves when this unit may enter where it goes (it may have been timed for a unit of
// another nation, with another lead time); false if none.
bool join_sailing(PlanningContext& ctx, Ledgers& L, const Terminal& load, const Terminal& unload, double ready,
                  int vehicles, double lane, const std::string& unit_id, const std::string& trip_id,
                  const std::string& nation, const Section& section, Carriage& out) {
  const double need = vehicles * lane;
  for (Sailing& s : L.sailings) {
    if (s.from != load.label() || s.to != unload.label() || s.lane_free + 1e-9 < need || s.depart < ready) continue;
    std::vector<Step> unused;
    if (clear_to_go(ctx, nation, section, s.depart, unused, 0) > s.depart + 1e-6) continue;
    // Not loaded before the ship is booked for the sailing: it may be at sea with another load.
    const double alongside = std::max(ready, L.bookings[s.booking].from);
    double start = alongside, handled = alongside + kPortHandlingMin;
    std::vector<DailyThroughput::Portion> portions;
    if (load.port && load.port->vehicles_per_day > 0) {
      DailyThroughput trial = handling(ctx, L, load);
      portions = trial.take(alongside, vehicles, false);
      if (portions.empty() || portions.back().until > s.depart + 1e-6) continue;
      handling(ctx, L, load) = std::move(trial);
      start = portions.front().from;
      handled = book_portions(L, portions, load, "port", unit_id, trip_id, vehicles);
    } else if (handled > s.depart + 1e-6) {
      continue;
    }
    out.start = start;
    // Waiting for the ship to load is waiting for what holds the sailing (a permission, ...).
    if (alongside > ready + 1e-6) {
      out.waited = s.held_by;
      out.wait = s.held_why;
    } else {
      out.wait = fmt::format("{}: handling shared with {} other units", load.label(), units_booking(L, load.label()));
    }
    step(out.steps, Activity::Loading, start, handled, 0, 0, load, fmt::format("loading {} at {}", s.ship, load.label()));
    step(out.steps, s.held_by, handled, s.depart, 0, 0, load, s.held_why);
    const double voyage = s.arrive - s.depart;
    step(out.steps, Activity::Carried, s.depart, s.arrive, 0, s.km, unload,
         fmt::format("{} > {} ({} {}, sharing the sailing)", load.label(), unload.label(), s.ship, s.carrier + 1));
    double unloaded = s.arrive + kPortHandlingMin, unload_start = s.arrive;
    if (unload.port && unload.port->vehicles_per_day > 0) {
      const auto off = handling(ctx, L, unload).take(s.arrive, vehicles, false);
      if (off.empty()) continue;
      unload_start = off.front().from;
      unloaded = book_portions(L, off, unload, "port", unit_id, trip_id, vehicles);
    }
    step(out.steps, Activity::ResourceWait, s.arrive, unload_start, s.km, s.km, unload,
         fmt::format("{}: handling", unload.label()));
    step(out.steps, Activity::Unloading, unload_start, unloaded, s.km, s.km, unload,
         fmt::format("unloading at {}", unload.label()));
    out.end = unloaded;
    s.lane_free -= need;
    Booking& booking = L.bookings[s.booking];
    booking.until = std::max(booking.until, unloaded + voyage);
    booking.vehicles += vehicles;
    L.fleets.at(s.ship).busy_until(s.carrier, booking.until);
    out.trips.push_back({"sea", fmt::format("{} {}", s.ship, s.carrier + 1), load.label(), unload.label(), start,
                         s.depart, s.arrive, unloaded, booking.until, vehicles, s.km, {}});
    return true;
  }
  return false;
}

}  // namespace

Itinerary by_rail(PlanningContext& ctx, const ClassMove& move, const Terminal& load, const Terminal& unload,
                  Ledgers& ledgers) {
  const scenario::Scenario& s = ctx.scenario;
  Itinerary failed;
  failed.leg.mode = "rail";
  // The rail path: on one gauge, or on two with a transshipment point between them.
  std::vector<int> gauges;
  for (const auto& f : s.resources.rail)
    if (f.trains > 0 && std::find(gauges.begin(), gauges.end(), f.gauge_mm) == gauges.end()) gauges.push_back(f.gauge_mm);
  std::vector<Section> best;
  const auto km_of = [](const std::vector<Section>& v) {
    double km = 0;
    for (const auto& x : v) km += x.km;
    return km;
  };
  for (const int g : gauges)
    if (auto sec = carrier_route(ctx, load, unload, Mode::Rail, g); sec && (best.empty() || sec->km < km_of(best)))
      best = {*sec};
  if (best.empty())
    for (const Terminal& t : ctx.transshipments)
      for (const int g1 : gauges)
        for (const int g2 : gauges) {
          if (g1 == g2) continue;
          auto first = carrier_route(ctx, load, t, Mode::Rail, g1);
          auto second = first ? carrier_route(ctx, t, unload, Mode::Rail, g2) : std::nullopt;
          if (second && (best.empty() || first->km + second->km < km_of(best))) best = {*first, *second};
        }
  if (best.empty()) {
    failed.reason = gauges.empty() ? "rail: the scenario has no rail fleet"
                                   : fmt::format("rail {} > {}: no rail line of a fleet's gauge joins them, not even "
                                                 "through a transshipment point", load.label(), unload.label());
    return failed;
  }
  int load_size = std::numeric_limits<int>::max();
  for (Section& sec : best) {
    sec.fleet = fleet_for(s, sec.gauge, sec.from->country);
    load_size = std::min(load_size, sec.fleet->wagons_per_train * per_wagon(move.vclass));
  }
  if (load.railhead->trains_per_day <= 0) {
    failed.reason = fmt::format("rail: {} has no loading slots (trains_per_day)", load.label());
    return failed;
  }
  const std::string nation = move.unit.nation, unit_id = move.unit.id;
  const CarryLoad carry = [&ctx, best, &load, &unload, nation, unit_id](Ledgers& L, double ready, int vehicles,
                                                                         const std::string& trip_id) {
    Carriage out;
    double t = ready, km = 0;
    for (std::size_t i = 0; i < best.size(); ++i) {
      const Section& sec = best[i];
      const scenario::RailFleet& f = *sec.fleet;
      const std::string fleet_name = resource_name::trains(f.nation);
      Fleet& fleet = L.fleets.try_emplace(fleet_name, f.trains, 0.0).first->second;
      const double train_free = fleet.first_free(1).second;
      const int train = fleet.first_free(1).first.front();
      double depart_from;  // the train is loaded
      double start = 0;
      if (i == 0) {
        const scenario::Railhead& rh = *load.railhead;
        const double t0 = std::max(t, train_free);
        const auto slot = handling(ctx, L, load).take(t0, 1, true);
        if (slot.empty()) {
          out.reason = fmt::format("rail: {} never has a loading slot free", load.label());
          return out;
        }
        start = slot.front().from;
        const double loading = rh.loading_hours_per_train > 0 ? rh.loading_hours_per_train * 60 : 1440 / rh.trains_per_day;
        out.start = start;
        out.wait = train_free > t + 1e-6
                       ? fmt::format("waiting for a {} ({} in the fleet, all on trips)", fleet_name, f.trains)
                       : fmt::format("{}: {:g} trains/day shared with {} other units", load.label(), rh.trains_per_day,
                                     units_booking(L, load.label()));
        L.bookings.push_back({load.label(), unit_id, trip_id, vehicles, start, start + loading, "railhead", 1});
        step(out.steps, Activity::Loading, start, start + loading, km, km, load,
             fmt::format("loading a {} at {}", fleet_name, load.label()));
        depart_from = start + loading;
      } else {
        // The gauge break: every vehicle moves to a train of the other gauge.
        const Terminal& at = *sec.from;
        const auto portions = handling(ctx, L, at).take(t, vehicles, false);
        if (portions.empty()) {
          out.reason = fmt::format("rail: {} cannot transship (no capacity)", at.label());
          return out;
        }
        step(out.steps, Activity::ResourceWait, t, portions.front().from, km, km, at,
             fmt::format("{}: {:g} vehicles/day shared with {} other units", at.label(),
                         at.transshipment->vehicles_per_day, units_booking(L, at.label())));
        const double end = book_portions(L, portions, at, "transshipment", unit_id, trip_id, vehicles);
        step(out.steps, Activity::Unloading, portions.front().from, end, km, km, at,
             fmt::format("transshipment at {}: gauge {} mm > {} mm", at.label(), best[i - 1].gauge, sec.gauge));
        start = end;
        depart_from = std::max(end, train_free);
        step(out.steps, Activity::ResourceWait, end, depart_from, km, km, at,
             fmt::format("waiting for a {} ({} in the fleet, all on trips)", fleet_name, f.trains));
      }
      const double depart = clear_to_go(ctx, nation, sec, depart_from, out.steps, km);
      const double speed = f.speed_kmh > 0 ? f.speed_kmh : 50;
      const double arrive = depart + sec.km / speed * 60;
      step(out.steps, Activity::Carried, depart, arrive, km, km + sec.km, *sec.to,
           fmt::format("rail {:.0f} km {} > {} ({} {})", sec.km, sec.from->label(), sec.to->label(), fleet_name, train + 1));
      km += sec.km;
      double free_again = arrive;
      if (i + 1 == best.size()) {
        if (unload.railhead) {
          const auto slot = handling(ctx, L, unload).take(arrive, 1, true);
          if (slot.empty()) {
            out.reason = fmt::format("rail: {} never has an unloading slot free", unload.label());
            return out;
          }
          const double unloading = unload.railhead->loading_hours_per_train > 0
                                       ? unload.railhead->loading_hours_per_train * 60
                                       : 1440 / unload.railhead->trains_per_day;
          step(out.steps, Activity::ResourceWait, arrive, slot.front().from, km, km, unload,
               fmt::format("{}: {:g} trains/day shared with {} other units", unload.label(),
                           unload.railhead->trains_per_day, units_booking(L, unload.label())));
          L.bookings.push_back({unload.label(), unit_id, trip_id, vehicles, slot.front().from,
                                slot.front().from + unloading, "railhead", 1});
          free_again = slot.front().from + unloading;
        } else {
          const auto portions = handling(ctx, L, unload).take(arrive, vehicles, false);
          if (portions.empty()) {
            out.reason = fmt::format("rail: {} cannot unload (no capacity)", unload.label());
            return out;
          }
          step(out.steps, Activity::ResourceWait, arrive, portions.front().from, km, km, unload,
               fmt::format("{}: {:g} vehicles/day", unload.label(), unload.transshipment->vehicles_per_day));
          free_again = book_portions(L, portions, unload, "transshipment", unit_id, trip_id, vehicles);
        }
        step(out.steps, Activity::Unloading, out.steps.back().until, free_again, km, km, unload,
             fmt::format("unloading at {}", unload.label()));
        out.end = free_again;
      } else {
        free_again = arrive;  // unloaded by the transshipment, counted on the next section
      }
      const double back = free_again + sec.km / speed * 60;  // returns empty at the same speed
      fleet.busy_until(train, back);
      L.bookings.push_back({fleet_name, unit_id, trip_id, vehicles, start, back, "train", 1});
      out.trips.push_back({"rail", fmt::format("{} {}", fleet_name, train + 1), sec.from->label(), sec.to->label(),
                           start, depart, arrive, free_again, back, vehicles, sec.km, {}});
      t = free_again;
    }
    return out;
  };
  const std::string how = fmt::format("trains of {} vehicles", load_size);
  return carried(ctx, move, ledgers, "rail", load, unload, best, load_size, how, carry);
}

Itinerary by_sea(PlanningContext& ctx, const ClassMove& move, const Terminal& load, const Terminal& unload,
                 Ledgers& ledgers) {
  const scenario::Scenario& s = ctx.scenario;
  Itinerary failed;
  failed.leg.mode = "sea";
  const auto section = carrier_route(ctx, load, unload, Mode::Sea, 0);
  if (!section) {
    failed.reason = fmt::format("sea {} > {}: no sea route joins them", load.label(), unload.label());
    return failed;
  }
  const double lane = vehicle_length(move.vclass) + kLaneGapM;
  int load_size = 0;
  for (const auto& ship : s.resources.ships)
    if (ship.count > 0) load_size = std::max(load_size, static_cast<int>(ship.lane_metres / lane));
  if (load_size <= 0) {
    failed.reason = "sea: the scenario has no ship that can take this vehicle class";
    return failed;
  }
  const std::string nation = move.unit.nation, unit_id = move.unit.id;
  const Section sec = *section;
  const CarryLoad carry = [&ctx, sec, &load, &unload, nation, unit_id, lane](Ledgers& L, double ready, int vehicles,
                                                                            const std::string& trip_id) {
    Carriage out;
    if (join_sailing(ctx, L, load, unload, ready, vehicles, lane, unit_id, trip_id, nation, sec, out)) return out;
    // The ship free first among those that can take the load.
    const scenario::Ship* ship = nullptr;
    Fleet* fleet = nullptr;
    int carrier = -1;
    double free = std::numeric_limits<double>::infinity();
    for (const auto& candidate : ctx.scenario.resources.ships) {
      if (candidate.count <= 0 || candidate.lane_metres / lane < vehicles) continue;
      Fleet& f = L.fleets.try_emplace(resource_name::ship(candidate.name), candidate.count, static_cast<double>(candidate.available_from))
                     .first->second;
      const auto [ids, when] = f.first_free(1);
      if (when < free) free = when, ship = &candidate, fleet = &f, carrier = ids.front();
    }
    if (!ship) {
      out.reason = "sea: no ship can take the load";
      return out;
    }
    const std::string ship_name = resource_name::ship(ship->name);
    // A berth, then the port's handling rate (a port without figures: a sailing in 6 h).
    const auto berth_and_handle = [&](const Terminal& port, double t, double& done) -> double {
      double start = t;
      Fleet* berths = nullptr;
      int berth = -1;
      if (port.port && port.port->berths > 0) {
        berths = &L.fleets.try_emplace(resource_name::berths(port.name), port.port->berths, 0.0).first->second;
        const auto [ids, when] = berths->first_free(1);
        berth = ids.front();
        start = std::max(start, when);
      }
      if (port.port && port.port->vehicles_per_day > 0) {
        const auto portions = handling(ctx, L, port).take(start, vehicles, false);
        if (portions.empty()) return std::numeric_limits<double>::quiet_NaN();
        start = portions.front().from;
        done = book_portions(L, portions, port, "port", unit_id, trip_id, vehicles);
      } else {
        done = start + kPortHandlingMin;
      }
      if (berths) {
        berths->busy_until(berth, done);
        L.bookings.push_back({resource_name::berths(port.name), unit_id, trip_id, vehicles, start, done, "berth", 1});
      }
      return start;
    };
    // Load so as to be done when the ship may sail: not days early at the quay.
    std::vector<Step> gate_steps;
    const double t0 = std::max(ready, free);
    const double gate = clear_to_go(ctx, nation, sec, t0, gate_steps, 0);
    const double handling_min =
        load.port && load.port->vehicles_per_day > 0 ? vehicles / load.port->vehicles_per_day * 1440 : kPortHandlingMin;
    double loaded = 0;
    const double load_start = berth_and_handle(load, std::max(t0, gate - handling_min), loaded);
    if (std::isnan(load_start)) {
      out.reason = fmt::format("sea: {} never has handling capacity", load.label());
      return out;
    }
    out.start = load_start;
    if (gate > t0 + 1e-6 && !gate_steps.empty()) {
      out.waited = gate_steps.back().activity;
      out.wait = gate_steps.back().detail;
    } else {
      out.wait = free > ready + 1e-6 ? fmt::format("waiting for {} ({} of them, all at sea or not yet available)",
                                                   ship_name, ship->count)
                                     : fmt::format("{}: berths and handling shared with {} other units", load.label(),
                                                   units_booking(L, load.label()));
    }
    step(out.steps, Activity::Loading, load_start, loaded, 0, 0, load, fmt::format("loading {} at {}", ship_name, load.label()));
    const double depart = clear_to_go(ctx, nation, sec, loaded, out.steps, 0);
    const double speed_kmh = (ship->speed_kn > 0 ? ship->speed_kn : 15) * 1.852;
    const double arrive = depart + sec.km / speed_kmh * 60;
    step(out.steps, Activity::Carried, depart, arrive, 0, sec.km, unload,
         fmt::format("sea {:.0f} km {} > {} ({} {})", sec.km, load.label(), unload.label(), ship_name, carrier + 1));
    double unloaded = 0;
    const double unload_start = berth_and_handle(unload, arrive, unloaded);
    if (std::isnan(unload_start)) {
      out.reason = fmt::format("sea: {} never has handling capacity", unload.label());
      return out;
    }
    step(out.steps, Activity::ResourceWait, arrive, unload_start, sec.km, sec.km, unload,
         fmt::format("{}: berths and handling", unload.label()));
    step(out.steps, Activity::Unloading, unload_start, unloaded, sec.km, sec.km, unload,
         fmt::format("unloading at {}", unload.label()));
    out.end = unloaded;
    const double back = unloaded + sec.km / speed_kmh * 60;  // the return voyage
    Sailing sailing{ship_name, load.label(), unload.label(), carrier, depart, arrive, sec.km,
                    ship->lane_metres - vehicles * lane, Activity::ResourceWait,
                    fmt::format("the sailing of {} {} leaves at {}", ship_name, carrier + 1, when(depart)),
                    L.bookings.size()};
    if (depart > loaded + 1e-6) {
      sailing.held_by = out.steps[out.steps.size() - 2].activity;
      sailing.held_why = out.steps[out.steps.size() - 2].detail;
    } else if (gate > t0 + 1e-6) {
      sailing.held_by = out.waited;
      sailing.held_why = out.wait;
    }
    L.sailings.push_back(std::move(sailing));
    fleet->busy_until(carrier, back);
    L.bookings.push_back({ship_name, unit_id, trip_id, vehicles, load_start, back, "ship", 1});
    out.trips.push_back({"sea", fmt::format("{} {}", ship_name, carrier + 1), load.label(), unload.label(), load_start,
                         depart, arrive, unloaded, back, vehicles, sec.km, {}});
    return out;
  };
  const std::string how = fmt::format("sailings of up to {} vehicles", load_size);
  return carried(ctx, move, ledgers, "sea", load, unload, {sec}, load_size, how, carry);
}


namespace {

// How many vehicles of the class one sortie of the aircraft takes: by payload, when the catalogue
// lists no aircraft for a type or lists this one (only what a source states is held against it).
int per_sortie(const VehicleClass& c, const scenario::Aircraft& a) {
  double heaviest = 0;
  for (const auto* t : c.types) {
    if (!t->transport.air.empty() &&
        std::find(t->transport.air.begin(), t->transport.air.end(), a.type) == t->transport.air.end())
      return 0;
    if (std::isnan(t->weight_t)) return 0;
    heaviest = std::max(heaviest, t->weight_t);
  }
  return heaviest > 0 && a.payload_t >= heaviest ? static_cast<int>(a.payload_t / heaviest) : 0;
}

}  // namespace

Sortie fly_sortie(PlanningContext& ctx, Ledgers& L, const Terminal& load, const Terminal& unload,
                  const std::string& nation, const std::string& unit_id, double ready, const SortieLoad& what,
                  const std::string& trip_id) {
  Sortie out;
  // A flight is a great circle; the permission to enter the destination's nation is its clearance.
  Section sec;
  sec.from = &load, sec.to = &unload;
  sec.km = geo::haversine_m(load.where, unload.where) / 1000;
  sec.countries = {load.country};
  if (unload.country != load.country) sec.countries.push_back(unload.country);
  const scenario::Aircraft* aircraft = nullptr;
  Fleet* fleet = nullptr;
  int carrier = -1;
  double free = std::numeric_limits<double>::infinity();
  for (const auto& a : ctx.scenario.resources.aircraft) {
    const int room = a.count > 0 && a.speed_kmh > 0 ? what.capacity(a) : 0;
    if (room <= 0 || (!what.partial && room < what.wanted)) continue;
    Fleet& f = L.fleets.try_emplace(resource_name::aircraft(a.type), a.count, 0.0).first->second;
    const auto [ids, when] = f.first_free(1);
    if (when < free) free = when, aircraft = &a, fleet = &f, carrier = ids.front(), out.carried = std::min(room, what.wanted);
  }
  if (!aircraft) {
    out.reason = "air: no aircraft can take the load";
    return out;
  }
  const int vehicles = what.passengers ? 0 : out.carried, passengers = what.passengers ? out.carried : 0;
  const std::string name = resource_name::aircraft(aircraft->type);
  // A parking place on the ground for the handling hours, at each end.
  const auto on_ground = [&](const Terminal& at, double t) -> std::pair<double, double> {
    const double hours = at.airfield->handling_hours > 0 ? at.airfield->handling_hours : 2;
    if (at.airfield->max_on_ground <= 0) return {t, t + hours * 60};
    Fleet& places = L.fleets.try_emplace(resource_name::on_the_ground(at.name), at.airfield->max_on_ground, 0.0).first->second;
    const auto [ids, when] = places.first_free(1);
    const double start = std::max(t, when);
    places.busy_until(ids.front(), start + hours * 60);
    L.bookings.push_back({resource_name::on_the_ground(at.name), unit_id, trip_id, vehicles, start, start + hours * 60,
                          "airfield", 1});
    return {start, start + hours * 60};
  };
  std::vector<Step> gate_steps;
  const double t0 = std::max(ready, free);
  const double gate = clear_to_go(ctx, nation, sec, t0, gate_steps, 0);
  const double handling = (load.airfield->handling_hours > 0 ? load.airfield->handling_hours : 2) * 60;
  const auto [load_start, loaded] = on_ground(load, std::max(t0, gate - handling));
  out.start = load_start;
  if (gate > t0 + 1e-6 && !gate_steps.empty()) {
    out.waited = gate_steps.back().activity;
    out.wait = gate_steps.back().detail;
  } else {
    out.wait = free > ready + 1e-6
                   ? fmt::format("waiting for an {} ({} of them, all flying)", name, aircraft->count)
                   : fmt::format("{}: {} on the ground at once", load.label(), load.airfield->max_on_ground);
  }
  step(out.steps, Activity::Loading, load_start, loaded, 0, 0, load,
       passengers ? fmt::format("{} troops boarding an {} at {}", passengers, name, load.label())
                  : fmt::format("loading an {} at {}", name, load.label()));
  const double depart = clear_to_go(ctx, nation, sec, loaded, out.steps, 0);
  const double arrive = depart + sec.km / aircraft->speed_kmh * 60;
  step(out.steps, Activity::Carried, depart, arrive, 0, sec.km, unload,
       fmt::format("air {:.0f} km {} > {} ({} {})", sec.km, load.label(), unload.label(), name, carrier + 1));
  const auto [unload_start, unloaded] = on_ground(unload, arrive);
  step(out.steps, Activity::ResourceWait, arrive, unload_start, sec.km, sec.km, unload,
       fmt::format("{}: {} on the ground at once", unload.label(), unload.airfield->max_on_ground));
  step(out.steps, Activity::Unloading, unload_start, unloaded, sec.km, sec.km, unload,
       fmt::format("unloading at {}", unload.label()));
  out.end = unloaded;
  const double back = unloaded + sec.km / aircraft->speed_kmh * 60;
  fleet->busy_until(carrier, back);
  L.bookings.push_back({name, unit_id, trip_id, vehicles, load_start, back, "aircraft", 1});
  out.trip = {"air", fmt::format("{} {}", name, carrier + 1), load.label(), unload.label(), load_start, depart,
              arrive, unloaded, back, vehicles, sec.km, {}, passengers};
  return out;
}

Itinerary by_air(PlanningContext& ctx, const ClassMove& move, const Terminal& load, const Terminal& unload,
                 Ledgers& ledgers) {
  const scenario::Scenario& s = ctx.scenario;
  int load_size = 0;
  for (const auto& a : s.resources.aircraft)
    if (a.count > 0 && a.speed_kmh > 0) load_size = std::max(load_size, per_sortie(move.vclass, a));
  if (load_size <= 0) {
    Itinerary failed;
    failed.leg.mode = "air";
    failed.reason = fmt::format("air: no aircraft of the scenario can carry a {}", move.vclass.limits.label);
    return failed;
  }
  Section sec;
  sec.from = &load, sec.to = &unload;
  sec.km = geo::haversine_m(load.where, unload.where) / 1000;
  sec.geometry = {load.where, unload.where};
  sec.countries = {load.country};
  if (unload.country != load.country) sec.countries.push_back(unload.country);
  const std::string nation = move.unit.nation, unit_id = move.unit.id;
  const VehicleClass& vclass = move.vclass;
  const CarryLoad carry = [&ctx, &load, &unload, nation, unit_id, &vclass](Ledgers& L, double ready, int vehicles,
                                                                         const std::string& trip_id) {
    const SortieLoad what{vehicles, false, false, [&vclass](const scenario::Aircraft& a) { return per_sortie(vclass, a); }};
    Sortie sortie = fly_sortie(ctx, L, load, unload, nation, unit_id, ready, what, trip_id);
    Carriage out;
    out.reason = std::move(sortie.reason);
    if (!out.reason.empty()) return out;
    out.start = sortie.start, out.wait = std::move(sortie.wait), out.waited = sortie.waited;
    out.steps = std::move(sortie.steps), out.end = sortie.end;
    out.trips.push_back(std::move(sortie.trip));
    return out;
  };
  const std::string how = fmt::format("sorties of up to {} vehicles", load_size);
  return carried(ctx, move, ledgers, "air", load, unload, {sec}, load_size, how, carry);
}

}  // namespace milmob::planning
