#include "geo/distance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace milmob::geo {

namespace {
constexpr double kRad = std::numbers::pi / 180.0;
}

double haversine_m(const LonLat& a, const LonLat& b) {
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(s)));
}

Projection project_to_segment(const LonLat& p, const LonLat& a, const LonLat& b) {
  const double kx = std::cos(p.lat * kRad);
  const double ax = (a.lon - p.lon) * kx, ay = a.lat - p.lat;
  const double bx = (b.lon - p.lon) * kx, by = b.lat - p.lat;
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  Projection r;
  r.fraction = t;
  r.point = interpolate(a, b, t);
  r.distance_m = haversine_m(p, r.point);
  return r;
}

LonLat interpolate(const LonLat& a, const LonLat& b, double fraction) {
  return {a.lon + (b.lon - a.lon) * fraction, a.lat + (b.lat - a.lat) * fraction};
}

}  // namespace milmob::geo
