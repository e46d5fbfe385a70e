#pragma once
// Customizable contraction hierarchies (docs/routing.md#cch).
//
// Three phases, as in the literature (Dibbelt, Strasser, Wagner): a metric-independent node
// order by nested dissection (METIS); the chordal supergraph of the road graph in that order
// (the "topology", vehicle-independent); and a customization per vehicle class that gives
// every arc of the topology its travel time up and down. A query then needs only the
// elimination-tree ancestors of its endpoints. Changing the vehicle class or closing edges
// means a new customization, never a new order or topology.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "routing/search.h"
#include "routing/vehicle_cost.h"

namespace milmob::routing {

// The vehicle-independent part. Nodes are addressed by rank (position in the order).
struct CchTopology {
  std::vector<std::uint32_t> rank;     // node -> rank
  std::vector<NodeId> node_of;         // rank -> node
  std::vector<std::uint32_t> parent;   // elimination tree: lowest upward neighbour, kInvalidId at a root
  // Upward arcs of rank r: [first_up[r], first_up[r+1]), heads (ranks > r) sorted ascending.
  std::vector<std::uint32_t> first_up, up_head, up_tail;
  // Each original edge of the mode: its arc (kInvalidId for a loop) and whether it runs upward.
  std::vector<std::uint32_t> edge_arc;
  std::vector<bool> edge_up;
  // Downward arcs into rank r (the arcs (v, r), v < r): [first_down[r], first_down[r+1]) in down_arc.
  std::vector<std::uint32_t> first_down, down_arc;
  // Ranks grouped by elimination-tree height (leaves first): the ranks of one group share no
  // arc writes in customization, so each group is customized in parallel.
  std::vector<std::uint32_t> first_of_level, by_level;
  // Original edges of each arc: [first_edge[a], first_edge[a+1]) in arc_edges.
  std::vector<std::uint32_t> first_edge, arc_edges;

  std::size_t arc_count() const { return up_head.size(); }
  // The arc between ranks lo < hi, or kInvalidId.
  std::uint32_t find_arc(std::uint32_t lo, std::uint32_t hi) const;
};

// Node order by nested dissection of the undirected graph of `mode` (METIS_NodeND). Isolated
// nodes come first. Deterministic: METIS runs with a fixed seed.
std::vector<std::uint32_t> nested_dissection_order(const Network& net, Mode mode = Mode::Road);

// The arcs of the chordal supergraph of the graph of `mode` under `order` (node -> rank), by
// rank: what the network file stores.
struct CchArcs {
  std::vector<std::uint32_t> first_up, up_head;
};
CchArcs chordal_arcs(const Network& net, std::span<const std::uint32_t> order, Mode mode = Mode::Road);

// The topology: from the order alone, or from the order and its stored arcs (fast: the rest is
// derived in linear time).
CchTopology build_cch(const Network& net, std::span<const std::uint32_t> order, Mode mode = Mode::Road);
CchTopology build_cch(const Network& net, std::span<const std::uint32_t> order, std::span<const std::uint32_t> first_up,
                      std::span<const std::uint32_t> up_head, Mode mode = Mode::Road);

// Travel times of every arc for one vehicle class: up = from the lower to the higher rank.
struct CchMetric {
  std::vector<Millis> up, down;
  // How each weight arose, to unpack paths: kViaEdge | edge id, or the middle rank of a triangle.
  std::vector<std::uint32_t> up_via, down_via;
};
constexpr std::uint32_t kViaEdge = 1u << 31;

// Basic customization: original edges, then every arc's lower triangles, level by level of the
// elimination tree, each level shared out among `threads` (OpenMP; std::thread in a build
// without it). threads 0: all cores on a large network (> 200,000 arcs), one otherwise. The
// result does not depend on the number of threads.
CchMetric customize(const CchTopology& topology, const VehicleCost& cost, int threads = 0);

// Closes edges (a disruption: a bridge lost, a road blocked): their times in `cost` become
// forbidden and `metric` is updated by recomputing only the arcs they feed and, in rising
// order, the arcs whose triangles use a changed arc. Equal to a full customization with the
// closed cost. Returns how many arcs were recomputed.
std::size_t close_edges(const CchTopology& topology, VehicleCost& cost, CchMetric& metric,
                        std::span<const EdgeId> edges);

// Elimination-tree queries; reusable state, one per thread.
class CchQuery {
 public:
  explicit CchQuery(const CchTopology& topology);
  const CchTopology& topology() const { return t_; }
  // Same ends and same result (time to the millisecond, and a valid path) as Searcher::dijkstra.
  Path run(const Network& net, const CchMetric& metric, const Endpoints& ends);
  // One side alone: from seeds (rank, time) up the elimination tree over `weights` (metric.up
  // for travel away from the seeds, metric.down for travel towards them); visit(rank, time)
  // for every ancestor reached.
  void search(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& seeds, const std::vector<Millis>& weights,
              const std::function<void(std::uint32_t, std::uint64_t)>& visit);

 private:
  void collect(std::uint32_t seed_rank, std::vector<std::uint32_t>& visited, std::vector<bool>& mark);
  void unpack(const CchMetric& metric, std::uint32_t arc, bool upward, std::vector<EdgeId>& out) const;

  const CchTopology& t_;
  std::vector<std::uint64_t> fwd_, bwd_;
  std::vector<std::uint32_t> fwd_arc_, bwd_arc_;
  std::vector<bool> fwd_mark_, bwd_mark_;
  std::vector<std::uint32_t> fwd_seen_, bwd_seen_;
};

}  // namespace milmob::routing
