// `milmob sweep SCENARIO.yaml --runs N --seed S`: a Monte Carlo over random disruptions and
// stochastic execution (simulation/sweep.h), on every core and, under mpirun or srun, over MPI
// ranks: each rank takes a contiguous block of runs, rank 0 gathers them and alone prints.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/mpi_session.h"
#include "cli/planning_inputs.h"
#include "cli/run_options.h"
#include "common/error.h"
#include "common/progress.h"
#include "simulation/summary.h"
#include "simulation/sweep.h"

namespace milmob::cli {

namespace {

struct SweepArgs {
  std::string scenario;
  ScenarioInput input;
  RunOptions runs;
  bool json = false, quiet = false;
};

int run_sweep(SweepArgs a, const MpiSession& mpi) {
  const auto start = std::chrono::steady_clock::now();
  const bool root = mpi.rank() == 0;
  const bool progress = root && !a.quiet && Progress::stderr_is_terminal();
  check_run_options(a.runs);
  const simulation::StochasticModel model = load_run_model(a.runs);
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  const Network net = in->network.net();
  simulation::Sweep sweep({in->scenario(), in->loaded.catalogue, in->calendar, net, model}, a.runs.threads);
  const auto setup = std::chrono::steady_clock::now();

  // This rank's block of runs; run i is the same whoever computes it.
  const auto n = static_cast<std::size_t>(a.runs.runs);
  const auto k = static_cast<std::size_t>(mpi.size()), r = static_cast<std::size_t>(mpi.rank());
  const std::size_t first = n * r / k, last = n * (r + 1) / k;
  std::vector<simulation::RunRecord> local;
  {
    Progress p("sweep: runs", last - first, progress);
    local = simulation::run_sweep(sweep, a.runs.seed, first, last, a.runs.threads, [&](std::size_t done) { p.update(done); });
  }
  const std::size_t units = sweep.base().units.size(), candidates = sweep.candidates().size();
  const std::size_t width = simulation::record_size(units, candidates);
  std::vector<double> flat(local.size() * width);
  for (std::size_t i = 0; i < local.size(); ++i) simulation::pack(local[i], flat.data() + i * width);
  const std::vector<double> all = mpi.gather(flat);
  const double plans = mpi.sum(static_cast<double>(sweep.plans_made()));
  if (!root) return kExitOk;

  std::vector<simulation::RunRecord> records;
  for (std::size_t i = 0; i < n; ++i) records.push_back(simulation::unpack(all.data() + i * width, units, candidates));
  const simulation::Summary summary =
      simulation::summarize("sweep", a.runs.seed, sweep.base(), records, sweep.candidates());
  write_run_csv(a.runs, sweep.base(), records, sweep.candidates());
  const auto end = std::chrono::steady_clock::now();
  if (a.json)
    std::cout << simulation::summary_json(summary).dump() << "\n";
  else
    std::cout << simulation::summary_text(summary);
  if (!a.quiet) {
    const double run_s = std::chrono::duration<double>(end - setup).count();
    std::cerr << fmt::format(
        "sweep: {} runs on {} rank(s) x {} thread(s) in {:.2f} s ({:.0f} runs/s; {:.0f} re-plans; set-up {:.2f} s)\n", n,
        mpi.size(), a.runs.threads, run_s, static_cast<double>(n) / run_s, plans,
        std::chrono::duration<double>(setup - start).count());
  }
  return kExitOk;
}

}  // namespace

void add_sweep_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Monte Carlo over random disruptions and delays: closure P10/P50/P90, odds of each unit's RDD, costliest disruptions");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  add_scenario_input_options(*cmd, args->input);
  add_run_options(*cmd, args->runs);
  cmd->add_flag("--json", args->json, "Print the summary as one JSON document on one line");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    const MpiSession mpi;
    // Only rank 0 speaks: the others end quietly with the same code (their inputs are the same),
    // and what the loaders print (a scenario's diagnostics) goes nowhere on them.
    std::streambuf* const out = std::cout.rdbuf();
    std::streambuf* const err = std::cerr.rdbuf();
    if (mpi.rank() != 0) std::cout.rdbuf(nullptr), std::cerr.rdbuf(nullptr);
    try {
      exit_code = run_sweep(*args, mpi);
    } catch (const InputError& e) {
      if (mpi.rank() == 0) std::fprintf(stderr, "milmob: error: %s\n", e.what());
      exit_code = kExitBadInput;
    } catch (const std::exception& e) {
      if (mpi.rank() == 0) std::fprintf(stderr, "milmob: internal error: %s\n", e.what());
      exit_code = kExitInternal;
    }
    std::cout.rdbuf(out), std::cerr.rdbuf(err);
    std::cout.clear(), std::cerr.clear();
  });
}

}  // namespace milmob::cli
