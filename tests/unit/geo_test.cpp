#include <gtest/gtest.h>

#include "geo/distance.h"

namespace milmob::geo {

TEST(Haversine, KnownDistances) {
  // Vaduz to Monaco-Ville: about 411 km great-circle.
  EXPECT_NEAR(haversine_m({9.5209, 47.1410}, {7.4246, 43.7311}) / 1000.0, 411.0, 5.0);
  EXPECT_DOUBLE_EQ(haversine_m({9.5, 47.1}, {9.5, 47.1}), 0.0);
  // One degree of latitude is about 111.2 km.
  EXPECT_NEAR(haversine_m({0, 45}, {0, 46}), 111195, 10);
}

TEST(Haversine, TriangleInequality) {
  const LonLat a{9.50, 47.10}, b{9.55, 47.13}, c{9.60, 47.11};
  EXPECT_LE(haversine_m(a, c), haversine_m(a, b) + haversine_m(b, c));
}

TEST(Projection, ClampsToSegmentEnds) {
  const LonLat a{9.50, 47.10}, b{9.51, 47.10};
  const Projection before = project_to_segment({9.49, 47.10}, a, b);
  EXPECT_DOUBLE_EQ(before.fraction, 0.0);
  const Projection after = project_to_segment({9.52, 47.10}, a, b);
  EXPECT_DOUBLE_EQ(after.fraction, 1.0);
  const Projection mid = project_to_segment({9.505, 47.101}, a, b);
  EXPECT_NEAR(mid.fraction, 0.5, 1e-6);
  EXPECT_NEAR(mid.distance_m, 111.2, 0.5);
}

TEST(FixedPoint, RoundTrips) {
  EXPECT_EQ(to_fixed(9.5209123), 95209123);
  EXPECT_NEAR(from_fixed(to_fixed(-7.4246001)), -7.4246001, 1e-7);
  EXPECT_FALSE(is_valid({200, 0}));
  EXPECT_FALSE(is_valid({0, std::nan("")}));
  EXPECT_TRUE(is_valid({-180, 90}));
}

}  // namespace milmob::geo
