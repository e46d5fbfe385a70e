#pragma once
// Nearest-point queries on the sphere: which known point is closest to p, and is it within a
// distance? Used to merge line ends that coincide (GIS import) and to join a strategic layer to a
// detailed one (stitching). O(log n) per query, never a scan of all points.
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <utility>

#include "geo/coord.h"

namespace milmob::geo {

class PointIndex {
 public:
  PointIndex();
  // Bulk-loads (point, id) pairs: a better packed tree than inserting them one by one.
  explicit PointIndex(std::span<const std::pair<LonLat, std::uint32_t>> points);
  ~PointIndex();
  PointIndex(PointIndex&&) noexcept;
  PointIndex& operator=(PointIndex&&) noexcept;

  void insert(const LonLat& p, std::uint32_t id);
  std::size_t size() const;

  struct Hit {
    std::uint32_t id = 0;
    double distance_m = 0;  // great-circle
  };
  // The point nearest to p (great-circle distance) if it lies within max_m. Of points at the
  // same distance, the one with the lowest id, so the answer does not depend on the tree's shape.
  std::optional<Hit> nearest(const LonLat& p, double max_m = std::numeric_limits<double>::infinity()) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

}  // namespace milmob::geo
