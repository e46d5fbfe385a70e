#pragma once
// A vehicle class becomes a cost function once: one travel time per edge, infinite where a
// physical limit forbids the edge. Searches take the cost, never the vehicle.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "network/network.h"
#include "vehicles/vehicle.h"

namespace milmob::routing {

using Millis = std::uint32_t;
constexpr Millis kForbidden = std::numeric_limits<Millis>::max();

enum class LimitKind { Weight, AxleLoad, Height, Width, MlcWheeled, MlcTracked };
const char* limit_key(LimitKind k);  // the OSM key: maxweight, maxaxleload, ..., mlc:tracked

// A physical limit of an edge that a vehicle exceeds.
struct BlockingLimit {
  LimitKind kind;
  double limit = 0;  // the edge's limit (t, m or MLC)
  double value = 0;  // the vehicle's value
};
std::optional<BlockingLimit> blocking_limit(const Network& net, EdgeId e, const vehicles::VehicleLimits& v);
// The same against limits given apart from the network (an override that reclassifies a bridge).
std::optional<BlockingLimit> blocking_limit(const EdgeLimits& limits, const vehicles::VehicleLimits& v);
// "bridge 'Moerdijkbrug' maxweight 30 t < vehicle 64 t"
std::string describe_block(const Network& net, EdgeId e, const BlockingLimit& b);

struct VehicleCost {
  std::vector<Millis> time_ms;  // per edge; kForbidden where the vehicle may not go
  double max_speed_mps = 0;     // fastest speed on any usable edge, for the A* bound
  Mode mode = Mode::Road;       // the only mode whose edges may be usable
  bool usable(EdgeId e) const { return time_ms[e] != kForbidden; }
};

// Travel time = length / min(edge speed, vehicle speed), rounded up to whole milliseconds
// (rounding up keeps the straight-line A* bound admissible). Only edges of `mode`.
// The speed and travel time of one edge for the vehicle, limits aside (as make_vehicle_cost).
double edge_speed_kmh(const Network& net, EdgeId e, const vehicles::VehicleLimits& v);
Millis edge_time_ms(const Network& net, EdgeId e, const vehicles::VehicleLimits& v);

VehicleCost make_vehicle_cost(const Network& net, const vehicles::VehicleLimits& v, Mode mode = Mode::Road);

}  // namespace milmob::routing
