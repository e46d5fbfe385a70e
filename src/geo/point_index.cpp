#include "geo/point_index.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numbers>
#include <vector>

// Boost 1.74's rtree includes a header it has itself deprecated; the notice is not ours to fix.
#define BOOST_ALLOW_DEPRECATED_HEADERS
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "geo/distance.h"

namespace milmob::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

// Points live on a sphere of the Earth's radius in 3-D: the straight (chord) distance grows
// with the great-circle distance, so the rtree's Euclidean nearest is the nearest on Earth,
// at any latitude, without a projection.
using Point3 = bg::model::point<double, 3, bg::cs::cartesian>;
using Box3 = bg::model::box<Point3>;
using Value = std::pair<Point3, std::uint32_t>;

Point3 to_3d(const LonLat& p) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double lon = p.lon * kRad, lat = p.lat * kRad;
  return {kEarthRadiusM * std::cos(lat) * std::cos(lon), kEarthRadiusM * std::cos(lat) * std::sin(lon),
          kEarthRadiusM * std::sin(lat)};
}

double chord_m(const Point3& a, const Point3& b) {
  const double dx = a.get<0>() - b.get<0>(), dy = a.get<1>() - b.get<1>(), dz = a.get<2>() - b.get<2>();
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

double great_circle_m(double chord) {
  return 2.0 * kEarthRadiusM * std::asin(std::min(1.0, chord / (2.0 * kEarthRadiusM)));
}

}  // namespace

struct PointIndex::Tree {
  bgi::rtree<Value, bgi::rstar<16>> rtree;
};

PointIndex::PointIndex() : tree_(std::make_unique<Tree>()) {}

PointIndex::PointIndex(std::span<const std::pair<LonLat, std::uint32_t>> points) : tree_(std::make_unique<Tree>()) {
  std::vector<Value> values;
  values.reserve(points.size());
  for (const auto& [p, id] : points) values.emplace_back(to_3d(p), id);
  tree_->rtree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

void PointIndex::insert(const LonLat& p, std::uint32_t id) { tree_->rtree.insert(Value(to_3d(p), id)); }

std::size_t PointIndex::size() const { return tree_->rtree.size(); }

std::optional<PointIndex::Hit> PointIndex::nearest(const LonLat& p, double max_m) const {
  const Point3 q = to_3d(p);
  std::vector<Value> found;
  tree_->rtree.query(bgi::nearest(q, 1), std::back_inserter(found));
  if (found.empty()) return std::nullopt;
  const double best = chord_m(q, found.front().first);
  if (great_circle_m(best) > max_m) return std::nullopt;
  // Other points at the same distance: the lowest id wins.
  const double r = best * (1 + 1e-12) + 1e-9;
  found.clear();
  tree_->rtree.query(bgi::intersects(Box3(Point3(q.get<0>() - r, q.get<1>() - r, q.get<2>() - r),
                                          Point3(q.get<0>() + r, q.get<1>() + r, q.get<2>() + r))),
                     std::back_inserter(found));
  Hit hit{0, std::numeric_limits<double>::infinity()};
  for (const auto& [point, id] : found) {
    const double c = chord_m(q, point);
    if (c < hit.distance_m || (c == hit.distance_m && id < hit.id)) hit = {id, c};
  }
  hit.distance_m = great_circle_m(hit.distance_m);
  return hit;
}

}  // namespace milmob::geo
