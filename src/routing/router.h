#pragma once
// A route request end to end: snap both points, search, assemble distance, time, countries,
// border crossings, OSM ways and geometry, and explain what the vehicle's limits changed.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "routing/search.h"
#include "routing/snap.h"
#include "routing/vehicle_cost.h"

namespace milmob::routing {

enum class Algorithm { AStar, Dijkstra };

struct RouteRequest {
  geo::LonLat from, to;
  vehicles::VehicleLimits vehicle;
  double max_snap_m = 1000;
  Algorithm algorithm = Algorithm::AStar;
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

class Router {
 public:
  explicit Router(const Network& net);
  const Network& net() const { return net_; }
  const SnapIndex& snap_index() const { return snap_; }

  // Throws InputError ("--from"/"--to") when a point lies farther than max_snap_m from any road.
  Route route(const RouteRequest& request);
  // The search alone with a cost made beforehand (benchmarks and tests).
  Route route_with_cost(const RouteRequest& request, const VehicleCost& cost);

 private:
  Route assemble(const Path& path, const Endpoints& ends, const VehicleCost& cost) const;
  void explain(const RouteRequest& request, const VehicleCost& cost, Route& route);
  const Network& net_;
  SnapIndex snap_;
  Searcher searcher_;
};

// The points of edge e (in its direction of travel) between two fractions of its length.
std::vector<geo::LonLat> edge_polyline(const Network& net, EdgeId e, double from, double to);

}  // namespace milmob::routing
