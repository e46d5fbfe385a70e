#include "routing/batch.h"

#include <algorithm>

namespace milmob::routing {

namespace {
// The search seeds of a snapped point: leaving it (the heads of its edges) or reaching it
// (their tails), with the time of the part-edge in between.
std::vector<std::pair<std::uint32_t, std::uint64_t>> seeds(const Network& net, const CchTopology& t,
                                                           const VehicleCost& cost, const Snap& s, bool leaving) {
  const Endpoints e = make_endpoints(s, s, cost);
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  for (const Access& a : leaving ? e.sources : e.targets)
    out.emplace_back(t.rank[leaving ? net.head[a.edge] : net.tail[a.edge]], a.time_ms);
  return out;
}
}  // namespace

std::vector<std::uint64_t> time_matrix(const Network& net, CchQuery& query, const CchMetric& metric,
                                       const VehicleCost& cost, const std::vector<Snap>& sources,
                                       const std::vector<Snap>& targets) {
  const CchTopology& t = query.topology();
  std::vector<std::uint64_t> m(sources.size() * targets.size(), kNoTime);
  // bucket[rank]: (target, time from rank to the target)
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> bucket(t.rank.size());
  std::vector<std::uint32_t> used;
  for (std::uint32_t j = 0; j < targets.size(); ++j)
    query.search(seeds(net, t, cost, targets[j], false), metric.down, [&](std::uint32_t r, std::uint64_t time) {
      if (bucket[r].empty()) used.push_back(r);
      bucket[r].emplace_back(j, time);
    });
  for (std::size_t i = 0; i < sources.size(); ++i) {
    std::uint64_t* row = m.data() + i * targets.size();
    query.search(seeds(net, t, cost, sources[i], true), metric.up, [&](std::uint32_t r, std::uint64_t time) {
      for (const auto& [j, rest] : bucket[r]) row[j] = std::min(row[j], time + rest);
    });
    // Both points on one edge, in travel order: the edge itself may be the fastest way.
    for (std::size_t j = 0; j < targets.size(); ++j)
      if (sources[i].shape == targets[j].shape)
        if (const auto direct = make_endpoints(sources[i], targets[j], cost).direct_ms) row[j] = std::min(row[j], *direct);
  }
  return m;
}

std::vector<std::uint64_t> times_from(const Network& net, const CchTopology& t, CchQuery& query,
                                      const CchMetric& metric, const VehicleCost& cost, const Snap& from) {
  std::vector<std::uint64_t> by_rank(t.rank.size(), kNoTime);
  query.search(seeds(net, t, cost, from, true), metric.up, [&](std::uint32_t r, std::uint64_t time) { by_rank[r] = time; });
  // Falling rank: every higher neighbour of a node is final before the node itself.
  for (std::uint32_t r = static_cast<std::uint32_t>(t.rank.size()); r-- > 0;)
    for (std::uint32_t a = t.first_up[r]; a < t.first_up[r + 1]; ++a) {
      const std::uint64_t above = by_rank[t.up_head[a]];
      if (above != kNoTime && metric.down[a] != kForbidden) by_rank[r] = std::min(by_rank[r], above + metric.down[a]);
    }
  std::vector<std::uint64_t> by_node(t.rank.size());
  for (std::uint32_t r = 0; r < t.rank.size(); ++r) by_node[t.node_of[r]] = by_rank[r];
  return by_node;
}

}  // namespace milmob::routing
