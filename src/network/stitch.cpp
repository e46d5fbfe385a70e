#include "network/stitch.h"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>
#include <vector>

#include "geo/point_index.h"

namespace milmob {

namespace {

struct Box {
  double min_lon = 180, min_lat = 90, max_lon = -180, max_lat = -90;
  void expand(const geo::LonLat& p) {
    min_lon = std::min(min_lon, p.lon), max_lon = std::max(max_lon, p.lon);
    min_lat = std::min(min_lat, p.lat), max_lat = std::max(max_lat, p.lat);
  }
  bool contains(const geo::LonLat& p) const {
    return p.lon >= min_lon && p.lon <= max_lon && p.lat >= min_lat && p.lat <= max_lat;
  }
};

bool in(const BuilderPart& part, NodeId v) { return v >= part.first_node && v < part.end_node; }

}  // namespace

StitchReport stitch(NetworkBuilder& b, const BuilderPart& detailed, const BuilderPart& strategic, double radius_m) {
  StitchReport report;
  std::vector<bool> detailed_road(detailed.end_node - detailed.first_node, false);
  for (EdgeId e = detailed.first_edge; e < detailed.end_edge; ++e) {
    if (b.edge_mode(e) != Mode::Road) continue;
    for (const NodeId v : {b.edge_tail(e), b.edge_head(e)})
      if (in(detailed, v)) detailed_road[v - detailed.first_node] = true;
  }
  std::vector<std::pair<geo::LonLat, std::uint32_t>> points;
  Box box;
  for (NodeId v = detailed.first_node; v < detailed.end_node; ++v) {
    if (!detailed_road[v - detailed.first_node]) continue;
    points.emplace_back(b.node_coord(v), v);
    box.expand(points.back().first);
  }
  if (points.empty()) return report;
  const geo::PointIndex index(points);

  // The road edge of highest class (lowest RoadClass) at each strategic node gives the stitch
  // its class and speed.
  std::vector<EdgeId> best(strategic.end_node - strategic.first_node, kInvalidId);
  for (EdgeId e = strategic.first_edge; e < strategic.end_edge; ++e) {
    if (b.edge_mode(e) != Mode::Road) continue;
    for (const NodeId v : {b.edge_tail(e), b.edge_head(e)}) {
      if (!in(strategic, v)) continue;
      EdgeId& at = best[v - strategic.first_node];
      if (at == kInvalidId || b.edge_road_class(e) < b.edge_road_class(at)) at = e;
    }
  }
  const std::uint32_t name = b.add_name("stitch");
  for (NodeId v = strategic.first_node; v < strategic.end_node; ++v) {
    const EdgeId from = best[v - strategic.first_node];
    if (from == kInvalidId) continue;
    const geo::LonLat p = b.node_coord(v);
    const double reach = box.contains(p) ? std::numeric_limits<double>::infinity() : radius_m;
    const auto hit = index.nearest(p, reach);
    if (!hit) continue;
    EdgeSpec e;
    e.mode = Mode::Road;
    e.road_class = b.edge_road_class(from);
    e.speed_kmh = b.edge_speed_kmh(from);
    e.length_m = static_cast<float>(hit->distance_m);
    e.name = name;
    const std::array<geo::LonLat, 2> shape{p, b.node_coord(hit->id)};
    e.shape = b.add_shape(shape);
    e.tail = v, e.head = hit->id;
    b.add_edge(e);
    e.tail = hit->id, e.head = v;
    e.shape |= kShapeReversed;
    b.add_edge(e);
    ++report.stitched_nodes;
    report.edges += 2;
    report.longest_m = std::max(report.longest_m, hit->distance_m);
  }
  return report;
}

}  // namespace milmob
