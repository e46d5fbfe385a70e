// Stitching a strategic layer to a detailed region (network/stitch.h), and the nearest-point
// index beneath it (geo/point_index.h).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "geo/distance.h"
#include "geo/point_index.h"
#include "network/stitch.h"

namespace milmob {
namespace {

// ---- the index ----

TEST(PointIndex, NearestAgreesWithAScanOfEveryPoint) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lon(-10, 30), lat(35, 70);
  std::vector<std::pair<geo::LonLat, std::uint32_t>> points;
  for (std::uint32_t i = 0; i < 2000; ++i) points.push_back({{lon(rng), lat(rng)}, i});
  const geo::PointIndex bulk(points);
  geo::PointIndex inserted;
  for (const auto& [p, id] : points) inserted.insert(p, id);
  EXPECT_EQ(bulk.size(), 2000u);
  for (int q = 0; q < 300; ++q) {
    const geo::LonLat p{lon(rng), lat(rng)};
    std::uint32_t best = 0;
    for (std::uint32_t i = 1; i < points.size(); ++i)
      if (geo::haversine_m(p, points[i].first) < geo::haversine_m(p, points[best].first)) best = i;
    const double best_m = geo::haversine_m(p, points[best].first);
    for (const geo::PointIndex* index : {&bulk, static_cast<const geo::PointIndex*>(&inserted)}) {
      const auto hit = index->nearest(p);
      ASSERT_TRUE(hit);
      EXPECT_EQ(hit->id, best);
      EXPECT_NEAR(hit->distance_m, best_m, 1e-3 * best_m + 1e-6);
      EXPECT_FALSE(index->nearest(p, best_m * 0.999));
      EXPECT_TRUE(index->nearest(p, best_m * 1.001));
    }
  }
}

TEST(PointIndex, TiesGoToTheLowestIdAndEmptyFindsNothing) {
  geo::PointIndex index;
  EXPECT_FALSE(index.nearest({10, 50}));
  index.insert({10.001, 50}, 9);
  index.insert({10.001, 50}, 4);
  index.insert({10.001, 50}, 6);
  const auto hit = index.nearest({10, 50}, 100);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->id, 4u);
  EXPECT_NEAR(hit->distance_m, geo::haversine_m({10, 50}, {10.001, 50}), 1e-6);
}

// ---- stitching ----

// A detailed region: a road square around (10.00..10.02, 50.00..50.02) and a rail line; then a
// strategic layer of two roads and a rail line added after it, as `milmob import` does.
struct TwoLayers {
  NetworkBuilder b;
  BuilderPart detailed, strategic;
  NodeId inside, near_outside, far_outside, rail_end;

  void road(NodeId u, NodeId v, RoadClass c, float speed_kmh = 50) {
    EdgeSpec e;
    e.tail = u, e.head = v, e.road_class = c, e.speed_kmh = speed_kmh, e.length_m = 1;
    e.shape = b.add_shape(std::vector<geo::LonLat>{b.node_coord(u), b.node_coord(v)});
    b.add_edge(e);
  }
  void rail(NodeId u, NodeId v) {
    EdgeSpec e;
    e.tail = u, e.head = v, e.mode = Mode::Rail, e.road_class = RoadClass::RailMain, e.length_m = 1;
    e.shape = b.add_shape(std::vector<geo::LonLat>{b.node_coord(u), b.node_coord(v)});
    b.add_edge(e);
  }

  TwoLayers() {
    const NodeId a = b.add_node({10.00, 50.00}), c = b.add_node({10.02, 50.00});
    const NodeId d = b.add_node({10.02, 50.02}), e = b.add_node({10.00, 50.02});
    road(a, c, RoadClass::Residential), road(c, d, RoadClass::Residential), road(d, e, RoadClass::Residential);
    const NodeId r1 = b.add_node({10.05, 50.05}), r2 = b.add_node({10.06, 50.05});  // rail only: not a road node
    rail(r1, r2);
    detailed = {0, static_cast<NodeId>(b.node_count()), 0, static_cast<EdgeId>(b.edge_count())};

    inside = b.add_node({10.015, 50.005});         // in the box of the region's road nodes
    near_outside = b.add_node({10.03, 50.00});     // 716 m east of c, outside the box
    far_outside = b.add_node({10.20, 50.00});      // 13 km away
    rail_end = b.add_node({10.051, 50.05});        // next to the rail line, but a rail node itself
    road(inside, near_outside, RoadClass::Trunk, 80);
    road(inside, near_outside, RoadClass::Motorway, 90);  // the higher class wins
    road(near_outside, far_outside, RoadClass::Primary, 70);
    rail(far_outside, rail_end);
    strategic = {detailed.end_node, static_cast<NodeId>(b.node_count()), detailed.end_edge,
                 static_cast<EdgeId>(b.edge_count())};
  }
};

TEST(Stitch, JoinsStrategicRoadNodesInsideTheRegionOrNearItsRoads) {
  TwoLayers t;
  const StitchReport r = stitch(t.b, t.detailed, t.strategic, 2000);
  EXPECT_EQ(r.stitched_nodes, 2u);  // inside and near_outside; not far_outside, not the rail node
  EXPECT_EQ(r.edges, 4u);
  const NetworkData d = std::move(t.b).build();
  const Network n = d.view();
  std::vector<EdgeId> stitches;
  for (EdgeId e = 0; e < n.edge_count(); ++e)
    if (n.edge_name(e) == "stitch") stitches.push_back(e);
  ASSERT_EQ(stitches.size(), 4u);
  const auto stitch_between = [&](NodeId from, NodeId to) {
    for (const EdgeId e : stitches)
      if (n.tail[e] == from && (to == kInvalidId || n.head[e] == to)) return e;
    return kInvalidId;
  };
  const auto stitch_from = [&](NodeId v) { return stitch_between(v, kInvalidId); };
  // inside -> its nearest region road node: c (10.02, 50.00), 661 m away; a is 1.2 km.
  const EdgeId in = stitch_from(t.inside);
  ASSERT_NE(in, kInvalidId);
  EXPECT_EQ(n.node_coord(n.head[in]), (geo::LonLat{10.02, 50.00}));
  EXPECT_NEAR(n.length_m[in], geo::haversine_m({10.015, 50.005}, {10.02, 50.00}), 0.01);
  EXPECT_EQ(n.road_class[in], RoadClass::Motorway);
  EXPECT_EQ(n.speed_kmh[in], 90.0f);
  EXPECT_EQ(n.mode[in], Mode::Road);
  EXPECT_EQ(n.limit_index[in], 0u);
  const EdgeId near = stitch_from(t.near_outside);
  ASSERT_NE(near, kInvalidId);
  EXPECT_EQ(n.node_coord(n.head[near]), (geo::LonLat{10.02, 50.00}));
  EXPECT_EQ(stitch_from(t.far_outside), kInvalidId);
  EXPECT_EQ(stitch_from(t.rail_end), kInvalidId);
  // Each stitch runs both ways over one shape.
  const EdgeId back = stitch_between(n.head[in], t.inside);
  ASSERT_NE(back, kInvalidId);
  EXPECT_EQ(n.shape[back] & ~kShapeReversed, n.shape[in]);
  EXPECT_NEAR(r.longest_m, geo::haversine_m({10.03, 50.00}, {10.02, 50.00}), 0.01);
}

TEST(Stitch, ARadiusOfZeroKeepsOnlyNodesInsideTheRegion) {
  TwoLayers t;
  EXPECT_EQ(stitch(t.b, t.detailed, t.strategic, 0).stitched_nodes, 1u);
}

TEST(Stitch, NothingToJoinWithoutDetailedRoads) {
  TwoLayers t;
  const BuilderPart rail_only{4, 6, 3, 4};
  EXPECT_EQ(stitch(t.b, rail_only, t.strategic, 1e6).stitched_nodes, 0u);
}

}  // namespace
}  // namespace milmob
