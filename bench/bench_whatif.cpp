// What-if analysis in-process (network built once, as the commands do): one re-plan of each
// example, and the ranking of the shipped upgrade candidates (every re-plan of it included).
// A benchmark, never a test: it prints figures.
//
//   build/bench/bench_whatif [--benchmark_filter=Replan]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "cli/planning_inputs.h"
#include "whatif/candidates.h"
#include "whatif/ranking.h"
#include "whatif/replan.h"

namespace {

const std::string kExamples = std::string(MILMOB_SOURCE_DIR) + "/examples/";

// The inputs of an example, loaded once per process.
struct Loaded {
  std::unique_ptr<milmob::cli::PlanningInputs> in;
  milmob::Network net;
  std::unique_ptr<milmob::routing::Router> router;
};

Loaded& example(const std::string& name) {
  static std::map<std::string, Loaded> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    Loaded l;
    l.in = milmob::cli::load_planning_inputs(kExamples + name + ".yaml", {}, false);
    if (!l.in) throw std::runtime_error("cannot load " + name);
    l.net = l.in->network.net();
    it = cache.emplace(name, std::move(l)).first;
    it->second.router = std::make_unique<milmob::routing::Router>(it->second.net);
  }
  return it->second;
}

void replan(benchmark::State& state, const std::string& name) {
  Loaded& l = example(name);
  milmob::whatif::Replanner replanner(l.in->loaded.catalogue, l.in->calendar, *l.router);
  replanner.replan(l.in->scenario());  // warm: the router's per-class customizations
  for (auto _ : state) benchmark::DoNotOptimize(replanner.replan(l.in->scenario()).closure);
  state.counters["plans/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void rank(benchmark::State& state, const std::string& name) {
  Loaded& l = example(name);
  const milmob::scenario::LoadContext context{l.in->loaded.catalogue, l.in->loaded.places};
  const auto file = milmob::whatif::load_candidates(kExamples + "upgrades/" + name + "-upgrades.yaml", l.in->scenario(), context);
  if (!file.ok()) throw std::runtime_error("bad candidates for " + name);
  milmob::whatif::Replanner replanner(l.in->loaded.catalogue, l.in->calendar, *l.router);
  int plans = 0;
  for (auto _ : state) {
    const auto report = milmob::whatif::rank_upgrades(l.in->scenario(), file.candidates, replanner, {5e7, {}, {}});
    plans = report.plans_made;
    benchmark::DoNotOptimize(report.closure);
  }
  state.counters["plans"] = plans;
  state.counters["candidates"] = static_cast<double>(file.candidates.size());
}

}  // namespace

BENCHMARK_CAPTURE(replan, liechtenstein, std::string("liechtenstein-exercise"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(replan, vjtf, std::string("vjtf-baltic"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(replan, defender, std::string("defender-europe"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(rank, vjtf, std::string("vjtf-baltic"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(rank, defender, std::string("defender-europe"))->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  setenv("MILMOB_PLUGIN_DIR", MILMOB_PLUGIN_DIR_DEFAULT, 0);  // GDAL reads the strategic layer
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
