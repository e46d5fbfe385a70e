#include <gtest/gtest.h>

#include "common/error.h"
#include "geo/distance.h"
#include "routing/router.h"
#include "support/ascii_network.h"

namespace milmob::routing {
namespace {

using milmob::testing::ascii_network;
using milmob::testing::ascii_point;

vehicles::VehicleLimits tank() {  // Leopard 2A6-like: 62 t tracked, MLC 69
  vehicles::VehicleLimits v;
  v.label = "tank";
  v.weight_t = 62, v.height_m = 3.0, v.width_m = 3.7, v.mlc = 69, v.tracked = true, v.max_speed_kmh = 70;
  return v;
}

vehicles::VehicleLimits truck() {  // 32 t wheeled, MLC 31
  vehicles::VehicleLimits v;
  v.label = "truck";
  v.weight_t = 32, v.height_m = 3.5, v.width_m = 2.55, v.mlc = 31, v.max_speed_kmh = 90;
  return v;
}

Route route(const NetworkData& data, const std::string& map, char from, char to, const vehicles::VehicleLimits& v,
            Algorithm algorithm = Algorithm::AStar) {
  const Network net = data.view();
  Router router(net);
  return router.route({ascii_point(map, from), ascii_point(map, to), v, 200, algorithm, true});
}

// The direct road crosses a bridge signed 30 t; the detour is longer but has no limit.
const std::string kDetourMap =
    "a---b---c\n"
    "|       |\n"
    "d-------e\n";
const std::vector<milmob::testing::AsciiWay> kDetourWays = {
    {"ab", {{"highway", "primary"}}},
    {"bc", {{"highway", "primary"}, {"bridge", "yes"}, {"maxweight", "30"}, {"name", "Weak Bridge"}}},
    {"adec", {{"highway", "secondary"}}},
};

TEST(Routing, HeavyVehicleAvoidsWeakBridgeAndSaysWhy) {
  const NetworkData data = ascii_network(kDetourMap, kDetourWays);
  const Route r = route(data, kDetourMap, 'a', 'c', tank());
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.osm_ways, (std::vector<std::int64_t>{3}));
  ASSERT_EQ(r.detours.size(), 1u);
  EXPECT_EQ(r.detours[0].osm_way_id, 2);
  EXPECT_EQ(r.detours[0].limit.kind, LimitKind::Weight);
  EXPECT_EQ(r.detours[0].limit.limit, 30);
  EXPECT_EQ(r.detours[0].limit.value, 62);
  EXPECT_NE(r.detours[0].text.find("bridge 'Weak Bridge'"), std::string::npos) << r.detours[0].text;
  EXPECT_NE(r.detours[0].text.find("maxweight 30 t < vehicle 62 t"), std::string::npos) << r.detours[0].text;
  EXPECT_GT(r.duration_s, r.unconstrained_duration_s);
  EXPECT_GT(r.distance_m, r.unconstrained_distance_m);
}

TEST(Routing, LightVehicleTakesTheBridge) {
  vehicles::VehicleLimits light = truck();
  light.weight_t = 12, light.mlc = 12;
  const NetworkData data = ascii_network(kDetourMap, kDetourWays);
  const Route r = route(data, kDetourMap, 'a', 'c', light);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.osm_ways, (std::vector<std::int64_t>{1, 2}));
  EXPECT_TRUE(r.detours.empty());
}

TEST(Routing, NoRouteNamesTheBindingLimit) {
  const std::string map = "a---b---c\n";
  const NetworkData data = ascii_network(map, {{"ab", {{"highway", "primary"}}},
                                               {"bc", {{"highway", "primary"}, {"bridge", "yes"}, {"mlc", "40"}}}});
  const Route r = route(data, map, 'a', 'c', tank());
  EXPECT_FALSE(r.found);
  ASSERT_EQ(r.binding_limits.size(), 1u);
  EXPECT_EQ(r.binding_limits[0].limit.kind, LimitKind::MlcTracked);
  EXPECT_EQ(r.binding_limits[0].limit.limit, 40);
  EXPECT_TRUE(r.unconstrained_found);
}

TEST(Routing, UntaggedBridgeGetsDefaultClassByRoadClass) {
  const std::string map = "a---b---c\n";
  const NetworkData data = ascii_network(map, {{"ab", {{"highway", "tertiary"}}},
                                               {"bc", {{"highway", "tertiary"}, {"bridge", "yes"}}}});
  // Tertiary bridges default to MLC 40 (DOMAIN.md): the tank (69) is cut off, the truck (31) passes.
  EXPECT_FALSE(route(data, map, 'a', 'c', tank()).found);
  EXPECT_TRUE(route(data, map, 'a', 'c', truck()).found);
  const Route r = route(data, map, 'a', 'c', tank());
  ASSERT_EQ(r.binding_limits.size(), 1u);
  EXPECT_NE(r.binding_limits[0].text.find("default for an untagged tertiary bridge"), std::string::npos);
}

TEST(Routing, TrackedAndWheeledClassesAreCheckedSeparately) {
  const std::string map = "a---b\n";
  const NetworkData data =
      ascii_network(map, {{"ab", {{"highway", "primary"}, {"bridge", "yes"}, {"mlc:wheeled", "100"}, {"mlc:tracked", "60"}}}});
  vehicles::VehicleLimits wheeled = tank();
  wheeled.tracked = false;
  EXPECT_FALSE(route(data, map, 'a', 'b', tank()).found);
  EXPECT_TRUE(route(data, map, 'a', 'b', wheeled).found);
}

TEST(Routing, LowClearanceStopsTallVehicle) {
  const std::string map =
      "a---b---c\n"
      "|       |\n"
      "d-------e\n";
  const NetworkData data = ascii_network(map, {{"abc", {{"highway", "primary"}, {"maxheight", "3.2"}}},
                                               {"adec", {{"highway", "primary"}}}});
  vehicles::VehicleLimits het = truck();
  het.height_m = 4.0;
  const Route r = route(data, map, 'a', 'c', het);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.osm_ways, (std::vector<std::int64_t>{2}));
  ASSERT_FALSE(r.detours.empty());
  EXPECT_EQ(r.detours[0].limit.kind, LimitKind::Height);
}

TEST(Routing, OnewayIsRespected) {
  const std::string map =
      "a---b\n"
      "|   |\n"
      "c---d\n";
  const NetworkData data = ascii_network(map, {{"ab", {{"highway", "primary"}, {"oneway", "-1"}}},
                                               {"acdb", {{"highway", "residential"}}}});
  EXPECT_EQ(route(data, map, 'b', 'a', truck()).osm_ways, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(route(data, map, 'a', 'b', truck()).osm_ways, (std::vector<std::int64_t>{2}));
}

TEST(Routing, LegalRestrictionIsReportedNotEnforced) {
  const std::string map = "a---b---c\n";
  const NetworkData data = ascii_network(map, {{"ab", {{"highway", "primary"}}},
                                               {"bc", {{"highway", "primary"}, {"hgv", "no"}, {"name", "Town Street"}}}});
  const Route r = route(data, map, 'a', 'c', truck());
  ASSERT_TRUE(r.found);
  ASSERT_EQ(r.legal.size(), 1u);
  EXPECT_EQ(r.legal[0].name, "Town Street");
}

TEST(Routing, AStarEqualsDijkstraEverywhere) {
  const std::string map =
      "a--b--c--d\n"
      "|  |  |  |\n"
      "e--f--g--h\n"
      "|  |  |  |\n"
      "i--j--k--l\n";
  const NetworkData data = ascii_network(
      map, {{"abcd", {{"highway", "primary"}}}, {"efgh", {{"highway", "residential"}}},
            {"ijkl", {{"highway", "motorway"}, {"oneway", "no"}}}, {"aei", {{"highway", "tertiary"}}},
            {"bfj", {{"highway", "secondary"}, {"bridge", "yes"}}}, {"cgk", {{"highway", "unclassified"}, {"maxweight", "7.5"}}},
            {"dhl", {{"highway", "trunk"}, {"oneway", "yes"}}}});
  const Network net = data.view();
  Router router(net);
  for (const auto& v : {tank(), truck()})
    for (char s = 'a'; s <= 'l'; ++s)
      for (char t = 'a'; t <= 'l'; ++t) {
        RouteRequest q{ascii_point(map, s), ascii_point(map, t), v, 200, Algorithm::AStar, false};
        const Route a = router.route(q);
        q.algorithm = Algorithm::Dijkstra;
        const Route d = router.route(q);
        ASSERT_EQ(a.found, d.found) << s << t;
        EXPECT_EQ(a.duration_s, d.duration_s) << s << t;
        const VehicleCost cost = make_vehicle_cost(net, v);
        const auto from = router.snap_index().nearest(q.from, [&](EdgeId e) { return cost.usable(e); }, 200);
        const auto to = router.snap_index().nearest(q.to, [&](EdgeId e) { return cost.usable(e); }, 200);
        if (from && to) {
          const Path ref = reference_dijkstra(net, cost, make_endpoints(*from, *to, cost));
          EXPECT_EQ(ref.found, a.found);
          if (ref.found) {
            EXPECT_EQ(static_cast<double>(ref.time_ms) / 1000.0, a.duration_s) << s << t;
          }
        }
      }
}

TEST(Routing, SnapsToTheMiddleOfAnEdgeAndRoutesAlongIt) {
  const std::string map = "a-------b\n";
  const NetworkData data = ascii_network(map, {{"ab", {{"highway", "primary"}}}});
  const Network net = data.view();
  Router router(net);
  const geo::LonLat a = ascii_point(map, 'a'), b = ascii_point(map, 'b');
  const geo::LonLat p = geo::interpolate(a, b, 0.25), q = geo::interpolate(a, b, 0.75);
  const Route r = router.route({{p.lon, p.lat + 0.0002}, q, truck(), 200, Algorithm::AStar, false});
  ASSERT_TRUE(r.found);
  EXPECT_NEAR(r.distance_m, 0.5 * net.length_m[0], 0.5);
  ASSERT_TRUE(r.snap_from.has_value());
  EXPECT_NEAR(r.snap_from->distance_m, 22.2, 0.5);  // 0.0002 degrees of latitude
  EXPECT_EQ(r.geometry.size(), 2u);
}

TEST(Routing, PointFarFromTheNetworkIsAnInputError) {
  const std::string map = "a---b\n";
  const NetworkData data = ascii_network(map, {{"ab", {{"highway", "primary"}}}});
  const Network net = data.view();
  Router router(net);
  EXPECT_THROW(router.route({{10.5, 48.0}, ascii_point(map, 'b'), truck(), 1000, Algorithm::AStar, false}),
               InputError);
}

}  // namespace
}  // namespace milmob::routing
