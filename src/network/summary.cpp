#include "network/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace milmob {

namespace {
bool has_tagged_load_limit(const EdgeLimits& l, std::uint16_t flags) {
  const bool mlc_tagged = (l.mlc_wheeled != kNoLimit || l.mlc_tracked != kNoLimit) && !(flags & edge_flag::kMlcDefaulted);
  return l.max_weight_t != kNoLimit || l.max_axle_load_t != kNoLimit || mlc_tagged;
}
}  // namespace

NetworkSummary summarize(const Network& n) {
  NetworkSummary s;
  s.nodes = n.node_count();
  s.edges = n.edge_count();
  // Both directions of a two-way stretch share one shape: count each shape once.
  std::vector<bool> shape_seen(n.shape_first.empty() ? 0 : n.shape_first.size() - 1, false);
  std::map<std::string, std::vector<std::int64_t>> ways;
  for (EdgeId e = 0; e < n.edge_count(); ++e) {
    const std::string mode = mode_name(n.mode[e]);
    ModeSummary& ms = s.modes[mode];
    ++ms.edges;
    if (n.osm_way_id[e] != 0) ways[mode].push_back(n.osm_way_id[e]);  // 0: from a GIS layer or a stitch
    const std::uint32_t shape = n.shape[e] & ~kShapeReversed;
    if (shape_seen[shape]) continue;
    shape_seen[shape] = true;
    ++ms.segments;
    ms.km += n.length_m[e] / 1000.0;
    if (n.mode[e] == Mode::Rail) s.rail_km_by_gauge[n.gauge_mm[e]] += n.length_m[e] / 1000.0;
    if (n.mode[e] != Mode::Road) continue;
    const std::uint16_t f = n.flags[e];
    const EdgeLimits& l = n.limits(e);
    if (f & edge_flag::kBridge) {
      ++s.bridges;
      if (has_tagged_load_limit(l, f)) ++s.bridges_tagged_limits;
      if (f & edge_flag::kMlcDefaulted) ++s.bridges_default_mlc;
    }
    if (f & edge_flag::kTunnel) ++s.tunnels;
    if (l.max_height_m != kNoLimit) ++s.height_limited;
    if (l.max_weight_t != kNoLimit || l.max_axle_load_t != kNoLimit) ++s.weight_limited;
    if (f & (edge_flag::kHgvForbidden | edge_flag::kAccessDestination)) ++s.legal_restricted;
    if (n.node_country[n.tail[e]] != n.node_country[n.head[e]]) ++s.border_crossings;
  }
  for (auto& [mode, ids] : ways) {
    std::sort(ids.begin(), ids.end());
    s.modes[mode].osm_ways = static_cast<std::uint64_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
  }
  for (NodeId u = 0; u < n.node_count(); ++u) ++s.countries[std::string(n.country_code(n.node_country[u]))];
  for (std::size_t p = 0; p < n.place_count(); ++p) ++s.places[place_kind_name(n.place_kind[p])];
  return s;
}

nlohmann::json to_json(const NetworkSummary& s) {
  nlohmann::json j;
  j["nodes"] = s.nodes;
  j["edges"] = s.edges;
  for (const auto& [mode, m] : s.modes)
    j["modes"][mode] = {{"edges", m.edges}, {"segments", m.segments}, {"osm_ways", m.osm_ways}, {"km", m.km}};
  j["bridges"] = {{"total", s.bridges}, {"with_tagged_limits", s.bridges_tagged_limits},
                  {"without_tagged_limits", s.bridges - s.bridges_tagged_limits},
                  {"default_mlc_applied", s.bridges_default_mlc}};
  j["tunnels"] = s.tunnels;
  j["segments_with_height_limit"] = s.height_limited;
  j["segments_with_weight_limit"] = s.weight_limited;
  j["segments_with_legal_restriction"] = s.legal_restricted;
  j["border_crossings"] = s.border_crossings;
  j["countries"] = nlohmann::json::object();
  for (const auto& [code, count] : s.countries) j["countries"][code.empty() ? "unknown" : code] = count;
  j["places"] = nlohmann::json::object();
  for (const auto& [kind, count] : s.places) j["places"][kind] = count;
  j["rail_km_by_gauge_mm"] = nlohmann::json::object();
  for (const auto& [gauge, km] : s.rail_km_by_gauge) j["rail_km_by_gauge_mm"][gauge ? std::to_string(gauge) : "unknown"] = km;
  return j;
}

std::string to_text(const NetworkSummary& s) {
  std::string t = fmt::format("nodes {}, directed edges {}\n", s.nodes, s.edges);
  for (const auto& [mode, m] : s.modes)
    t += fmt::format("  {:<8} {:>9.1f} km  {:>8} segments  {:>7} OSM ways\n", mode, m.km, m.segments, m.osm_ways);
  t += fmt::format("bridges {} ({} with tagged limits, {} with the default load class), tunnels {}\n", s.bridges,
                   s.bridges_tagged_limits, s.bridges_default_mlc, s.tunnels);
  t += fmt::format("road segments with a weight limit {}, a height limit {}, a legal restriction {}\n",
                   s.weight_limited, s.height_limited, s.legal_restricted);
  t += fmt::format("border crossings (road) {}\n", s.border_crossings);
  t += "countries:";
  for (const auto& [code, count] : s.countries) t += fmt::format(" {} ({} nodes)", code.empty() ? "unknown" : code, count);
  t += "\nplaces:";
  if (s.places.empty()) t += " none";
  for (const auto& [kind, count] : s.places) t += fmt::format(" {} {}", kind, count);
  t += "\n";
  for (const auto& [gauge, km] : s.rail_km_by_gauge)
    t += fmt::format("rail gauge {}: {:.1f} km\n", gauge ? std::to_string(gauge) + " mm" : "unknown", km);
  return t;
}

}  // namespace milmob
