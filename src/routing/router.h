#pragma once
// A route request end to end: snap both points, search, assemble distance, time, countries,
// border crossings, OSM ways and geometry, and explain what the vehicle's limits changed.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <map>

#include "routing/cch.h"
#include "routing/search.h"
#include "routing/snap.h"
#include "routing/vehicle_cost.h"

namespace milmob::routing {

// ch: the customizable contraction hierarchy (the default); astar and dijkstra search the
// graph itself (dijkstra is the reference).
enum class Algorithm { CH, AStar, Dijkstra };
const char* algorithm_name(Algorithm a);

struct RouteRequest {
  geo::LonLat from, to;
  vehicles::VehicleLimits vehicle;
  double max_snap_m = 1000;
  Algorithm algorithm = Algorithm::CH;
  bool explain = true;  // compare with an unconstrained vehicle
};

// A stretch of one edge travelled from fraction `from` to `to` of its length (edge direction).
struct Piece {
  EdgeId edge;
  double from = 0, to = 1;
};

struct BorderCrossing {
  std::string from, to;
  geo::LonLat where;
};

// An edge that a vehicle may not use, with the limit that stops it.
struct Block {
  EdgeId edge;
  std::int64_t osm_way_id;
  std::string name;
  BlockingLimit limit;
  std::string text;  // "bridge 'X' (way 1) maxweight 30 t < vehicle 64 t"
};

struct LegalNote {
  EdgeId edge;
  std::int64_t osm_way_id;
  std::string name;
  std::string restriction;
};

struct SnapReport {
  geo::LonLat query, point;
  double distance_m = 0;
};

struct Route {
  bool found = false;
  std::string vehicle;
  double distance_m = 0, duration_s = 0;
  std::vector<Piece> pieces;
  std::vector<std::string> countries;
  std::vector<BorderCrossing> border_crossings;
  std::vector<std::int64_t> osm_ways;
  std::vector<geo::LonLat> geometry;
  std::optional<SnapReport> snap_from, snap_to;
  std::vector<LegalNote> legal;  // legal restrictions passed (reported, not enforced)

  // Explanations, against the same request for a vehicle without physical limits.
  bool compared = false;
  bool unconstrained_found = false;
  double unconstrained_distance_m = 0, unconstrained_duration_s = 0;
  std::vector<Block> detours;         // found: limits that forced the route off the unconstrained one
  std::vector<Block> binding_limits;  // not found: limits that cut the vehicle off
  std::string reason;                 // not found: one sentence
  std::uint64_t settled = 0;
};

// A vehicle class made ready for searches: its cost and, once the hierarchy is asked for, its
// customization.
struct PreparedClass {
  VehicleCost cost;
  std::optional<CchMetric> metric;
};

// Routes on one network. Keeps what it prepared (the hierarchy, each vehicle class's cost
// and customization) for the next request: not thread-safe, use one Router per thread.
class Router {
 public:
  explicit Router(const Network& net);
  ~Router();
  const Network& net() const { return net_; }
  const SnapIndex& snap_index() const { return snap_; }

  // Throws InputError ("--from"/"--to") when a point lies farther than max_snap_m from any road.
  Route route(const RouteRequest& request);
  // With a cost made by the caller (closures, tests); a CH request customizes it afresh.
  Route route_with_cost(const RouteRequest& request, const VehicleCost& cost);

  // The cost and customization of a vehicle class, made once and kept.
  const PreparedClass& prepare(const vehicles::VehicleLimits& vehicle, Algorithm algorithm);
  // The hierarchy: from the order stored in the network file, or ordered now if it has none.
  const CchTopology& topology();
  CchQuery& cch_query() {
    topology();
    return *cch_query_;
  }

 private:
  Route route_impl(const RouteRequest& request, const VehicleCost& cost, const CchMetric* metric);
  Route assemble(const Path& path, const Endpoints& ends) const;
  void explain(const RouteRequest& request, const VehicleCost& cost, Route& route);
  const Network& net_;
  SnapIndex snap_;
  Searcher searcher_;
  std::unique_ptr<CchTopology> topology_;
  std::unique_ptr<CchQuery> cch_query_;
  std::map<std::string, PreparedClass> classes_;
};

// The points of edge e (in its direction of travel) between two fractions of its length.
std::vector<geo::LonLat> edge_polyline(const Network& net, EdgeId e, double from, double to);

}  // namespace milmob::routing
