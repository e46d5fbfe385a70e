#pragma once
// Exact fastest paths between two snapped points: A* (the default) and a plain Dijkstra kept
// as the reference the tests compare against.
#include <cstdint>
#include <optional>
#include <vector>

#include "routing/snap.h"
#include "routing/vehicle_cost.h"

namespace milmob::routing {

// Where a search may start or end: the edge travelled (partly) between the snapped point and
// the graph, and the time that takes. A source is left at the edge's head, a target reached
// at its tail.
struct Access {
  std::uint64_t time_ms;
  EdgeId edge;
};

// The search's ends, built from two snaps and a cost.
struct Endpoints {
  geo::LonLat source_point, target_point;
  std::vector<Access> sources;  // source point -> node
  std::vector<Access> targets;  // node -> target point
  std::optional<std::uint64_t> direct_ms;  // both points on one edge, in travel order
  EdgeId direct_edge = kInvalidId;
  double source_fraction = 0, target_fraction = 0;  // along the snapped edges' shapes
};
Endpoints make_endpoints(const Snap& from, const Snap& to, const VehicleCost& cost);

struct Path {
  bool found = false;
  std::uint64_t time_ms = 0;
  // direct: the route runs along one edge only (direct_edge). Otherwise source access edge,
  // then `edges` (whole edges), then target access edge.
  bool direct = false;
  EdgeId direct_edge = kInvalidId;
  Access source{}, target{};
  std::vector<EdgeId> edges;
  std::uint64_t settled = 0;  // nodes taken from the queue, for benchmarks
};

// Reusable search state: allocate once per network, reuse across queries.
class Searcher {
 public:
  explicit Searcher(const Network& net);
  Path astar(const VehicleCost& cost, const Endpoints& ends);
  Path dijkstra(const VehicleCost& cost, const Endpoints& ends);

 private:
  Path run(const VehicleCost& cost, const Endpoints& ends, bool use_bound);
  const Network& net_;
  std::vector<std::uint64_t> dist_;
  std::vector<EdgeId> parent_;
  std::vector<NodeId> touched_;
};

// A reference written as plainly as possible (no heuristic, no reuse): used by tests only to
// check Searcher. Same result time as Searcher::astar for every query.
Path reference_dijkstra(const Network& net, const VehicleCost& cost, const Endpoints& ends);

}  // namespace milmob::routing
