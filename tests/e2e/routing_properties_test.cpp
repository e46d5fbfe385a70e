// Properties of routes on real extracts, for many seeded random query pairs and several
// vehicle classes: limits hold on every edge, lengths add up, constraints never make a route
// faster, and A* and the contraction hierarchy equal the plain Dijkstra reference.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "common/error.h"
#include "geo/distance.h"
#include "network/file.h"
#include "routing/router.h"
#include "support/run_command.h"

namespace milmob::routing {
namespace {

using milmob::testing::run_command;
using milmob::testing::TempDir;

struct Pair {
  geo::LonLat from, to;
};

std::vector<Pair> read_pairs(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<Pair> pairs;
  while (std::getline(in, line)) {
    Pair p;
    char c;
    std::istringstream s(line);
    s >> p.from.lon >> c >> p.from.lat >> c >> p.to.lon >> c >> p.to.lat;
    pairs.push_back(p);
  }
  return pairs;
}

std::vector<vehicles::VehicleLimits> vehicle_classes() {
  vehicles::VehicleLimits free, tank, truck, het;
  free.label = "unconstrained";
  tank.label = "tank", tank.weight_t = 62, tank.height_m = 3.0, tank.width_m = 3.7, tank.mlc = 69, tank.tracked = true,
  tank.max_speed_kmh = 70;
  truck.label = "truck", truck.weight_t = 32, truck.axle_load_t = 9, truck.mlc = 31, truck.max_speed_kmh = 90;
  het.label = "het", het.weight_t = 118, het.height_m = 4.0, het.width_m = 3.7, het.mlc = 114, het.max_speed_kmh = 60;
  vehicles::VehicleLimits light = truck;
  light.label = "light", light.weight_t = 7, light.mlc = 7;
  return {free, tank, truck, het, light};
}

struct ExtractCase {
  std::string name, pbf, pairs;
};
void PrintTo(const ExtractCase& x, std::ostream* os) { *os << x.name; }


class RouteProperties : public ::testing::TestWithParam<ExtractCase> {};

TEST_P(RouteProperties, HoldForRandomPairs) {
  const ExtractCase& x = GetParam();
  TempDir dir;
  const std::string net_path = dir.path("net.mmnet");
  const auto imp = run_command(std::string(MILMOB_BINARY) + " import -q '" + x.pbf + "' -o " + net_path);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const MappedNetwork mapped = MappedNetwork::open(net_path);
  const Network& net = mapped.net();
  Router router(net);

  std::vector<Pair> pairs = read_pairs(x.pairs);
  std::mt19937 rng(20261124);
  std::shuffle(pairs.begin(), pairs.end(), rng);
  pairs.resize(std::min<std::size_t>(pairs.size(), 250));

  const auto classes = vehicle_classes();
  std::vector<VehicleCost> costs;
  for (const auto& v : classes) costs.push_back(make_vehicle_cost(net, v));
  std::size_t found = 0, checked = 0, compared = 0;
  for (const Pair& p : pairs) {
    for (std::size_t k = 0; k < classes.size(); ++k) {
      const auto& v = classes[k];
      Route r;
      try {
        // explain: also routes a vehicle without physical limits at the same top speed.
        r = router.route_with_cost({p.from, p.to, v, 1000, Algorithm::AStar, /*explain=*/k > 0}, costs[k]);
      } catch (const InputError&) {
        continue;  // a pair point beyond the snap radius: not a routing property
      }
      ++checked;
      // A* equals the reference Dijkstra, found or not.
      const auto usable = [&](EdgeId e) { return costs[k].usable(e); };
      const auto from = router.snap_index().nearest(p.from, usable, 1000);
      const auto to = router.snap_index().nearest(p.to, usable, 1000);
      if (from && to) {
        const Path ref = reference_dijkstra(net, costs[k], make_endpoints(*from, *to, costs[k]));
        ASSERT_EQ(ref.found, r.found) << v.label;
        if (ref.found) {
          ASSERT_EQ(static_cast<double>(ref.time_ms) / 1000.0, r.duration_s) << v.label;
        }
      }
      // The contraction hierarchy answers the same, with a valid path of its own.
      const Route ch = router.route({p.from, p.to, v, 1000, Algorithm::CH, false});
      ASSERT_EQ(ch.found, r.found) << v.label;
      if (!r.found) continue;
      ASSERT_EQ(ch.duration_s, r.duration_s) << v.label;
      for (std::size_t i = 1; i < ch.pieces.size(); ++i) {
        ASSERT_EQ(net.head[ch.pieces[i - 1].edge], net.tail[ch.pieces[i].edge]) << v.label;
        ASSERT_FALSE(blocking_limit(net, ch.pieces[i].edge, v).has_value()) << v.label;
      }
      ++found;
      double sum_m = 0, geometry_m = 0;
      for (std::size_t i = 0; i < r.pieces.size(); ++i) {
        const Piece& piece = r.pieces[i];
        // Every edge satisfies the vehicle's physical limits.
        ASSERT_FALSE(blocking_limit(net, piece.edge, v).has_value()) << v.label << " on way " << net.osm_way_id[piece.edge];
        ASSERT_EQ(net.mode[piece.edge], Mode::Road);
        sum_m += net.length_m[piece.edge] * (piece.to - piece.from);
        if (i > 0) {
          ASSERT_EQ(net.head[r.pieces[i - 1].edge], net.tail[piece.edge]);  // pieces join head to tail
        }
      }
      for (std::size_t i = 1; i < r.geometry.size(); ++i) geometry_m += geo::haversine_m(r.geometry[i - 1], r.geometry[i]);
      // The reported length is the sum of the edges, and the drawn line is as long.
      EXPECT_NEAR(r.distance_m, sum_m, 1e-6 * sum_m + 0.01);
      EXPECT_NEAR(r.distance_m, geometry_m, 1e-3 * geometry_m + 1.0);
      EXPECT_EQ(r.border_crossings.size() + 1, std::max<std::size_t>(r.countries.size(), 1));
      // Physical limits never make a route faster between the same snapped points (a vehicle
      // may snap to another, usable road than the unconstrained one, and then times differ).
      const auto free_usable = [&](EdgeId e) { return costs[0].usable(e); };
      const auto free_from = router.snap_index().nearest(p.from, free_usable, 1000);
      const auto free_to = router.snap_index().nearest(p.to, free_usable, 1000);
      const bool same_snaps = free_from && free_to && free_from->point == from->point && free_to->point == to->point;
      if (k > 0 && same_snaps) {
        ++compared;
        ASSERT_TRUE(r.unconstrained_found) << v.label;
        EXPECT_GE(r.duration_s, r.unconstrained_duration_s) << v.label;
        if (r.detours.empty()) {
          EXPECT_EQ(r.duration_s, r.unconstrained_duration_s) << v.label;
        }
      }
    }
  }
  EXPECT_GT(checked, pairs.size() * 3);
  EXPECT_GT(compared, pairs.size());
  EXPECT_GT(found, pairs.size());
}

INSTANTIATE_TEST_SUITE_P(
    Extracts, RouteProperties,
    ::testing::Values(ExtractCase{"liechtenstein", MILMOB_DATA_DIR "/osm/liechtenstein-2013-08-03.osm.pbf",
                                  MILMOB_DATA_DIR "/queries/liechtenstein.csv"},
                      ExtractCase{"monaco", MILMOB_DATA_DIR "/osm/monaco.osm.pbf", MILMOB_DATA_DIR "/queries/monaco.csv"}),
    [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace milmob::routing
