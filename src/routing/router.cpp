#include "routing/router.h"

#include <fmt/format.h>

#include <cmath>

#include "common/error.h"
#include "geo/distance.h"

namespace milmob::routing {

namespace {

// Shape points of edge e in its direction of travel.
std::vector<geo::LonLat> edge_points(const Network& net, EdgeId e) {
  const std::uint32_t s = net.shape[e] & ~kShapeReversed;
  std::vector<geo::LonLat> pts;
  for (std::uint32_t i = net.shape_first[s]; i < net.shape_first[s + 1]; ++i) pts.push_back(shape_point(net, i));
  if (net.shape[e] & kShapeReversed) std::reverse(pts.begin(), pts.end());
  return pts;
}

std::vector<Piece> pieces_of(const Path& path, const Endpoints& ends, const Network& net) {
  // Snap fractions are along the shape; a reversed edge runs the other way.
  auto along_edge = [&](EdgeId e, double shape_fraction) {
    return (net.shape[e] & kShapeReversed) ? 1 - shape_fraction : shape_fraction;
  };
  std::vector<Piece> pieces;
  if (path.direct) {
    pieces.push_back({path.direct_edge, along_edge(path.direct_edge, ends.source_fraction),
                      along_edge(path.direct_edge, ends.target_fraction)});
    return pieces;
  }
  pieces.push_back({path.source.edge, along_edge(path.source.edge, ends.source_fraction), 1});
  for (const EdgeId e : path.edges) pieces.push_back({e, 0, 1});
  pieces.push_back({path.target.edge, 0, along_edge(path.target.edge, ends.target_fraction)});
  // A point snapped onto a node gives an access piece of zero length: it is no part of the route.
  constexpr double kMinPieceM = 0.01;
  const Piece first = pieces.front();
  std::erase_if(pieces, [&](const Piece& p) { return (p.to - p.from) * static_cast<double>(net.length_m[p.edge]) < kMinPieceM; });
  if (pieces.empty()) pieces.push_back(first);  // start and destination are the same point
  return pieces;
}

const char* legal_text(std::uint16_t flags) {
  if (flags & edge_flag::kHgvForbidden) return "closed to heavy vehicles by law (hgv/motor_vehicle/access=no or private)";
  if (flags & edge_flag::kAccessDestination) return "heavy vehicles for destination/delivery only";
  return nullptr;
}

}  // namespace

std::vector<geo::LonLat> edge_polyline(const Network& net, EdgeId e, double from, double to) {
  const std::vector<geo::LonLat> pts = edge_points(net, e);
  std::vector<double> cum(pts.size(), 0.0);
  for (std::size_t i = 1; i < pts.size(); ++i) cum[i] = cum[i - 1] + geo::haversine_m(pts[i - 1], pts[i]);
  const double total = cum.back();
  auto at = [&](double fraction) {
    const double d = fraction * total;
    std::size_t i = 1;
    while (i + 1 < pts.size() && cum[i] < d) ++i;
    const double seg = cum[i] - cum[i - 1];
    return seg > 0 ? geo::interpolate(pts[i - 1], pts[i], std::clamp((d - cum[i - 1]) / seg, 0.0, 1.0)) : pts[i];
  };
  std::vector<geo::LonLat> out{at(from)};
  for (std::size_t i = 1; i + 1 < pts.size(); ++i)
    if (cum[i] > from * total && cum[i] < to * total) out.push_back(pts[i]);
  out.push_back(at(to));
  return out;
}

const char* algorithm_name(Algorithm a) {
  switch (a) {
    case Algorithm::CH: return "ch";
    case Algorithm::AStar: return "astar";
    case Algorithm::Dijkstra: return "dijkstra";
  }
  return "unknown";
}

Router::Router(const Network& net) : net_(net), snap_(net), searcher_(net) {}
Router::~Router() = default;

const CchTopology& Router::topology() {
  if (!topology_) {
    topology_ = std::make_unique<CchTopology>(
        net_.cch_rank.empty()      ? build_cch(net_, nested_dissection_order(net_))
        : net_.cch_up_head.empty() ? build_cch(net_, net_.cch_rank)
                                   : build_cch(net_, net_.cch_rank, net_.cch_first_up, net_.cch_up_head));
    cch_query_ = std::make_unique<CchQuery>(*topology_);
  }
  return *topology_;
}

const PreparedClass& Router::prepare(const vehicles::VehicleLimits& v, Algorithm algorithm) {
  // Every figure that changes the cost is in the key; the label is not.
  const std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}", v.weight_t, v.axle_load_t, v.height_m, v.width_m, v.mlc,
                                      v.tracked, v.max_speed_kmh);
  auto it = classes_.find(key);
  if (it == classes_.end()) it = classes_.emplace(key, PreparedClass{make_vehicle_cost(net_, v), std::nullopt}).first;
  if (algorithm == Algorithm::CH && !it->second.metric) it->second.metric = customize(topology(), it->second.cost);
  return it->second;
}

Route Router::route(const RouteRequest& request) {
  const PreparedClass& c = prepare(request.vehicle, request.algorithm);
  return route_impl(request, c.cost, c.metric ? &*c.metric : nullptr);
}

Route Router::route_with_cost(const RouteRequest& request, const VehicleCost& cost) {
  if (request.algorithm != Algorithm::CH) return route_impl(request, cost, nullptr);
  const CchMetric metric = customize(topology(), cost);
  return route_impl(request, cost, &metric);
}

Route Router::route_impl(const RouteRequest& request, const VehicleCost& cost, const CchMetric* metric) {
  const auto any_road = [&](EdgeId e) { return net_.mode[e] == Mode::Road; };
  for (const auto& [point, option] : {std::pair{request.from, "--from"}, std::pair{request.to, "--to"}})
    if (!snap_.nearest(point, any_road, request.max_snap_m))
      throw InputError(option, fmt::format("{:.6f},{:.6f} is farther than {:g} m from any road of the network",
                                           point.lon, point.lat, request.max_snap_m));

  const auto usable = [&](EdgeId e) { return cost.usable(e); };
  const auto from = snap_.nearest(request.from, usable, request.max_snap_m);
  const auto to = snap_.nearest(request.to, usable, request.max_snap_m);
  Route route;
  route.vehicle = request.vehicle.label;
  if (from && to) {
    const Endpoints ends = make_endpoints(*from, *to, cost);
    const Path path = request.algorithm == Algorithm::CH       ? cch_query_->run(net_, *metric, ends)
                      : request.algorithm == Algorithm::AStar ? searcher_.astar(cost, ends)
                                                              : searcher_.dijkstra(cost, ends);
    if (path.found) route = assemble(path, ends);
    route.settled = path.settled;
    route.vehicle = request.vehicle.label;
  }
  if (from) route.snap_from = SnapReport{request.from, from->point, from->distance_m};
  if (to) route.snap_to = SnapReport{request.to, to->point, to->distance_m};
  if (!route.found) {
    route.reason = !from ? "no road usable by the vehicle near the start"
                   : !to ? "no road usable by the vehicle near the destination"
                         : "no connected roads usable by the vehicle between the points";
  }
  if (request.explain) explain(request, cost, route);
  return route;
}

Route Router::assemble(const Path& path, const Endpoints& ends) const {
  Route r;
  r.found = true;
  r.duration_s = static_cast<double>(path.time_ms) / 1000.0;
  r.pieces = pieces_of(path, ends, net_);
  std::uint16_t last_country = kNoCountry;
  auto visit_country = [&](NodeId n, const std::vector<geo::LonLat>& piece_geometry) {
    const std::uint16_t c = net_.node_country[n];
    if (c == kNoCountry || c == last_country) return;
    if (last_country != kNoCountry)
      r.border_crossings.push_back({std::string(net_.country_code(last_country)), std::string(net_.country_code(c)),
                                    piece_geometry[piece_geometry.size() / 2]});
    r.countries.emplace_back(net_.country_code(c));
    last_country = c;
  };
  for (const Piece& p : r.pieces) {
    r.distance_m += static_cast<double>(net_.length_m[p.edge]) * (p.to - p.from);
    const std::vector<geo::LonLat> g = edge_polyline(net_, p.edge, p.from, p.to);
    if (&p == &r.pieces.front()) visit_country(p.from < 0.5 ? net_.tail[p.edge] : net_.head[p.edge], g);
    if (&p != &r.pieces.back() || p.to >= 0.5) visit_country(net_.head[p.edge], g);
    r.geometry.insert(r.geometry.end(), g.begin() + (r.geometry.empty() ? 0 : 1), g.end());
    if (r.osm_ways.empty() || r.osm_ways.back() != net_.osm_way_id[p.edge]) r.osm_ways.push_back(net_.osm_way_id[p.edge]);
    if (const char* legal = legal_text(net_.flags[p.edge]);
        legal && (r.legal.empty() || r.legal.back().osm_way_id != net_.osm_way_id[p.edge]))
      r.legal.push_back({p.edge, net_.osm_way_id[p.edge], std::string(net_.edge_name(p.edge)), legal});
  }
  return r;
}

void Router::explain(const RouteRequest& request, const VehicleCost& cost, Route& route) {
  vehicles::VehicleLimits free;
  free.label = "unconstrained";
  free.max_speed_kmh = request.vehicle.max_speed_kmh;
  RouteRequest free_request = request;
  free_request.vehicle = free;
  free_request.explain = false;
  const PreparedClass& free_class = prepare(free, request.algorithm);
  const Route other = route_impl(free_request, free_class.cost, free_class.metric ? &*free_class.metric : nullptr);
  route.compared = true;
  route.unconstrained_found = other.found;
  route.unconstrained_distance_m = other.distance_m;
  route.unconstrained_duration_s = other.duration_s;
  if (!other.found) {
    if (!route.found) route.reason = "the points are not connected by any road of the network, whatever the vehicle";
    return;
  }
  // The edges of the unconstrained route that this vehicle may not use: they forced the detour
  // (route found) or they cut the vehicle off (no route).
  std::vector<Block> blocks;
  for (const Piece& p : other.pieces) {
    if (cost.usable(p.edge)) continue;
    const auto limit = blocking_limit(net_, p.edge, request.vehicle);
    if (!limit) continue;
    if (!blocks.empty() && blocks.back().osm_way_id == net_.osm_way_id[p.edge] && blocks.back().limit.kind == limit->kind)
      continue;
    blocks.push_back({p.edge, net_.osm_way_id[p.edge], std::string(net_.edge_name(p.edge)), *limit,
                      describe_block(net_, p.edge, *limit)});
  }
  (route.found ? route.detours : route.binding_limits) = std::move(blocks);
}

}  // namespace milmob::routing
