#pragma once
// Snapping a coordinate to the nearest point of an edge the vehicle may use.
#include <array>
#include <functional>
#include <memory>
#include <optional>

#include "geo/coord.h"
#include "network/network.h"

namespace milmob::routing {

struct Snap {
  std::uint32_t shape = kInvalidId;
  EdgeId forward = kInvalidId;   // the edge that runs along the shape, if any
  EdgeId backward = kInvalidId;  // the edge that runs against it, if any
  double fraction = 0;           // position along the shape by length: 0 at its first point
  std::uint32_t segment = 0;     // the shape segment holding the point
  geo::LonLat point;             // the snapped point
  double distance_m = 0;         // from the query to the snapped point
};

class SnapIndex {
 public:
  explicit SnapIndex(const Network& net);
  ~SnapIndex();
  SnapIndex(const SnapIndex&) = delete;
  SnapIndex& operator=(const SnapIndex&) = delete;

  // The nearest point on a shape with at least one edge for which usable(edge) holds, within
  // max_distance_m; nullopt if none.
  std::optional<Snap> nearest(const geo::LonLat& p, const std::function<bool(EdgeId)>& usable,
                              double max_distance_m) const;

  const std::array<EdgeId, 2>& edges_of_shape(std::uint32_t shape) const { return shape_edges_[shape]; }

 private:
  struct Tree;
  const Network& net_;
  std::vector<std::array<EdgeId, 2>> shape_edges_;  // [forward, backward]
  std::unique_ptr<Tree> tree_;
};

// Length of a shape from its first point to `segment` + fraction of it (metres).
double length_along_shape(const Network& net, std::uint32_t shape, std::uint32_t segment, double segment_fraction);
geo::LonLat shape_point(const Network& net, std::uint32_t index);

}  // namespace milmob::routing
