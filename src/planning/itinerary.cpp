#include "planning/itinerary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/distance.h"
#include "planning/itinerary_parts.h"
#include "planning/resource_names.h"
#include "vehicles/mlc.h"

namespace milmob::planning {

using namespace parts;

namespace {

constexpr double kHandlingMin = 60;  // assumption: a HET is loaded or unloaded in an hour

// A leg on one road route from home to destination, in the leg's mode (road or HET).
void door_to_door(ClassLeg& leg, const routing::Route& route) {
  leg.distance_km = route.distance_m / 1000;
  leg.unconstrained_km = route.unconstrained_distance_m / 1000;
  leg.countries = route.countries;
  for (const auto& d : route.detours) leg.detours.push_back(d.text);
  leg.geometry = route.geometry;
  leg.parts = {road_part(route, "home", "destination", leg.mode)};
}

// The class's HET: the empty tractor and semi-trailer of the fleet's nation in the catalogue.
const vehicles::VehicleType* het_type(const vehicles::Catalogue& catalogue, const std::string& nation) {
  const vehicles::VehicleType* any = nullptr;
  for (const auto& v : catalogue.all()) {
    if (v.category != "het" || v.name.find("(empty)") == std::string::npos) continue;
    if (v.nation == nation) return &v;
    if (!any) any = &v;
  }
  return any;
}

// The name of the network's place nearest to p (within 5 km), else the sea link's and p's coordinates.
std::string network_place_name(const Network& net, const geo::LonLat& p, EdgeId link) {
  double best = 5000;
  std::string name = net.edge_name(link).empty() ? fmt::format("{:.3f},{:.3f}", p.lon, p.lat)
                                                 : fmt::format("{:.3f},{:.3f} ({})", p.lon, p.lat, net.edge_name(link));
  for (std::size_t i = 0; i < net.place_count(); ++i) {
    const geo::LonLat q{net.place_lon_e7[i] / 1e7, net.place_lat_e7[i] / 1e7};
    const double d = geo::haversine_m(p, q);
    if (d < best && !net.names.at(net.place_name[i]).empty()) best = d, name = std::string(net.names.at(net.place_name[i]));
  }
  return name;
}

double max_known(double a, double b) { return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b); }

}  // namespace

Itinerary by_road(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers) {
  const scenario::Unit& unit = move.unit;
  const VehicleClass& c = move.vclass;
  Itinerary it;
  it.leg = class_leg(c, "road");
  std::string reason;
  const auto route = road_route(ctx, unit.home.where, unit.destination.where, c.limits, unit.notice_to_move_h * 60,
                                static_cast<double>(unit.required_delivery), reason);
  if (!route) {
    it.reason = "no road route from home to destination: " + reason;
    return it;
  }
  it.found = true;
  ClassLeg& leg = it.leg;
  door_to_door(leg, *route);
  leg.itinerary = fmt::format("road {:.0f} km", leg.distance_km);
  it.breaks_het_rule = c.limits.tracked && leg.distance_km > ctx.scenario.rules.het.tracked_over_km;

  const auto steps = steps_of(ctx, *route, c.limits.max_speed_kmh);
  const CentresOnRoute on_route = centres_on_route(steps, ledgers.centres.centres());
  MarchContext mctx = march_context(ctx, move, ledgers);
  const scenario::ConvoyRules& rules = ctx.scenario.rules.convoy;
  double t = move.start, pushed = 0;
  const auto sizes = split(c.vehicles, rules.vehicles_per_march_unit);
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    const std::string id = march_unit_id(move, static_cast<int>(k));
    MarchUnit mu = march(steps, t, sizes[k], id, mctx, &on_route);
    // A unit may not arrive before its earliest arrival date: leave later, and again if a
    // window or a rest moved the arrival (each try only moves it later).
    if (unit.earliest_arrival && std::isfinite(mu.arrive) && mu.arrive < static_cast<double>(*unit.earliest_arrival) - 1e-6) {
      const auto try_at = [&](double leave) {
        ledgers.centres.release(id);
        const MarchUnit m = march(steps, leave, sizes[k], id, mctx, &on_route);
        return TimedMarch{m.depart, m.arrive};
      };
      const double later = departure_for_earliest_arrival({mu.depart, mu.arrive}, static_cast<double>(*unit.earliest_arrival), try_at);
      ledgers.centres.release(id);
      mu = march(steps, later, sizes[k], id, mctx, &on_route);
      mu.held = later - t;
    }
    // The next march unit leaves after this one has passed, held or not: march units held to the
    // same arrival would otherwise leave the start point together. What the holds ahead put a
    // march unit's start back by counts as held too (not as the column's length).
    const double own = mu.held;
    mu.held += pushed;
    pushed += own;
    it.march_units.push_back(std::move(mu));
    t += own + column_minutes(rules, sizes[k]);
  }
  it.next_start = t - pushed;  // the next serial as before: each is held on its own
  return it;
}

Itinerary by_het(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers) {
  const scenario::Unit& unit = move.unit;
  const VehicleClass& c = move.vclass;
  Itinerary it;
  it.leg = class_leg(c, "het");
  const auto fleet_rule = std::find_if(ctx.scenario.resources.hets.begin(), ctx.scenario.resources.hets.end(),
                                       [&](const scenario::HetFleet& f) { return f.nation == unit.nation && f.count > 0; });
  if (fleet_rule == ctx.scenario.resources.hets.end()) {
    it.reason = fmt::format("HET: the scenario gives {} no heavy equipment transporters", unit.nation);
    return it;
  }
  const vehicles::VehicleType* het = het_type(ctx.catalogue, unit.nation);
  if (!het) {
    it.reason = "HET: the catalogue has no empty HET combination";
    return it;
  }
  // The loaded combination: the HET's weight plus the vehicle's, the wider of the two; the
  // loaded height is unknown (deck heights are not published) and does not constrain.
  vehicles::VehicleLimits loaded;
  loaded.label = fmt::format("{} + {}", het->name, c.limits.label);
  loaded.weight_t = het->weight_t + c.limits.weight_t;
  loaded.width_m = max_known(het->width_m, c.limits.width_m);
  loaded.mlc = vehicles::mlc_from_weight(loaded.weight_t, false);
  loaded.max_speed_kmh = het->road_speed_kmh;
  std::string reason;
  const auto route = road_route(ctx, unit.home.where, unit.destination.where, loaded, unit.notice_to_move_h * 60,
                                static_cast<double>(unit.required_delivery), reason);
  if (!route) {
    it.reason = fmt::format("HET ({}, {:.0f} t, MLC {:.0f}): {}", loaded.label, loaded.weight_t, loaded.mlc, reason);
    return it;
  }
  it.found = true;
  ClassLeg& leg = it.leg;
  door_to_door(leg, *route);
  leg.parts.front().het_type = het->name;

  const std::string fleet_name = resource_name::hets(unit.nation);
  Fleet& fleet = ledgers.fleets.try_emplace(fleet_name, fleet_rule->count, 0.0).first->second;
  leg.itinerary = fmt::format("on HETs ({}) {:.0f} km, {} in the fleet", het->name, leg.distance_km, fleet.size());
  const auto steps = steps_of(ctx, *route, loaded.max_speed_kmh);
  const CentresOnRoute on_route = centres_on_route(steps, ledgers.centres.centres());
  MarchContext mctx = march_context(ctx, move, ledgers);
  const scenario::ConvoyRules& rules = ctx.scenario.rules.convoy;
  double t = move.start;
  int k = 0, trip_no = 0;
  for (const int load : split(c.vehicles, fleet.size())) {
    const auto [carriers, free] = fleet.first_free(load);
    const double load_start = std::max(t, free);
    double last_arrive = load_start, first_depart = std::numeric_limits<double>::infinity();
    Trip trip{"het", fmt::format("{} x{}", fleet_name, load), "home", "destination", load_start, 0, 0, 0, 0, load,
              leg.distance_km, {}};
    double offset = 0;
    for (const int n : split(load, rules.vehicles_per_march_unit)) {
      const std::string id = march_unit_id(move, k++);
      MarchUnit mu;
      mu.id = id, mu.vehicles = n, mu.depart = load_start + offset;
      if (load_start > t) {
        mu.carrier_wait = load_start - t;
        mu.carrier_wait_detail =
            fmt::format("at home for {} HETs of the {} fleet of {}, busy on earlier trips", load, unit.nation, fleet.size());
      }
      add_step(mu, Activity::Loading, load_start + offset, load_start + offset + kHandlingMin, 0, 0, unit.home.where,
               unit.home.country, fmt::format("onto {} HETs at home", n));
      double leave = load_start + offset + kHandlingMin;
      MarchUnit drive = march(steps, leave, n, id, mctx, &on_route);
      // Not before the earliest arrival date: the loaded HETs leave later (as by road).
      if (unit.earliest_arrival && std::isfinite(drive.arrive) &&
          drive.arrive + kHandlingMin < static_cast<double>(*unit.earliest_arrival) - 1e-6) {
        const auto try_at = [&](double later) {
          ledgers.centres.release(id);
          return TimedMarch{later, march(steps, later, n, id, mctx, &on_route).arrive + kHandlingMin};
        };
        leave = departure_for_earliest_arrival({leave, drive.arrive + kHandlingMin},
                                               static_cast<double>(*unit.earliest_arrival), try_at);
        ledgers.centres.release(id);
        drive = march(steps, leave, n, id, mctx, &on_route);
      }
      mu.held = leave - (load_start + offset + kHandlingMin);
      add_step(mu, Activity::StartOffset, leave - mu.held, leave, 0, 0, unit.home.where, unit.home.country,
               "held so as not to arrive before the earliest arrival date");
      // HETs are a road convoy: their drives are drives (windows, halts, rests), said to be on HETs.
      for (Step& s : drive.steps)
        if (s.activity == Activity::Drive) s.detail = "on HETs";
      first_depart = std::min(first_depart, drive.depart);
      append_march(mu, drive);
      add_step(mu, Activity::Unloading, mu.arrive, mu.arrive + kHandlingMin, km_done(mu), km_done(mu),
               unit.destination.where, unit.destination.country, "off the HETs at the destination");
      mu.arrive += kHandlingMin;
      last_arrive = std::max(last_arrive, mu.arrive);
      trip.march_units.push_back(id);
      it.march_units.push_back(std::move(mu));
      offset += column_minutes(rules, n);
    }
    trip.depart = first_depart, trip.arrive = last_arrive - kHandlingMin, trip.unload_end = last_arrive;
    // Back empty in as long as the loaded drive took (assumption), less its waits for border
    // permissions: they have run by the time the HETs return.
    double permission_waits = std::numeric_limits<double>::infinity();
    for (const MarchUnit& mu : it.march_units)
      if (std::find(trip.march_units.begin(), trip.march_units.end(), mu.id) != trip.march_units.end()) {
        double waited = 0;
        for (const Step& s : mu.steps)
          if (s.activity == Activity::PermissionWait) waited += s.until - s.from;
        permission_waits = std::min(permission_waits, waited);
      }
    trip.back = last_arrive + std::max(0.0, trip.arrive - trip.depart - permission_waits);
    for (const int carrier : carriers) fleet.busy_until(carrier, trip.back);
    ledgers.bookings.push_back({fleet_name, unit.id, fmt::format("{}/S{}/H{}", unit.id, move.serial, ++trip_no), load,
                                load_start, trip.back, "het", static_cast<double>(load)});
    it.trips.push_back(std::move(trip));
    t += offset;
  }
  it.next_start = t;
  return it;
}

void find_terminals(PlanningContext& ctx) {
  const scenario::Resources& r = ctx.scenario.resources;
  for (const auto& x : r.railheads)
    ctx.railheads.push_back({"railhead", x.place.label(), x.place.where, x.place.country, &x, nullptr, nullptr, nullptr});
  for (const auto& x : r.transshipment)
    ctx.transshipments.push_back(
        {"transshipment", x.place.label(), x.place.where, x.place.country, nullptr, &x, nullptr, nullptr});
  for (const auto& x : r.ports)
    ctx.ports.push_back({"port", x.place.label(), x.place.where, x.place.country, nullptr, nullptr, &x, nullptr});
  for (const auto& x : r.airfields)
    ctx.airfields.push_back({"airfield", x.place.label(), x.place.where, x.place.country, nullptr, nullptr, nullptr, &x});
  // Where a sea link of the network ends is a port too, one the scenario gives no figures for.
  const Network& net = ctx.router.net();
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    if (net.mode[e] != Mode::Sea) continue;
    for (const NodeId n : {net.tail[e], net.head[e]}) {
      const geo::LonLat p = net.node_coord(n);
      const bool known = std::any_of(ctx.ports.begin(), ctx.ports.end(),
                                     [&](const Terminal& t) { return geo::haversine_m(t.where, p) < 5000; });
      if (known) continue;
      const std::string country =
          net.node_country[n] == kNoCountry ? std::string() : std::string(net.country_code(net.node_country[n]));
      ctx.ports.push_back({"port", network_place_name(net, p, e), p, country, nullptr, nullptr, nullptr, nullptr});
    }
  }
}

std::vector<const Terminal*> nearest_terminals(const std::vector<const Terminal*>& terminals, const geo::LonLat& p,
                                               std::size_t count, double max_km) {
  std::vector<std::pair<double, const Terminal*>> near;
  for (const Terminal* t : terminals) {
    const double km = geo::haversine_m(t->where, p) / 1000;
    if (km <= max_km) near.emplace_back(km, t);
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Terminal*> out;
  for (std::size_t i = 0; i < near.size() && i < count; ++i) out.push_back(near[i].second);
  return out;
}

}  // namespace milmob::planning
