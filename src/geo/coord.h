#pragma once
// Coordinates: WGS84 degrees as double in memory; 1e-7 fixed point (as OSM stores them) on disk.
#include <cmath>
#include <cstdint>

namespace milmob::geo {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

constexpr double kFixedScale = 1e7;

inline std::int32_t to_fixed(double degrees) {
  return static_cast<std::int32_t>(std::lround(degrees * kFixedScale));
}
inline double from_fixed(std::int32_t fixed) { return static_cast<double>(fixed) / kFixedScale; }

inline bool is_valid(const LonLat& p) {
  return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180.0 && p.lon <= 180.0 &&
         p.lat >= -90.0 && p.lat <= 90.0;
}

}  // namespace milmob::geo
