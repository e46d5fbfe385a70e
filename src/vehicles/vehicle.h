#pragma once
// A vehicle type as the catalogue (data/vehicles.yaml) describes it, and the constraint set
// routing derives from it. Unknown figures are NaN: the catalogue leaves out what it cannot
// source rather than guess (DOMAIN.md), and NaN never constrains a route.
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace milmob::vehicles {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

// How the vehicle may itself be carried; only what a source states. Not yet used by routing.
struct Transport {
  std::optional<bool> rail;
  std::optional<bool> het;
  std::vector<std::string> air;  // aircraft types, e.g. "C-17"
};

struct VehicleType {
  std::string name;
  std::vector<std::string> aliases;
  std::string nation;    // ISO 3166 alpha-3 of the main user or maker
  std::string category;  // mbt | ifv | spg | apc | truck | het | other
  bool tracked = false;
  double weight_t = kUnknown;  // combat / gross (combination) weight, metric tonnes
  double length_m = kUnknown;  // overall as published; notes say hull or gun forward
  double width_m = kUnknown;
  double height_m = kUnknown;
  double axle_load_t = kUnknown;  // wheeled: heaviest axle, if published
  double road_speed_kmh = kUnknown;
  double mlc = kUnknown;
  bool mlc_computed = false;  // computed by the DOMAIN.md approximation when not published
  std::map<std::string, std::string> sources;  // field -> URL(s), "; "-separated
  std::string notes;
  Transport transport;
};

// The constraint set routing needs: a vehicle class. NaN = unknown/not constraining.
struct VehicleLimits {
  std::string label;
  double weight_t = kUnknown;
  double axle_load_t = kUnknown;
  double height_m = kUnknown;
  double width_m = kUnknown;
  double mlc = kUnknown;
  bool tracked = false;
  double max_speed_kmh = kUnknown;
};

inline VehicleLimits limits_of(const VehicleType& v) {
  VehicleLimits limits;
  limits.label = v.name;
  limits.weight_t = v.weight_t;
  limits.axle_load_t = v.axle_load_t;
  limits.height_m = v.height_m;
  limits.width_m = v.width_m;
  limits.mlc = v.mlc;
  limits.tracked = v.tracked;
  limits.max_speed_kmh = v.road_speed_kmh;
  return limits;
}

}  // namespace milmob::vehicles
