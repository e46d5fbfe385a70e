#include "routing/snap.h"

// Boost 1.74's rtree includes a header it has itself deprecated; the notice is not ours to fix.
#define BOOST_ALLOW_DEPRECATED_HEADERS
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

#include "geo/distance.h"

namespace milmob::routing {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Value = std::pair<Box, std::uint32_t>;  // a shape segment: index of its first point
}  // namespace

struct SnapIndex::Tree {
  bgi::rtree<Value, bgi::rstar<16>> rtree;
  std::vector<std::uint32_t> point_shape;  // shape of each shape point
};

geo::LonLat shape_point(const Network& net, std::uint32_t i) {
  return {geo::from_fixed(net.shape_lon_e7[i]), geo::from_fixed(net.shape_lat_e7[i])};
}

SnapIndex::SnapIndex(const Network& net) : net_(net), tree_(std::make_unique<Tree>()) {
  const std::size_t shapes = net.shape_first.size() - 1;
  shape_edges_.assign(shapes, {kInvalidId, kInvalidId});
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    const std::uint32_t s = net.shape[e] & ~kShapeReversed;
    shape_edges_[s][(net.shape[e] & kShapeReversed) ? 1 : 0] = e;
  }
  std::vector<Value> values;
  values.reserve(net.shape_lon_e7.size());
  tree_->point_shape.resize(net.shape_lon_e7.size());
  for (std::uint32_t s = 0; s < shapes; ++s) {
    for (std::uint32_t i = net.shape_first[s]; i < net.shape_first[s + 1]; ++i) tree_->point_shape[i] = s;
    for (std::uint32_t i = net.shape_first[s]; i + 1 < net.shape_first[s + 1]; ++i) {
      const geo::LonLat a = shape_point(net, i), b = shape_point(net, i + 1);
      values.emplace_back(Box(Point(std::min(a.lon, b.lon), std::min(a.lat, b.lat)),
                              Point(std::max(a.lon, b.lon), std::max(a.lat, b.lat))), i);
    }
  }
  tree_->rtree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());  // bulk load (packing)
}

SnapIndex::~SnapIndex() = default;

std::optional<Snap> SnapIndex::nearest(const geo::LonLat& p, const std::function<bool(EdgeId)>& usable,
                                       double max_distance_m) const {
  // Candidates come from boxes around the point, growing until a hit is certain to be the nearest:
  // a box of half-width r (in metres) holds every segment closer than r.
  constexpr double kMetresPerDegree = 111320.0;
  const double kx = std::max(0.01, std::cos(p.lat * std::numbers::pi / 180.0));
  auto shape_usable = [&](std::uint32_t s) {
    const auto& e = shape_edges_[s];
    return (e[0] != kInvalidId && usable(e[0])) || (e[1] != kInvalidId && usable(e[1]));
  };
  std::optional<Snap> best;
  std::vector<Value> hits;
  for (double r = 50; ; r *= 4) {
    const double radius = std::min(r, max_distance_m);
    const double dlat = radius / kMetresPerDegree, dlon = dlat / kx;
    hits.clear();
    tree_->rtree.query(bgi::intersects(Box(Point(p.lon - dlon, p.lat - dlat), Point(p.lon + dlon, p.lat + dlat))),
                       std::back_inserter(hits));
    for (const auto& [box, i] : hits) {
      const std::uint32_t s = tree_->point_shape[i];
      if (!shape_usable(s)) continue;
      const geo::Projection pr = geo::project_to_segment(p, shape_point(net_, i), shape_point(net_, i + 1));
      // Ties broken by shape then segment, so the answer does not depend on tree order.
      if (!best || pr.distance_m < best->distance_m ||
          (pr.distance_m == best->distance_m && (s < best->shape || (s == best->shape && i < best->segment)))) {
        Snap sn;
        sn.shape = s;
        sn.segment = i;
        sn.point = pr.point;
        sn.distance_m = pr.distance_m;
        sn.fraction = pr.fraction;  // within the segment for now
        best = sn;
      }
    }
    if ((best && best->distance_m <= radius) || radius >= max_distance_m) break;
  }
  if (!best || best->distance_m > max_distance_m) return std::nullopt;
  const auto& edges = shape_edges_[best->shape];
  best->forward = edges[0] != kInvalidId && usable(edges[0]) ? edges[0] : kInvalidId;
  best->backward = edges[1] != kInvalidId && usable(edges[1]) ? edges[1] : kInvalidId;
  const double total = length_along_shape(net_, best->shape, net_.shape_first[best->shape + 1] - 1, 0.0);
  const double along = length_along_shape(net_, best->shape, best->segment, best->fraction);
  best->fraction = total > 0 ? std::clamp(along / total, 0.0, 1.0) : 0.0;
  return best;
}

double length_along_shape(const Network& net, std::uint32_t shape, std::uint32_t segment, double segment_fraction) {
  double len = 0;
  for (std::uint32_t i = net.shape_first[shape]; i < segment; ++i)
    len += geo::haversine_m(shape_point(net, i), shape_point(net, i + 1));
  if (segment_fraction > 0)
    len += segment_fraction * geo::haversine_m(shape_point(net, segment), shape_point(net, segment + 1));
  return len;
}

}  // namespace milmob::routing
