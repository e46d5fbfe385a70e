#include "planning/planner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "common/error.h"
#include "planning/road_march.h"
#include "scenario/vehicle_lookup.h"

namespace milmob::planning {

namespace {

struct VehicleClass {
  vehicles::VehicleLimits limits;
  std::vector<std::string> types;
  int vehicles = 0;
};


// Types with the same physical limits share routes: one class each, labelled by its first type.
std::vector<VehicleClass> classes_of(const scenario::Unit& unit, const scenario::Scenario& s,
                                     const vehicles::Catalogue& catalogue) {
  std::vector<VehicleClass> out;
  const auto key = [](const vehicles::VehicleLimits& l) {
    const auto v = [](double x) { return std::isnan(x) ? -1.0 : x; };
    return std::make_tuple(v(l.weight_t), v(l.axle_load_t), v(l.height_m), v(l.width_m), v(l.mlc), l.tracked,
                           v(l.max_speed_kmh));
  };
  for (const auto& e : unit.equipment) {
    const vehicles::VehicleType* type = scenario::find_vehicle_type(s, catalogue, e.type);
    if (!type) throw InputError(fmt::format("unit '{}': unknown vehicle type '{}'", unit.id, e.type));
    const vehicles::VehicleLimits limits = vehicles::limits_of(*type);
    auto it = std::find_if(out.begin(), out.end(), [&](const VehicleClass& c) { return key(c.limits) == key(limits); });
    if (it == out.end()) it = out.insert(out.end(), VehicleClass{limits, {}, 0});
    it->types.push_back(type->name);
    it->vehicles += e.count;
  }
  return out;
}

// Convoy speed on a road class (DOMAIN.md "Road movement"), never above the edge's or the vehicle's.
double convoy_kmh(const scenario::ConvoyRules& rules, RoadClass c) {
  switch (c) {
    case RoadClass::Motorway: case RoadClass::Trunk: case RoadClass::MotorwayLink: case RoadClass::TrunkLink:
      return rules.speed_motorway_kmh;
    case RoadClass::Residential: case RoadClass::Service: case RoadClass::Track:
      return rules.speed_built_up_kmh;
    default:
      return rules.speed_two_lane_kmh;
  }
}

std::vector<RoadStep> steps_of(const Network& net, const routing::Route& route, const scenario::ConvoyRules& rules,
                               double vehicle_kmh, const Overlay& overlay) {
  std::vector<RoadStep> steps;
  for (const auto& piece : route.pieces) {
    const EdgeId e = piece.edge;
    const double km = net.length_m[e] * (piece.to - piece.from) / 1000;
    if (km <= 0) continue;
    double kmh = std::min<double>(convoy_kmh(rules, net.road_class[e]), net.speed_kmh[e]);
    if (!std::isnan(vehicle_kmh)) kmh = std::min(kmh, vehicle_kmh);
    const auto country = [&](NodeId n) {
      return net.node_country[n] == kNoCountry ? std::string() : std::string(net.country_code(net.node_country[n]));
    };
    const auto at = [&](double f) {
      const geo::LonLat a = net.node_coord(net.tail[e]), b = net.node_coord(net.head[e]);
      return geo::LonLat{a.lon + (b.lon - a.lon) * f, a.lat + (b.lat - a.lat) * f};
    };
    // Only nodes carry a country: an edge between two nations is taken to cross the border
    // halfway (a strategic link can be 300 km long), and a piece's ends are in the nation of
    // the node they are nearer to.
    const std::string from = country(piece.from <= 0.5 ? net.tail[e] : net.head[e]);
    const std::string to = country(piece.to >= 0.5 ? net.head[e] : net.tail[e]);
    const double length_km = net.length_m[e] / 1000;
    if (from != to && piece.from < 0.5 && piece.to > 0.5) {
      steps.push_back({length_km * (0.5 - piece.from), kmh, from, from, at(piece.from), at(0.5), overlay.closed(e)});
      steps.push_back({length_km * (piece.to - 0.5), kmh, from, to, at(0.5), at(piece.to), overlay.closed(e)});
    } else {
      steps.push_back({km, kmh, from, to, at(piece.from), at(piece.to), overlay.closed(e)});
    }
  }
  return steps;
}

std::string hours(double minutes) {
  if (minutes < 60) return fmt::format("{:.0f} min", minutes);
  return fmt::format("{:.1f} h", minutes / 60);
}

// The minutes between the unit's ready time and its last march unit's arrival, by cause.
std::vector<Delay> delays_of(const MarchUnit& last, double ready, int count) {
  std::map<Activity, Delay> by_cause;
  if (last.depart > ready) {
    const double column = last.depart - ready - last.held;
    std::string text;
    if (column > 0) text = fmt::format("the last of {} march units leaves {} after the first", count, hours(column));
    if (last.held > 0)
      text += fmt::format("{}held {} so as not to arrive before the earliest arrival date", text.empty() ? "" : "; ",
                          hours(last.held));
    by_cause[Activity::StartOffset] = {Activity::StartOffset, last.depart - ready, text};
  }
  std::map<Activity, std::vector<std::string>> details;
  double km = 0;
  int nights = 0, halts = 0;
  for (const Step& s : last.steps) {
    Delay& d = by_cause[s.activity];
    d.cause = s.activity;
    d.minutes += s.until - s.from;
    if (s.activity == Activity::Drive) km += s.km_to - s.km_from;
    if (s.activity == Activity::NightStop) ++nights;
    if (s.activity == Activity::Halt) ++halts;
    auto& list = details[s.activity];
    if (!s.detail.empty() && std::find(list.begin(), list.end(), s.detail) == list.end()) list.push_back(s.detail);
  }
  std::vector<Delay> out;
  for (auto& [cause, d] : by_cause) {
    const std::string what = fmt::format("{}", fmt::join(details[cause], "; "));
    switch (cause) {
      case Activity::Drive: d.text = fmt::format("driving {} for {:.0f} km at convoy speeds", hours(d.minutes), km); break;
      case Activity::Halt: d.text = fmt::format("{} halts per the convoy rules: {}", halts, hours(d.minutes)); break;
      case Activity::NightStop:
        d.text = fmt::format("{} night stop{} ({}): {}", nights, nights == 1 ? "" : "s", what, hours(d.minutes));
        break;
      case Activity::WindowWait: d.text = fmt::format("waited {} for movement windows: {}", hours(d.minutes), what); break;
      case Activity::PermissionWait: d.text = fmt::format("waited {} at the border: {}", hours(d.minutes), what); break;
      case Activity::ClosureWait: d.text = fmt::format("waited {} for closed roads or borders: {}", hours(d.minutes), what); break;
      case Activity::StartOffset: break;
    }
    out.push_back(d);
  }
  std::stable_sort(out.begin(), out.end(), [](const Delay& a, const Delay& b) { return a.minutes > b.minutes; });
  return out;
}

}  // namespace

bool Plan::all_feasible() const {
  return std::all_of(units.begin(), units.end(), [](const UnitPlan& u) { return u.feasible; });
}

Plan plan_by_road(const scenario::Scenario& s, const vehicles::Catalogue& catalogue,
                  const scenario::HolidayCalendar& calendar, routing::Router& router, const Overlay& overlay,
                  const PlanOptions& options) {
  Plan plan;
  plan.scenario = s.name;
  plan.notes = overlay.notes();
  const ClockRules clock(s, calendar);
  CentreLedger centres(s.resources.convoy_support_centres, &overlay);
  std::vector<const scenario::Unit*> order;
  for (const auto& u : s.units) order.push_back(&u);
  std::stable_sort(order.begin(), order.end(), [](const scenario::Unit* a, const scenario::Unit* b) {
    return std::tie(a->priority, a->required_delivery, a->id) < std::tie(b->priority, b->required_delivery, b->id);
  });
  const scenario::ConvoyRules& rules = s.rules.convoy;
  for (const scenario::Unit* unit : order) {
    UnitPlan up;
    up.id = unit->id, up.name = unit->name, up.nation = unit->nation;
    up.ready = unit->notice_to_move_h * 60;
    up.required_delivery = static_cast<double>(unit->required_delivery);
    double next_start = up.ready;
    int serial = 0;
    MarchContext ctx{clock, &overlay, rules, unit->nation, unit->id, centres};
    for (const VehicleClass& c : classes_of(*unit, s, catalogue)) {
      ++serial;
      routing::RouteRequest request;
      request.from = unit->home.where;
      request.to = unit->destination.where;
      request.vehicle = c.limits;
      request.max_snap_m = options.max_snap_m;
      // Around every closure that falls between ready and the required delivery date if the
      // class can; else through what closes only for a while, waiting for it to open.
      routing::Route route;
      try {
        if (overlay.changes_nothing()) {
          route = router.route(request);  // the class's customization, made once and kept
        } else {
          const routing::VehicleCost& base = router.prepare(c.limits, routing::Algorithm::CH).cost;
          route = router.route_with_cost(request, overlay.cost(base, c.limits, up.ready, up.required_delivery));
          if (!route.found) route = router.route_with_cost(request, overlay.cost(base, c.limits, 0, 0));
        }
      } catch (const InputError& e) {
        route.reason = e.what();
      }
      ClassLeg leg{c.limits.label, c.types, c.vehicles, route.distance_m / 1000, route.unconstrained_distance_m / 1000,
                   route.countries, {}, route.geometry};
      for (const auto& d : route.detours) leg.detours.push_back(d.text);
      up.legs.push_back(leg);
      if (!route.found) {
        up.feasible = false;
        up.infeasible_reason = fmt::format("{}: no road route from home to destination: {}", c.limits.label,
                                           route.reason.empty() ? "no route" : route.reason);
        continue;
      }
      const std::vector<RoadStep> steps = steps_of(router.net(), route, rules, c.limits.max_speed_kmh, overlay);
      const int count = (c.vehicles + rules.vehicles_per_march_unit - 1) / rules.vehicles_per_march_unit;
      for (int k = 0; k < count; ++k) {
        // Vehicles spread evenly; each march unit leaves when the previous one has passed.
        const int n = c.vehicles / count + (k < c.vehicles % count ? 1 : 0);
        const double pass_min = n * rules.gap_rural_m / (rules.speed_two_lane_kmh * 1000 / 60);
        const std::string id = fmt::format("{}/S{}/M{}", unit->id, serial, k + 1);
        MarchUnit mu = march(steps, next_start, n, id, ctx);
        // A unit may not arrive before its earliest arrival date: leave later, and again if a
        // window or a rest moved the arrival (a few tries: each only moves it later).
        for (int tries = 0; tries < 4 && unit->earliest_arrival && std::isfinite(mu.arrive) &&
                            mu.arrive < static_cast<double>(*unit->earliest_arrival) - 1e-6;
             ++tries) {
          centres.release(id);
          const double later = mu.depart + static_cast<double>(*unit->earliest_arrival) - mu.arrive;
          mu = march(steps, later, n, id, ctx);
          mu.held = later - next_start;
        }
        mu.serial = fmt::format("{}/S{}", unit->id, serial);
        mu.vehicle_class = c.limits.label;
        up.march_units.push_back(std::move(mu));
        next_start += pass_min + rules.march_unit_gap_min;
      }
    }
    if (!up.march_units.empty()) {
      up.departure = up.march_units.front().depart;
      const auto last = std::max_element(up.march_units.begin(), up.march_units.end(),
                                         [](const MarchUnit& a, const MarchUnit& b) { return a.arrive < b.arrive; });
      up.arrival = last->arrive;
      if (!std::isfinite(up.arrival)) {
        up.feasible = false;
        up.infeasible_reason = fmt::format("march unit {} can never move: {}", last->id, last->steps.back().detail);
      }
      up.delays = delays_of(*last, up.ready, static_cast<int>(up.march_units.size()));
    }
    if (up.feasible) plan.closure = std::max(plan.closure, up.arrival);
    plan.units.push_back(std::move(up));
  }
  plan.bookings = centres.bookings();
  return plan;
}

}  // namespace milmob::planning
