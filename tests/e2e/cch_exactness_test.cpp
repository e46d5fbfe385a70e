// Customizable contraction hierarchies give exactly the times of the reference Dijkstra, for
// every vehicle class and closure set, with unpacked paths that are valid and respect limits.
#include <gtest/gtest.h>

#include <queue>
#include <random>

#include "network/file.h"
#include "routing/batch.h"
#include "routing/cch.h"
#include "routing/router.h"
#include "support/ascii_network.h"
#include "support/run_command.h"

namespace milmob::routing {
namespace {

using milmob::testing::run_command;
using milmob::testing::TempDir;

vehicles::VehicleLimits vehicle(const char* label, double weight_t, double mlc, bool tracked, double height_m = NAN) {
  vehicles::VehicleLimits v;
  v.label = label, v.weight_t = weight_t, v.mlc = mlc, v.tracked = tracked, v.height_m = height_m;
  v.max_speed_kmh = tracked ? 70 : 90;
  return v;
}

// Checks one query both ways; returns whether a route was found.
bool expect_same(const Network& net, const CchMetric& metric, CchQuery& query,
                 const VehicleCost& cost, const vehicles::VehicleLimits& v, const Snap& from, const Snap& to) {
  const Endpoints ends = make_endpoints(from, to, cost);
  const Path ref = reference_dijkstra(net, cost, ends);
  const Path p = query.run(net, metric, ends);
  EXPECT_EQ(p.found, ref.found);
  if (!p.found || !ref.found) return false;
  EXPECT_EQ(p.time_ms, ref.time_ms);
  if (p.direct) return true;
  // The unpacked path: joined head to tail, from the source access to the target access, each
  // edge usable by the vehicle, and its times add up to the query's time.
  std::uint64_t sum = p.source.time_ms + p.target.time_ms;
  NodeId at = net.head[p.source.edge];
  for (const EdgeId e : p.edges) {
    EXPECT_EQ(net.tail[e], at);
    EXPECT_TRUE(cost.usable(e));
    EXPECT_FALSE(blocking_limit(net, e, v).has_value());
    sum += cost.time_ms[e];
    at = net.head[e];
  }
  EXPECT_EQ(at, net.tail[p.target.edge]);
  EXPECT_EQ(sum, p.time_ms);
  return true;
}

struct ExtractCase {
  std::string name, pbf;
};
void PrintTo(const ExtractCase& x, std::ostream* os) { *os << x.name; }

class CchExactness : public ::testing::TestWithParam<ExtractCase> {};

TEST_P(CchExactness, EqualsDijkstraForEveryClassAndClosureSet) {
  TempDir dir;
  const std::string path = dir.path("net.mmnet");
  const auto imp = run_command(std::string(MILMOB_BINARY) + " import -q '" + GetParam().pbf + "' -o " + path);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const MappedNetwork mapped = MappedNetwork::open(path);
  const Network& net = mapped.net();
  const CchTopology topology = build_cch(net, nested_dissection_order(net));
  CchQuery query(topology);
  const SnapIndex snaps(net);

  std::vector<vehicles::VehicleLimits> classes = {vehicles::VehicleLimits{}, vehicle("tank", 62, 69, true),
                                                  vehicle("truck", 32, 31, false, 4.0), vehicle("het", 118, 114, false, 4.2)};
  classes[0].label = "free";
  std::mt19937 rng(7);
  std::size_t found = 0, queries = 0;
  for (int closures = 0; closures < 2; ++closures)
    for (const auto& v : classes) {
      VehicleCost cost = make_vehicle_cost(net, v);
      if (closures == 1) {
        // Close 2 % of the usable edges at random, as a disruption set would.
        std::uniform_int_distribution<EdgeId> pick(0, static_cast<EdgeId>(net.edge_count() - 1));
        for (std::size_t k = 0; k < net.edge_count() / 50; ++k) cost.time_ms[pick(rng)] = kForbidden;
      }
      const CchMetric metric = customize(topology, cost);
      const auto usable = [&](EdgeId e) { return cost.usable(e); };
      std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(net.node_count() - 1));
      for (int i = 0; i < 400; ++i) {
        const auto from = snaps.nearest(net.node_coord(node(rng)), usable, 500);
        const auto to = snaps.nearest(net.node_coord(node(rng)), usable, 500);
        if (!from || !to) continue;
        ++queries;
        if (expect_same(net, metric, query, cost, v, *from, *to)) ++found;
        if (::testing::Test::HasFailure()) return;
      }
    }
  EXPECT_GT(queries, 2000u);
  EXPECT_GT(found, queries / 2);
}

INSTANTIATE_TEST_SUITE_P(
    Extracts, CchExactness,
    ::testing::Values(ExtractCase{"liechtenstein", MILMOB_DATA_DIR "/osm/liechtenstein-2013-08-03.osm.pbf"},
                      ExtractCase{"monaco", MILMOB_DATA_DIR "/osm/monaco.osm.pbf"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(Cch, TopologyIsChordalAndTreeShaped) {
  const std::string map =
      "a--b--c--d\n"
      "|  |  |  |\n"
      "e--f--g--h\n";
  const NetworkData data = milmob::testing::ascii_network(
      map, {{"abcd", {{"highway", "primary"}}}, {"efgh", {{"highway", "primary"}}}, {"ae", {{"highway", "primary"}}},
            {"bf", {{"highway", "primary"}}}, {"cg", {{"highway", "primary"}}}, {"dh", {{"highway", "primary"}}}});
  const Network net = data.view();
  const CchTopology t = build_cch(net, nested_dissection_order(net));
  for (std::uint32_t r = 0; r < t.rank.size(); ++r) {
    // The parent is the lowest upward neighbour, and all upward neighbours of r are
    // connected to the parent (chordality).
    if (t.first_up[r] == t.first_up[r + 1]) continue;
    EXPECT_EQ(t.parent[r], t.up_head[t.first_up[r]]);
    for (std::uint32_t a = t.first_up[r] + 1; a < t.first_up[r + 1]; ++a)
      EXPECT_NE(t.find_arc(t.parent[r], t.up_head[a]), kInvalidId);
  }
}

}  // namespace
}  // namespace milmob::routing

namespace milmob::routing {
namespace {

class CchBatch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string path = dir_->path("net.mmnet");
    const auto imp = run_command(std::string(MILMOB_BINARY) + " import -q '" MILMOB_DATA_DIR
                                 "/osm/liechtenstein-2013-08-03.osm.pbf' -o " + path);
    ASSERT_EQ(imp.exit_code, 0) << imp.err;
    mapped_ = new MappedNetwork(MappedNetwork::open(path));
  }
  static void TearDownTestSuite() {
    delete mapped_;
    delete dir_;
  }
  static TempDir* dir_;
  static MappedNetwork* mapped_;
};
TempDir* CchBatch::dir_ = nullptr;
MappedNetwork* CchBatch::mapped_ = nullptr;

TEST_F(CchBatch, MatrixEqualsOneQueryPerPair) {
  const Network& net = mapped_->net();
  Router router(net);
  const vehicles::VehicleLimits tank = vehicle("tank", 62, 69, true);
  const PreparedClass& c = router.prepare(tank, Algorithm::CH);
  const auto usable = [&](EdgeId e) { return c.cost.usable(e); };
  std::mt19937 rng(3);
  std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(net.node_count() - 1));
  std::vector<Snap> points;
  while (points.size() < 30)
    if (const auto s = router.snap_index().nearest(net.node_coord(node(rng)), usable, 500)) points.push_back(*s);
  points.push_back(points.front());  // a point to itself
  const auto m = time_matrix(net, router.cch_query(), *c.metric, c.cost, points, points);
  for (std::size_t i = 0; i < points.size(); ++i)
    for (std::size_t j = 0; j < points.size(); ++j) {
      const Path ref = reference_dijkstra(net, c.cost, make_endpoints(points[i], points[j], c.cost));
      ASSERT_EQ(m[i * points.size() + j], ref.found ? ref.time_ms : kNoTime) << i << " " << j;
    }
}

TEST_F(CchBatch, TimesFromEqualDijkstraToEveryNode) {
  const Network& net = mapped_->net();
  Router router(net);
  const PreparedClass& c = router.prepare(vehicle("truck", 32, 31, false, 4.0), Algorithm::CH);
  const auto from = router.snap_index().nearest({9.5209, 47.1410}, [&](EdgeId e) { return c.cost.usable(e); }, 500);
  ASSERT_TRUE(from.has_value());
  const auto times = times_from(net, router.topology(), router.cch_query(), *c.metric, c.cost, *from);
  // Plain Dijkstra from the same start accesses to every node.
  std::vector<std::uint64_t> dist(net.node_count(), kNoTime);
  using Entry = std::pair<std::uint64_t, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (const Access& a : make_endpoints(*from, *from, c.cost).sources)
    if (a.time_ms < dist[net.head[a.edge]]) dist[net.head[a.edge]] = a.time_ms, queue.emplace(a.time_ms, net.head[a.edge]);
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (d != dist[u]) continue;
    for (EdgeId e = net.first_out[u]; e < net.first_out[u + 1]; ++e)
      if (c.cost.usable(e) && d + c.cost.time_ms[e] < dist[net.head[e]])
        dist[net.head[e]] = d + c.cost.time_ms[e], queue.emplace(dist[net.head[e]], net.head[e]);
  }
  std::size_t reached = 0;
  for (NodeId v = 0; v < net.node_count(); ++v) {
    ASSERT_EQ(times[v], dist[v]) << v;
    reached += dist[v] != kNoTime;
  }
  EXPECT_GT(reached, net.node_count() / 2);
}

TEST_F(CchBatch, ClosingEdgesRecustomizesOnlyWhatChanged) {
  const Network& net = mapped_->net();
  Router router(net);
  const CchTopology& topology = router.topology();
  VehicleCost cost = make_vehicle_cost(net, vehicle("tank", 62, 69, true));
  CchMetric metric = customize(topology, cost);
  std::mt19937 rng(11);
  std::uniform_int_distribution<EdgeId> pick(0, static_cast<EdgeId>(net.edge_count() - 1));
  for (int round = 0; round < 5; ++round) {
    std::vector<EdgeId> closed;
    for (int k = 0; k < 10; ++k) closed.push_back(pick(rng));
    const std::size_t recomputed = close_edges(topology, cost, metric, closed);
    const CchMetric fresh = customize(topology, cost);
    ASSERT_EQ(metric.up, fresh.up) << "round " << round;
    ASSERT_EQ(metric.down, fresh.down) << "round " << round;
    EXPECT_LT(recomputed, topology.arc_count() / 4);
    // Paths unpack through the updated metric and avoid the closed edges.
    CchQuery query(topology);
    const auto usable = [&](EdgeId e) { return cost.usable(e); };
    std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(net.node_count() - 1));
    for (int i = 0; i < 100; ++i) {
      const auto from = router.snap_index().nearest(net.node_coord(node(rng)), usable, 500);
      const auto to = router.snap_index().nearest(net.node_coord(node(rng)), usable, 500);
      if (!from || !to) continue;
      const Endpoints ends = make_endpoints(*from, *to, cost);
      const Path p = query.run(net, metric, ends);
      const Path ref = reference_dijkstra(net, cost, ends);
      ASSERT_EQ(p.found, ref.found);
      if (p.found) {
        ASSERT_EQ(p.time_ms, ref.time_ms);
      }
      for (const EdgeId e : p.edges) ASSERT_TRUE(cost.usable(e));
    }
  }
}

}  // namespace
}  // namespace milmob::routing

namespace milmob::routing {
namespace {

// The customization's levels shared out among threads (OpenMP, or std::thread in the
// ThreadSanitizer build) give the same metric as one thread, for every vehicle class; forced
// to run in parallel even on a network this small. Run under ThreadSanitizer (label `parallel`).
TEST(CchParallel, CustomizationOnSeveralThreadsEqualsOneThread) {
  TempDir dir;
  const std::string path = dir.path("net.mmnet");
  const auto imp = run_command(std::string(MILMOB_BINARY) + " import -q '" MILMOB_DATA_DIR
                               "/osm/liechtenstein-2013-08-03.osm.pbf' -o " + path);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const MappedNetwork mapped = MappedNetwork::open(path);
  const Network& net = mapped.net();
  const CchTopology topology = build_cch(net, nested_dissection_order(net));
  ASSERT_GT(topology.first_of_level.size(), 10u);
  for (const auto& v : {vehicles::VehicleLimits{}, vehicle("tank", 62, 69, true), vehicle("truck", 32, 31, false, 4.0)}) {
    const VehicleCost cost = make_vehicle_cost(net, v);
    const CchMetric one = customize(topology, cost, 1);
    for (const int threads : {2, 3}) {
      const CchMetric many = customize(topology, cost, threads);
      EXPECT_EQ(many.up, one.up) << threads;
      EXPECT_EQ(many.down, one.down) << threads;
      EXPECT_EQ(many.up_via, one.up_via) << threads;
      EXPECT_EQ(many.down_via, one.down_via) << threads;
    }
  }
}

}  // namespace
}  // namespace milmob::routing
