#include "routing/cch.h"

#include <metis.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <stdexcept>
#include <thread>

namespace milmob::routing {

namespace {
constexpr std::uint64_t kUnreached = std::numeric_limits<std::uint64_t>::max();

Millis add(Millis a, Millis b) {
  const std::uint64_t s = std::uint64_t{a} + b;
  return s >= kForbidden ? kForbidden : static_cast<Millis>(s);
}
}  // namespace

std::uint32_t CchTopology::find_arc(std::uint32_t lo, std::uint32_t hi) const {
  const auto begin = up_head.begin() + first_up[lo], end = up_head.begin() + first_up[lo + 1];
  const auto it = std::lower_bound(begin, end, hi);
  return it != end && *it == hi ? static_cast<std::uint32_t>(it - up_head.begin()) : kInvalidId;
}

std::vector<std::uint32_t> nested_dissection_order(const Network& net, Mode mode) {
  const std::size_t n = net.node_count();
  // The undirected simple graph of the mode.
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    if (net.mode[e] != mode || net.tail[e] == net.head[e]) continue;
    adj[net.tail[e]].push_back(net.head[e]);
    adj[net.head[e]].push_back(net.tail[e]);
  }
  std::vector<std::uint32_t> order(n, kInvalidId);
  std::uint32_t next_rank = 0;
  std::vector<idx_t> metis_id(n, -1);
  std::vector<NodeId> connected;
  for (NodeId v = 0; v < n; ++v) {
    auto& a = adj[v];
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    if (a.empty()) {
      order[v] = next_rank++;  // isolated nodes first: they have no arcs
    } else {
      metis_id[v] = static_cast<idx_t>(connected.size());
      connected.push_back(v);
    }
  }
  if (connected.empty()) return order;
  std::vector<idx_t> xadj{0}, adjncy;
  for (const NodeId v : connected) {
    for (const std::uint32_t w : adj[v]) adjncy.push_back(metis_id[w]);
    xadj.push_back(static_cast<idx_t>(adjncy.size()));
  }
  idx_t count = static_cast<idx_t>(connected.size());
  std::vector<idx_t> perm(connected.size()), iperm(connected.size());
  idx_t options[METIS_NOPTIONS];
  METIS_SetDefaultOptions(options);
  options[METIS_OPTION_SEED] = 20261124;  // the same order, hence the same file, every run
  if (METIS_NodeND(&count, xadj.data(), adjncy.data(), nullptr, options, perm.data(), iperm.data()) != METIS_OK)
    throw std::runtime_error("METIS_NodeND failed");
  for (std::size_t i = 0; i < connected.size(); ++i)
    order[connected[i]] = next_rank + static_cast<std::uint32_t>(iperm[i]);
  return order;
}

CchArcs chordal_arcs(const Network& net, std::span<const std::uint32_t> order, Mode mode) {
  const std::size_t n = net.node_count();
  CchArcs arcs;
  // Eliminate in rank order: the upward neighbours of a node become neighbours of the lowest
  // of them (its elimination-tree parent). The result is chordal: every triangle needed by a
  // shortest path is present.
  std::vector<std::vector<std::uint32_t>> up(n);
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    if (net.mode[e] != mode || net.tail[e] == net.head[e]) continue;
    const std::uint32_t a = order[net.tail[e]], b = order[net.head[e]];
    up[std::min(a, b)].push_back(std::max(a, b));
  }
  arcs.first_up.assign(1, 0);
  for (std::uint32_t r = 0; r < n; ++r) {
    auto& u = up[r];
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    if (!u.empty()) {
      auto& p = up[u.front()];
      p.insert(p.end(), u.begin() + 1, u.end());
    }
    arcs.up_head.insert(arcs.up_head.end(), u.begin(), u.end());
    arcs.first_up.push_back(static_cast<std::uint32_t>(arcs.up_head.size()));
    std::vector<std::uint32_t>().swap(u);
  }
  return arcs;
}

CchTopology build_cch(const Network& net, std::span<const std::uint32_t> order, Mode mode) {
  const CchArcs arcs = chordal_arcs(net, order, mode);
  return build_cch(net, order, arcs.first_up, arcs.up_head, mode);
}

CchTopology build_cch(const Network& net, std::span<const std::uint32_t> order, std::span<const std::uint32_t> first_up,
                      std::span<const std::uint32_t> up_head, Mode mode) {
  const std::size_t n = net.node_count();
  CchTopology t;
  t.rank.assign(order.begin(), order.end());
  t.node_of.assign(n, kInvalidId);
  for (NodeId v = 0; v < n; ++v) t.node_of[t.rank[v]] = v;
  t.first_up.assign(first_up.begin(), first_up.end());
  t.up_head.assign(up_head.begin(), up_head.end());
  t.up_tail.resize(t.up_head.size());
  t.parent.assign(n, kInvalidId);
  for (std::uint32_t r = 0; r < n; ++r) {
    for (std::uint32_t a = t.first_up[r]; a < t.first_up[r + 1]; ++a) t.up_tail[a] = r;
    if (t.first_up[r] < t.first_up[r + 1]) t.parent[r] = t.up_head[t.first_up[r]];  // the lowest upward neighbour
  }

  // Downward adjacency and levels, for customization arc by arc.
  t.first_down.assign(n + 1, 0);
  for (const std::uint32_t h : t.up_head) ++t.first_down[h + 1];
  for (std::size_t r = 0; r < n; ++r) t.first_down[r + 1] += t.first_down[r];
  t.down_arc.resize(t.up_head.size());
  std::vector<std::uint32_t> fill(t.first_down.begin(), t.first_down.end() - 1);
  for (std::uint32_t a = 0; a < t.up_head.size(); ++a) t.down_arc[fill[t.up_head[a]]++] = a;  // ascending tail
  std::vector<std::uint32_t> level(n, 0);
  std::uint32_t levels = n > 0 ? 1 : 0;
  for (std::uint32_t r = 0; r < n; ++r)
    if (t.parent[r] != kInvalidId) {
      level[t.parent[r]] = std::max(level[t.parent[r]], level[r] + 1);
      levels = std::max(levels, level[t.parent[r]] + 1);
    }
  t.first_of_level.assign(levels + 1, 0);
  for (const std::uint32_t l : level) ++t.first_of_level[l + 1];
  for (std::size_t l = 0; l < levels; ++l) t.first_of_level[l + 1] += t.first_of_level[l];
  t.by_level.resize(n);
  fill.assign(t.first_of_level.begin(), t.first_of_level.end() - 1);
  for (std::uint32_t r = 0; r < n; ++r) t.by_level[fill[level[r]]++] = r;

  t.edge_arc.assign(net.edge_count(), kInvalidId);
  t.edge_up.assign(net.edge_count(), false);
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    if (net.mode[e] != mode || net.tail[e] == net.head[e]) continue;
    const std::uint32_t a = t.rank[net.tail[e]], b = t.rank[net.head[e]];
    t.edge_arc[e] = t.find_arc(std::min(a, b), std::max(a, b));
    if (t.edge_arc[e] == kInvalidId) throw std::runtime_error("the hierarchy does not cover the road graph");
    t.edge_up[e] = a < b;
  }
  t.first_edge.assign(t.up_head.size() + 1, 0);
  for (const std::uint32_t a : t.edge_arc)
    if (a != kInvalidId) ++t.first_edge[a + 1];
  for (std::size_t a = 0; a < t.up_head.size(); ++a) t.first_edge[a + 1] += t.first_edge[a];
  t.arc_edges.resize(t.first_edge.back());
  fill.assign(t.first_edge.begin(), t.first_edge.end() - 1);
  for (EdgeId e = 0; e < t.edge_arc.size(); ++e)
    if (t.edge_arc[e] != kInvalidId) t.arc_edges[fill[t.edge_arc[e]]++] = e;
  return t;
}

namespace {
// Relaxes the arcs (x, y) of rank x through every lower triangle x <- v -> y.
void customize_arcs_of(const CchTopology& t, std::uint32_t x, CchMetric& c) {
  const std::uint32_t x_begin = t.first_up[x], x_end = t.first_up[x + 1];
  for (std::uint32_t d = t.first_down[x]; d < t.first_down[x + 1]; ++d) {
    const std::uint32_t vx = t.down_arc[d], v = t.up_tail[vx];
    // The heads of v above x are all heads of x (chordality): walk both sorted lists together.
    std::uint32_t xy = x_begin;
    for (std::uint32_t vy = vx + 1; vy < t.first_up[v + 1]; ++vy) {
      const std::uint32_t y = t.up_head[vy];
      while (xy < x_end && t.up_head[xy] < y) ++xy;
      if (xy == x_end || t.up_head[xy] != y) continue;  // never, on a chordal topology
      // x -> v -> y and y -> v -> x
      const Millis through_up = add(c.down[vx], c.up[vy]), through_down = add(c.down[vy], c.up[vx]);
      if (through_up < c.up[xy]) c.up[xy] = through_up, c.up_via[xy] = v;
      if (through_down < c.down[xy]) c.down[xy] = through_down, c.down_via[xy] = v;
    }
  }
}
// The ranks of one level of the elimination tree write disjoint arcs: a level is shared out
// among the threads, and all of it is done before the next level starts.
void customize_levels(const CchTopology& t, CchMetric& c, int threads) {
  const std::size_t levels = t.first_of_level.empty() ? 0 : t.first_of_level.size() - 1;
  if (threads <= 1) {
    for (const std::uint32_t x : t.by_level) customize_arcs_of(t, x, c);
    return;
  }
#ifdef _OPENMP
  for (std::size_t level = 0; level < levels; ++level) {
    const auto begin = static_cast<std::int64_t>(t.first_of_level[level]);
    const auto end = static_cast<std::int64_t>(t.first_of_level[level + 1]);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 16) if (end - begin > 64)
    for (std::int64_t i = begin; i < end; ++i) customize_arcs_of(t, t.by_level[static_cast<std::size_t>(i)], c);
  }
#else
  // Without OpenMP (the ThreadSanitizer build: libgomp is not instrumented) the same schedule on
  // std::thread: chunks of 16 ranks taken from a per-level cursor, a barrier between levels.
  constexpr std::uint32_t kChunk = 16;
  std::vector<std::atomic<std::uint32_t>> cursor(levels);
  for (std::size_t level = 0; level < levels; ++level) cursor[level] = t.first_of_level[level];
  std::barrier level_done(threads);
  const auto work = [&] {
    for (std::size_t level = 0; level < levels; ++level) {
      const std::uint32_t end = t.first_of_level[level + 1];
      for (std::uint32_t i = cursor[level].fetch_add(kChunk); i < end; i = cursor[level].fetch_add(kChunk))
        for (std::uint32_t k = i; k < std::min(i + kChunk, end); ++k) customize_arcs_of(t, t.by_level[k], c);
      level_done.arrive_and_wait();
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
#endif
}

}  // namespace

CchMetric customize(const CchTopology& t, const VehicleCost& cost, int threads) {
  const std::size_t m = t.arc_count();
  CchMetric c;
  c.up.assign(m, kForbidden);
  c.down.assign(m, kForbidden);
  c.up_via.assign(m, kInvalidId);
  c.down_via.assign(m, kInvalidId);
  // Original edges (the fastest of parallel ones).
  for (EdgeId e = 0; e < t.edge_arc.size(); ++e) {
    const std::uint32_t a = t.edge_arc[e];
    if (a == kInvalidId || !cost.usable(e)) continue;
    auto& w = t.edge_up[e] ? c.up[a] : c.down[a];
    auto& via = t.edge_up[e] ? c.up_via[a] : c.down_via[a];
    if (cost.time_ms[e] < w) w = cost.time_ms[e], via = kViaEdge | e;
  }
  // Lower triangles of the arcs (x, y) of each rank x: x <- v -> y for every v below x with
  // arcs to both. They read arcs of descendants of x only, finished at lower levels.
  // Threads only pay off on large networks: on a regional extract the whole customization
  // takes less than a millisecond, and idle workers waiting between levels cost more.
  if (threads <= 0) threads = t.arc_count() > 200000 ? static_cast<int>(std::max(1u, std::thread::hardware_concurrency())) : 1;
  customize_levels(t, c, threads);
  return c;
}

std::size_t close_edges(const CchTopology& t, VehicleCost& cost, CchMetric& c, std::span<const EdgeId> edges) {
  // Arcs to recompute, taken in rising tail rank: an arc depends only on arcs of lower tails.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> heap;  // (tail rank, arc), min-heap
  std::vector<bool> queued(t.arc_count(), false);
  auto push = [&](std::uint32_t arc) {
    if (queued[arc]) return;
    queued[arc] = true;
    heap.emplace_back(t.up_tail[arc], arc);
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  };
  for (const EdgeId e : edges) {
    if (e >= cost.time_ms.size() || cost.time_ms[e] == kForbidden) continue;
    cost.time_ms[e] = kForbidden;
    if (t.edge_arc[e] != kInvalidId) push(t.edge_arc[e]);
  }
  std::size_t recomputed = 0;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    const std::uint32_t a = heap.back().second;
    heap.pop_back();
    ++recomputed;
    const std::uint32_t x = t.up_tail[a], y = t.up_head[a];
    Millis up = kForbidden, down = kForbidden;
    std::uint32_t up_via = kInvalidId, down_via = kInvalidId;
    for (std::uint32_t i = t.first_edge[a]; i < t.first_edge[a + 1]; ++i) {
      const EdgeId e = t.arc_edges[i];
      if (!cost.usable(e)) continue;
      if (t.edge_up[e] && cost.time_ms[e] < up) up = cost.time_ms[e], up_via = kViaEdge | e;
      if (!t.edge_up[e] && cost.time_ms[e] < down) down = cost.time_ms[e], down_via = kViaEdge | e;
    }
    for (std::uint32_t d = t.first_down[x]; d < t.first_down[x + 1]; ++d) {
      const std::uint32_t vx = t.down_arc[d], v = t.up_tail[vx], vy = t.find_arc(v, y);
      if (vy == kInvalidId) continue;
      if (add(c.down[vx], c.up[vy]) < up) up = add(c.down[vx], c.up[vy]), up_via = v;
      if (add(c.down[vy], c.up[vx]) < down) down = add(c.down[vy], c.up[vx]), down_via = v;
    }
    const bool changed = up != c.up[a] || down != c.down[a];
    c.up[a] = up, c.down[a] = down, c.up_via[a] = up_via, c.down_via[a] = down_via;
    if (!changed) continue;
    // Arc (x, y) is a lower side of the triangles x -> {y, z}: for every other upper neighbour
    // z of x, the arc between y and z depends on it.
    for (std::uint32_t b = t.first_up[x]; b < t.first_up[x + 1]; ++b) {
      const std::uint32_t z = t.up_head[b];
      if (z == y) continue;
      const std::uint32_t dependent = t.find_arc(std::min(y, z), std::max(y, z));
      if (dependent != kInvalidId) push(dependent);
    }
  }
  return recomputed;
}

CchQuery::CchQuery(const CchTopology& t)
    : t_(t),
      fwd_(t.rank.size(), kUnreached),
      bwd_(t.rank.size(), kUnreached),
      fwd_arc_(t.rank.size(), kInvalidId),
      bwd_arc_(t.rank.size(), kInvalidId),
      fwd_mark_(t.rank.size(), false),
      bwd_mark_(t.rank.size(), false) {}

void CchQuery::collect(std::uint32_t r, std::vector<std::uint32_t>& visited, std::vector<bool>& mark) {
  for (; r != kInvalidId && !mark[r]; r = t_.parent[r]) {
    mark[r] = true;
    visited.push_back(r);
  }
}

void CchQuery::unpack(const CchMetric& c, std::uint32_t arc, bool upward, std::vector<EdgeId>& out) const {
  // Depth-first with an explicit stack: hierarchies are deep.
  std::vector<std::pair<std::uint32_t, bool>> stack{{arc, upward}};
  while (!stack.empty()) {
    const auto [a, up] = stack.back();
    stack.pop_back();
    const std::uint32_t via = up ? c.up_via[a] : c.down_via[a];
    if (via & kViaEdge) {
      out.push_back(via & ~kViaEdge);
      continue;
    }
    const std::uint32_t x = t_.up_tail[a], y = t_.up_head[a];
    const std::uint32_t vx = t_.find_arc(via, x), vy = t_.find_arc(via, y);
    // up: x -> via -> y is (vx down) then (vy up); down: y -> via -> x is (vy down) then (vx up).
    // Pushed in reverse so the first half is unpacked first.
    if (up) stack.push_back({vy, true}), stack.push_back({vx, false});
    else stack.push_back({vx, true}), stack.push_back({vy, false});
  }
}

void CchQuery::search(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& seeds,
                      const std::vector<Millis>& weights, const std::function<void(std::uint32_t, std::uint64_t)>& visit) {
  for (const auto& [r, time] : seeds) {
    fwd_[r] = std::min(fwd_[r], time);
    collect(r, fwd_seen_, fwd_mark_);
  }
  std::sort(fwd_seen_.begin(), fwd_seen_.end());
  for (const std::uint32_t v : fwd_seen_) {
    if (fwd_[v] == kUnreached) continue;
    visit(v, fwd_[v]);
    for (std::uint32_t a = t_.first_up[v]; a < t_.first_up[v + 1]; ++a)
      if (weights[a] != kForbidden) fwd_[t_.up_head[a]] = std::min(fwd_[t_.up_head[a]], fwd_[v] + weights[a]);
  }
  for (const std::uint32_t v : fwd_seen_) fwd_[v] = kUnreached, fwd_mark_[v] = false;
  fwd_seen_.clear();
}

Path CchQuery::run(const Network& net, const CchMetric& c, const Endpoints& ends) {
  Path path;
  auto relax_all = [&](std::vector<std::uint32_t>& seen, std::vector<std::uint64_t>& dist,
                       std::vector<std::uint32_t>& via, const std::vector<Millis>& weight) {
    std::sort(seen.begin(), seen.end());  // ascending rank: every node after its descendants
    for (const std::uint32_t v : seen) {
      if (dist[v] == kUnreached) continue;
      ++path.settled;
      for (std::uint32_t a = t_.first_up[v]; a < t_.first_up[v + 1]; ++a) {
        if (weight[a] == kForbidden) continue;
        const std::uint32_t w = t_.up_head[a];
        if (dist[v] + weight[a] < dist[w]) dist[w] = dist[v] + weight[a], via[w] = a;
      }
    }
  };
  for (const auto& s : ends.sources) {
    const std::uint32_t r = t_.rank[net.head[s.edge]];
    fwd_[r] = std::min(fwd_[r], s.time_ms);
    collect(r, fwd_seen_, fwd_mark_);
  }
  for (const auto& s : ends.targets) {
    const std::uint32_t r = t_.rank[net.tail[s.edge]];
    bwd_[r] = std::min(bwd_[r], s.time_ms);
    collect(r, bwd_seen_, bwd_mark_);
  }
  relax_all(fwd_seen_, fwd_, fwd_arc_, c.up);
  relax_all(bwd_seen_, bwd_, bwd_arc_, c.down);

  std::uint64_t best = ends.direct_ms.value_or(kUnreached);
  std::uint32_t meet = kInvalidId;
  for (const std::uint32_t v : fwd_seen_)
    if (bwd_mark_[v] && fwd_[v] != kUnreached && bwd_[v] != kUnreached && fwd_[v] + bwd_[v] < best)
      best = fwd_[v] + bwd_[v], meet = v;

  if (best != kUnreached) {
    path.found = true;
    path.time_ms = best;
    if (meet == kInvalidId) {
      path.direct = true;
      path.direct_edge = ends.direct_edge;
    } else {
      // Forward half: arcs from the meeting node down to a source access, unpacked in order.
      std::vector<std::uint32_t> arcs;
      std::uint32_t v = meet;
      for (; fwd_arc_[v] != kInvalidId; v = t_.up_tail[fwd_arc_[v]]) arcs.push_back(fwd_arc_[v]);
      for (const auto& s : ends.sources)
        if (t_.rank[net.head[s.edge]] == v && s.time_ms == fwd_[v]) path.source = s;
      for (auto it = arcs.rbegin(); it != arcs.rend(); ++it) unpack(c, *it, true, path.edges);
      for (v = meet; bwd_arc_[v] != kInvalidId; v = t_.up_tail[bwd_arc_[v]]) unpack(c, bwd_arc_[v], false, path.edges);
      for (const auto& s : ends.targets)
        if (t_.rank[net.tail[s.edge]] == v && s.time_ms == bwd_[v]) path.target = s;
    }
  }
  for (const std::uint32_t v : fwd_seen_) fwd_[v] = kUnreached, fwd_arc_[v] = kInvalidId, fwd_mark_[v] = false;
  for (const std::uint32_t v : bwd_seen_) bwd_[v] = kUnreached, bwd_arc_[v] = kInvalidId, bwd_mark_[v] = false;
  fwd_seen_.clear();
  bwd_seen_.clear();
  return path;
}

}  // namespace milmob::routing
