#include "planning/itinerary_parts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "common/error.h"
#include "geo/distance.h"

namespace milmob::planning::parts {

namespace {

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

std::string limits_key(const vehicles::VehicleLimits& l) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}", l.weight_t, l.axle_load_t, l.height_m, l.width_m, l.mlc, l.tracked,
                     l.max_speed_kmh);
}

}  // namespace

std::optional<routing::Route> road_route(PlanningContext& ctx, const geo::LonLat& from, const geo::LonLat& to,
                                         const vehicles::VehicleLimits& limits, double avoid_from, double avoid_until,
                                         std::string& reason) {
  const bool plain = ctx.overlay.changes_nothing();
  const std::string key = fmt::format("{:.6f},{:.6f}>{:.6f},{:.6f}|{}|{}", from.lon, from.lat, to.lon, to.lat,
                                      limits_key(limits), plain ? "" : fmt::format("{}-{}", avoid_from, avoid_until));
  auto it = ctx.routes.find(key);
  if (it == ctx.routes.end()) {
    routing::RouteRequest request;
    request.from = from;
    request.to = to;
    request.vehicle = limits;
    request.max_snap_m = ctx.max_snap_m;
    routing::Route route;
    try {
      if (plain) {
        route = ctx.router.route(request);  // the class's customization, made once and kept
      } else {
        const routing::VehicleCost& base = ctx.router.prepare(limits, routing::Algorithm::CH).cost;
        route = ctx.router.route_with_cost(request, ctx.overlay.cost(base, limits, avoid_from, avoid_until));
        if (!route.found) route = ctx.router.route_with_cost(request, ctx.overlay.cost(base, limits, 0, 0));
      }
    } catch (const InputError& e) {
      route.reason = e.what();
    }
    it = ctx.routes.emplace(key, std::move(route)).first;
  }
  if (!it->second.found) {
    reason = it->second.reason.empty() ? "no route" : it->second.reason;
    return std::nullopt;
  }
  return it->second;
}

std::vector<RoadStep> steps_of(const PlanningContext& ctx, const routing::Route& route, double vehicle_kmh) {
  const Network& net = ctx.router.net();
  const scenario::ConvoyRules& rules = ctx.scenario.rules.convoy;
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
    const auto* closed = ctx.overlay.closed(e);
    if (from != to && piece.from < 0.5 && piece.to > 0.5) {
      steps.push_back({length_km * (0.5 - piece.from), kmh, from, from, at(piece.from), at(0.5), closed});
      steps.push_back({length_km * (piece.to - 0.5), kmh, from, to, at(0.5), at(piece.to), closed});
    } else {
      steps.push_back({km, kmh, from, to, at(piece.from), at(piece.to), closed});
    }
  }
  return steps;
}

std::vector<int> split(int vehicles, int size) {
  const int count = (vehicles + size - 1) / size;
  std::vector<int> out;
  for (int k = 0; k < count; ++k) out.push_back(vehicles / count + (k < vehicles % count ? 1 : 0));
  return out;
}

double departure_for_earliest_arrival(TimedMarch first, double earliest,
                                      const std::function<TimedMarch(double)>& try_at) {
  const auto early = [&](const TimedMarch& m) { return std::isfinite(m.arrive) && m.arrive < earliest - 1e-6; };
  TimedMarch now = first;
  double leave = first.depart, in_vain = first.depart, step = 0;
  int tries = 0;
  for (; tries < 64 && early(now); ++tries) {
    const double lack = earliest - now.arrive;
    step = tries < 4 ? lack : std::max(2 * step, lack);
    in_vain = leave;
    leave = now.depart + step;
    now = try_at(leave);
  }
  // Moved by doubling: the first departure in time lies between the last two tried.
  if (tries > 4 && !early(now))
    while (leave - in_vain > 1) {
      const double mid = (in_vain + leave) / 2;
      (early(try_at(mid)) ? in_vain : leave) = mid;
    }
  return leave;
}

double column_minutes(const scenario::ConvoyRules& rules, int vehicles) {
  return vehicles * rules.gap_rural_m / (rules.speed_two_lane_kmh * 1000 / 60) + rules.march_unit_gap_min;
}

MarchContext march_context(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers) {
  return MarchContext{ctx.clock, &ctx.overlay, ctx.scenario.rules.convoy, move.unit.nation, move.unit.id, ledgers.centres};
}

std::string march_unit_id(const ClassMove& move, int k) { return fmt::format("{}/S{}/M{}", move.unit.id, move.serial, k + 1); }

void add_step(MarchUnit& mu, Activity activity, double from, double until, double km_from, double km_to,
              const geo::LonLat& where, const std::string& country, const std::string& detail) {
  if (until - from <= 1e-9 && km_to <= km_from) return;
  mu.steps.push_back({activity, from, until, km_from, km_to, where, country, detail});
}

double km_done(const MarchUnit& mu) { return mu.steps.empty() ? 0 : mu.steps.back().km_to; }

void append_march(MarchUnit& mu, const MarchUnit& leg) {
  const double offset = km_done(mu);
  for (Step s : leg.steps) {
    s.km_from += offset, s.km_to += offset;
    mu.steps.push_back(std::move(s));
  }
  mu.crossings.insert(mu.crossings.end(), leg.crossings.begin(), leg.crossings.end());
  mu.arrive = leg.arrive;
}

ClassLeg class_leg(const VehicleClass& c, const std::string& mode) {
  ClassLeg leg;
  leg.label = c.limits.label;
  for (const auto* t : c.types) leg.types.push_back(t->name);
  leg.vehicles = c.vehicles;
  leg.mode = mode;
  return leg;
}

LegPart road_part(const routing::Route& route, const std::string& from, const std::string& to,
                  const std::string& mode) {
  LegPart part{mode, from, to, route.distance_m / 1000, route.geometry, {}, {}};
  for (const routing::Piece& p : route.pieces)
    if (part.edges.empty() || part.edges.back() != p.edge) part.edges.push_back(p.edge);
  return part;
}

int units_booking(const Ledgers& ledgers, const std::string& resource) {
  std::set<std::string> units;
  for (const Booking& b : ledgers.bookings)
    if (b.resource == resource) units.insert(b.unit);
  return static_cast<int>(units.size());
}

}  // namespace milmob::planning::parts
