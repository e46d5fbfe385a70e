#pragma once
// The options `simulate` and `sweep` share: how many runs, the seed, threads, the stochastic
// model file and a CSV of every run.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "simulation/model.h"
#include "simulation/schedule.h"
#include "simulation/summary.h"

namespace milmob::cli {

struct RunOptions {
  long long runs = 1000;
  std::uint64_t seed = 1;
  std::string seed_text = "1";  // as given: checked by check_run_options
  int threads = 0;  // 0: every core
  std::string model;  // empty: the documented defaults
  std::string csv;    // empty: none
};

void add_run_options(CLI::App& cmd, RunOptions& options);
// Throws InputError for runs < 1 or threads < 0; sets threads when 0.
void check_run_options(RunOptions& options);
simulation::StochasticModel load_run_model(const RunOptions& options);
// One line per run (index, seed, closure, each unit's arrival, the candidates drawn), atomically.
void write_run_csv(const RunOptions& options, const simulation::Schedule& schedule,
                   const std::vector<simulation::RunRecord>& records, const std::vector<simulation::Candidate>& candidates);

}  // namespace milmob::cli
