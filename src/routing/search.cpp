#include "routing/search.h"

#include <cmath>
#include <functional>
#include <queue>

#include "geo/distance.h"

namespace milmob::routing {

namespace {
constexpr std::uint64_t kUnreached = std::numeric_limits<std::uint64_t>::max();
constexpr EdgeId kFromSource = kInvalidId - 1;  // parent marker: reached from the source point

std::uint64_t partial_ms(Millis full, double fraction) {
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(full) * fraction));
}
}  // namespace

Endpoints make_endpoints(const Snap& from, const Snap& to, const VehicleCost& cost) {
  Endpoints ends;
  ends.source_point = from.point;
  ends.target_point = to.point;
  ends.source_fraction = from.fraction;
  ends.target_fraction = to.fraction;
  // The forward edge runs along the shape (tail at fraction 0), the backward edge against it.
  if (from.forward != kInvalidId && cost.usable(from.forward))
    ends.sources.push_back({partial_ms(cost.time_ms[from.forward], 1 - from.fraction), from.forward});
  if (from.backward != kInvalidId && cost.usable(from.backward))
    ends.sources.push_back({partial_ms(cost.time_ms[from.backward], from.fraction), from.backward});
  if (to.forward != kInvalidId && cost.usable(to.forward))
    ends.targets.push_back({partial_ms(cost.time_ms[to.forward], to.fraction), to.forward});
  if (to.backward != kInvalidId && cost.usable(to.backward))
    ends.targets.push_back({partial_ms(cost.time_ms[to.backward], 1 - to.fraction), to.backward});
  if (from.shape == to.shape) {
    if (from.fraction <= to.fraction && from.forward != kInvalidId && cost.usable(from.forward)) {
      ends.direct_ms = partial_ms(cost.time_ms[from.forward], to.fraction - from.fraction);
      ends.direct_edge = from.forward;
    } else if (from.fraction >= to.fraction && from.backward != kInvalidId && cost.usable(from.backward)) {
      ends.direct_ms = partial_ms(cost.time_ms[from.backward], from.fraction - to.fraction);
      ends.direct_edge = from.backward;
    }
  }
  return ends;
}

namespace {
Path direct_path(const Endpoints& ends) {
  Path p;
  p.found = true;
  p.direct = true;
  p.time_ms = *ends.direct_ms;
  p.direct_edge = ends.direct_edge;
  return p;
}
}  // namespace

Searcher::Searcher(const Network& net)
    : net_(net), dist_(net.node_count(), kUnreached), parent_(net.node_count(), kInvalidId) {}

Path Searcher::astar(const VehicleCost& cost, const Endpoints& ends) { return run(cost, ends, true); }
Path Searcher::dijkstra(const VehicleCost& cost, const Endpoints& ends) { return run(cost, ends, false); }

Path Searcher::run(const VehicleCost& cost, const Endpoints& ends, bool use_bound) {
  for (const NodeId v : touched_) dist_[v] = kUnreached, parent_[v] = kInvalidId;
  touched_.clear();

  // Lower bound on the time from v to the target point: straight-line distance at the fastest
  // usable speed, shaved by 0.1 % against rounding. Admissible, so A* (which may re-open nodes)
  // is exact.
  const double ms_per_m = use_bound && cost.max_speed_mps > 0 ? 0.999 * 1000.0 / cost.max_speed_mps : 0.0;
  auto bound = [&](NodeId v) -> std::uint64_t {
    if (ms_per_m == 0) return 0;
    return static_cast<std::uint64_t>(geo::haversine_m(net_.node_coord(v), ends.target_point) * ms_per_m);
  };
  // Time to reach the target point through a node, if the node is a target access.
  std::vector<std::pair<NodeId, std::uint64_t>> exits;
  for (const auto& t : ends.targets) exits.emplace_back(net_.tail[t.edge], t.time_ms);

  using Entry = std::pair<std::uint64_t, NodeId>;  // (key, node)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  auto reach = [&](NodeId v, std::uint64_t d, EdgeId via) {
    if (d >= dist_[v]) return;
    if (dist_[v] == kUnreached) touched_.push_back(v);
    dist_[v] = d;
    parent_[v] = via;
    queue.emplace(d + bound(v), v);
  };
  for (const auto& s : ends.sources) reach(net_.head[s.edge], s.time_ms, kFromSource);

  std::uint64_t best = ends.direct_ms.value_or(kUnreached);
  NodeId best_exit = kInvalidId;
  std::size_t best_target = 0;
  Path path;
  while (!queue.empty()) {
    const auto [key, u] = queue.top();
    queue.pop();
    if (key >= best) break;  // every remaining candidate is at least this slow
    if (key != dist_[u] + bound(u)) continue;  // stale entry
    ++path.settled;
    for (std::size_t t = 0; t < exits.size(); ++t)
      if (exits[t].first == u && dist_[u] + exits[t].second < best)
        best = dist_[u] + exits[t].second, best_exit = u, best_target = t;
    for (EdgeId e = net_.first_out[u]; e < net_.first_out[u + 1]; ++e)
      if (cost.time_ms[e] != kForbidden) reach(net_.head[e], dist_[u] + cost.time_ms[e], e);
  }
  if (best == kUnreached) return path;
  if (best_exit == kInvalidId) {
    Path d = direct_path(ends);
    d.settled = path.settled;
    return d;
  }
  path.found = true;
  path.time_ms = best;
  path.target = ends.targets[best_target];
  for (NodeId v = best_exit; parent_[v] != kFromSource; v = net_.tail[parent_[v]]) path.edges.push_back(parent_[v]);
  std::reverse(path.edges.begin(), path.edges.end());
  const NodeId first = path.edges.empty() ? best_exit : net_.tail[path.edges.front()];
  for (const auto& src : ends.sources)
    if (net_.head[src.edge] == first && src.time_ms == dist_[first]) path.source = src;
  return path;
}

Path reference_dijkstra(const Network& net, const VehicleCost& cost, const Endpoints& ends) {
  std::vector<std::uint64_t> dist(net.node_count(), kUnreached);
  std::vector<bool> done(net.node_count(), false);
  using Entry = std::pair<std::uint64_t, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (const auto& s : ends.sources)
    if (const NodeId v = net.head[s.edge]; s.time_ms < dist[v]) dist[v] = s.time_ms, queue.emplace(s.time_ms, v);
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (done[u]) continue;
    done[u] = true;
    for (EdgeId e = net.first_out[u]; e < net.first_out[u + 1]; ++e) {
      if (!cost.usable(e)) continue;
      const NodeId v = net.head[e];
      if (d + cost.time_ms[e] < dist[v]) dist[v] = d + cost.time_ms[e], queue.emplace(dist[v], v);
    }
  }
  Path p;
  std::uint64_t best = ends.direct_ms.value_or(kUnreached);
  for (const auto& t : ends.targets)
    if (const NodeId v = net.tail[t.edge]; dist[v] != kUnreached) best = std::min(best, dist[v] + t.time_ms);
  p.found = best != kUnreached;
  p.time_ms = best;
  return p;
}

}  // namespace milmob::routing
