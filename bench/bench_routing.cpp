// Routing kernels under Google Benchmark, on a network and query pairs given by environment:
//   MILMOB_BENCH_NET=NET.mmnet MILMOB_BENCH_PAIRS=PAIRS.csv bench_routing
// Without them every benchmark is skipped with an error saying so. Queries go round-robin over
// the pairs that snap (within 1000 m of a road); the others are dropped at load.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "network/file.h"
#include "routing/batch.h"
#include "routing/router.h"
#include "routing/vehicle_cost.h"
#include "vehicles/vehicle.h"

namespace {

using milmob::geo::LonLat;
namespace routing = milmob::routing;
namespace vehicles = milmob::vehicles;

constexpr double kMaxSnapM = 1000;

struct QueryPair {
  LonLat from, to;
};

// The header line is skipped; malformed lines are an error, not silently fewer queries.
std::vector<QueryPair> read_pairs(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = fmt::format("cannot open MILMOB_BENCH_PAIRS={}", path);
    return {};
  }
  std::vector<QueryPair> pairs;
  std::string line;
  for (long line_no = 1; std::getline(in, line); ++line_no) {
    if (line_no == 1 || line.empty()) continue;
    std::istringstream fields(line);
    QueryPair p;
    char c1 = 0, c2 = 0, c3 = 0;
    if (!(fields >> p.from.lon >> c1 >> p.from.lat >> c2 >> p.to.lon >> c3 >> p.to.lat) || c1 != ',' || c2 != ',' ||
        c3 != ',') {
      error = fmt::format("{}:{}: expected src_lon,src_lat,dst_lon,dst_lat", path, line_no);
      return {};
    }
    pairs.push_back(p);
  }
  return pairs;
}

vehicles::VehicleLimits unconstrained() {
  vehicles::VehicleLimits v;
  v.label = "car";  // NaN everywhere: no physical limit, no vehicle speed limit
  return v;
}

// A main battle tank of the Leopard 2A6 / M1A2 class.
vehicles::VehicleLimits tracked_62t() {
  vehicles::VehicleLimits v;
  v.label = "tracked 62 t MLC 69";
  v.weight_t = 62;
  v.mlc = 69;
  v.tracked = true;
  return v;
}

// Loaded once, on first use, and shared by every benchmark.
struct Fixture {
  std::string error;
  std::optional<milmob::MappedNetwork> mapped;
  std::unique_ptr<routing::Router> router;
  std::vector<QueryPair> pairs;
  routing::VehicleCost free_cost, tank_cost;

  const milmob::Network& net() const { return mapped->net(); }
};

void load(Fixture& f) {
  const char* net_path = std::getenv("MILMOB_BENCH_NET");
  const char* pairs_path = std::getenv("MILMOB_BENCH_PAIRS");
  if (net_path == nullptr || pairs_path == nullptr) {
    f.error = "set MILMOB_BENCH_NET=NET.mmnet and MILMOB_BENCH_PAIRS=PAIRS.csv";
    return;
  }
  try {
    f.mapped.emplace(milmob::MappedNetwork::open(net_path));
  } catch (const std::exception& e) {
    f.error = e.what();
    return;
  }
  f.router = std::make_unique<routing::Router>(f.net());
  const auto any_road = [&](milmob::EdgeId e) { return f.net().mode[e] == milmob::Mode::Road; };
  for (const QueryPair& p : read_pairs(pairs_path, f.error))
    if (f.router->snap_index().nearest(p.from, any_road, kMaxSnapM) &&
        f.router->snap_index().nearest(p.to, any_road, kMaxSnapM))
      f.pairs.push_back(p);
  if (f.error.empty() && f.pairs.empty()) f.error = fmt::format("no pair of {} snaps to the network", pairs_path);
  f.free_cost = routing::make_vehicle_cost(f.net(), unconstrained());
  f.tank_cost = routing::make_vehicle_cost(f.net(), tracked_62t());
}

Fixture* fixture(benchmark::State& state) {
  // Filled in place: the router holds a reference into the mapped network, which must not move.
  static Fixture f;
  static const bool loaded = (load(f), true);
  (void)loaded;
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return nullptr;
  }
  return &f;
}

// The router prepares each vehicle class once (cost, customization) and keeps it, as in use.
void route_round_robin(benchmark::State& state, const vehicles::VehicleLimits& vehicle, routing::Algorithm algorithm) {
  Fixture* f = fixture(state);
  if (f == nullptr) return;
  std::size_t i = 0, found = 0;
  std::uint64_t settled = 0;
  f->router->prepare(vehicle, algorithm);
  for (auto _ : state) {
    const QueryPair& p = f->pairs[i++ % f->pairs.size()];
    const routing::Route r =
        f->router->route({p.from, p.to, vehicle, kMaxSnapM, algorithm, /*explain*/ false});
    found += r.found ? 1 : 0;
    settled += r.settled;
    benchmark::DoNotOptimize(r.duration_s);
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["found"] = static_cast<double>(found) / n;
  state.counters["settled"] = static_cast<double>(settled) / n;
}

void BM_ChUnconstrained(benchmark::State& state) { route_round_robin(state, unconstrained(), routing::Algorithm::CH); }
void BM_ChTracked62t(benchmark::State& state) { route_round_robin(state, tracked_62t(), routing::Algorithm::CH); }
void BM_AStarUnconstrained(benchmark::State& state) {
  route_round_robin(state, unconstrained(), routing::Algorithm::AStar);
}
void BM_AStarTracked62t(benchmark::State& state) { route_round_robin(state, tracked_62t(), routing::Algorithm::AStar); }
void BM_DijkstraUnconstrained(benchmark::State& state) {
  route_round_robin(state, unconstrained(), routing::Algorithm::Dijkstra);
}

// Customization of the hierarchy for one vehicle class (the cost per class or closure set).
void BM_Customize(benchmark::State& state) {
  Fixture* f = fixture(state);
  if (f == nullptr) return;
  const routing::CchTopology& topology = f->router->topology();
  for (auto _ : state) {
    const routing::CchMetric metric = routing::customize(topology, f->tank_cost);
    benchmark::DoNotOptimize(metric.up.data());
  }
  state.counters["arcs"] = static_cast<double>(topology.arc_count());
}

// A 100 x 100 time table (the planner's itinerary search), tank class, customized beforehand.
void BM_Matrix100(benchmark::State& state) {
  Fixture* f = fixture(state);
  if (f == nullptr) return;
  const routing::PreparedClass& c = f->router->prepare(tracked_62t(), routing::Algorithm::CH);
  const auto usable = [&](milmob::EdgeId e) { return c.cost.usable(e); };
  std::vector<routing::Snap> from, to;
  for (const QueryPair& p : f->pairs) {
    if (from.size() == 100) break;
    const auto a = f->router->snap_index().nearest(p.from, usable, kMaxSnapM);
    const auto b = f->router->snap_index().nearest(p.to, usable, kMaxSnapM);
    if (a && b) from.push_back(*a), to.push_back(*b);
  }
  for (auto _ : state) {
    const auto m = routing::time_matrix(f->net(), f->router->cch_query(), *c.metric, c.cost, from, to);
    benchmark::DoNotOptimize(m.data());
  }
  state.counters["cells"] = static_cast<double>(from.size() * to.size());
}

// A disruption of 10 random edges applied to a customized class (copying the metric is not timed).
void BM_CloseTenEdges(benchmark::State& state) {
  Fixture* f = fixture(state);
  if (f == nullptr) return;
  const routing::CchTopology& topology = f->router->topology();
  const routing::CchMetric base = routing::customize(topology, f->tank_cost);
  std::mt19937 rng(5);
  std::uniform_int_distribution<milmob::EdgeId> pick(0, static_cast<milmob::EdgeId>(f->net().edge_count() - 1));
  double recomputed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    routing::CchMetric metric = base;
    routing::VehicleCost cost = f->tank_cost;
    std::vector<milmob::EdgeId> closed(10);
    for (auto& e : closed) e = pick(rng);
    state.ResumeTiming();
    recomputed += static_cast<double>(routing::close_edges(topology, cost, metric, closed));
  }
  state.counters["arcs_recomputed"] = recomputed / static_cast<double>(state.iterations());
}

void BM_MakeVehicleCost(benchmark::State& state) {
  Fixture* f = fixture(state);
  if (f == nullptr) return;
  const vehicles::VehicleLimits tank = tracked_62t();
  for (auto _ : state) {
    const routing::VehicleCost cost = routing::make_vehicle_cost(f->net(), tank);
    benchmark::DoNotOptimize(cost.time_ms.data());
  }
  state.counters["edges"] = static_cast<double>(f->net().edge_count());
}

void BM_Snap(benchmark::State& state) {
  Fixture* f = fixture(state);
  if (f == nullptr) return;
  const auto usable = [&](milmob::EdgeId e) { return f->free_cost.usable(e); };
  std::size_t i = 0;
  for (auto _ : state) {
    const QueryPair& p = f->pairs[(i / 2) % f->pairs.size()];
    const auto snap = f->router->snap_index().nearest(i % 2 == 0 ? p.from : p.to, usable, kMaxSnapM);
    ++i;
    benchmark::DoNotOptimize(snap);
  }
}

}  // namespace

BENCHMARK(BM_ChUnconstrained)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ChTracked62t)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Customize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CloseTenEdges)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Matrix100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AStarUnconstrained)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AStarTracked62t)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DijkstraUnconstrained)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MakeVehicleCost)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Snap)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
