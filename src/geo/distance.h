#pragma once
#include "geo/coord.h"

namespace milmob::geo {

constexpr double kEarthRadiusM = 6371008.8;  // mean Earth radius (IUGG)

// Great-circle distance in metres. A metric on the sphere, so straight-line distance never
// exceeds the length of a polyline between the same points (A* relies on this).
double haversine_m(const LonLat& a, const LonLat& b);

// The point of segment [a, b] closest to p, computed in a local equirectangular projection
// around p (exact enough for segments of a road network, a few km at most).
struct Projection {
  LonLat point;
  double fraction = 0.0;    // 0 at a, 1 at b
  double distance_m = 0.0;  // from p to point
};
Projection project_to_segment(const LonLat& p, const LonLat& a, const LonLat& b);

// Linear interpolation between a and b (fraction 0..1).
LonLat interpolate(const LonLat& a, const LonLat& b, double fraction);

}  // namespace milmob::geo
