#pragma once
// Many queries at once on the contraction hierarchy: time tables between sets of points (for
// the planner's itinerary search) and everything reachable from one point (isochrones).
#include <cstdint>
#include <limits>
#include <vector>

#include "routing/cch.h"
#include "routing/snap.h"

namespace milmob::routing {

constexpr std::uint64_t kNoTime = std::numeric_limits<std::uint64_t>::max();

// Travel times (ms) from every source to every target, row-major (sources.size() rows);
// kNoTime where the vehicle cannot get through. One backward search per target into buckets,
// then one forward search per source.
std::vector<std::uint64_t> time_matrix(const Network& net, CchQuery& query, const CchMetric& metric,
                                       const VehicleCost& cost, const std::vector<Snap>& sources,
                                       const std::vector<Snap>& targets);

// Travel time (ms) from a point to every node (kNoTime where unreachable): an upward search,
// then one sweep down the whole hierarchy in falling rank order (PHAST).
std::vector<std::uint64_t> times_from(const Network& net, const CchTopology& topology, CchQuery& query,
                                      const CchMetric& metric, const VehicleCost& cost, const Snap& from);

}  // namespace milmob::routing
