#include "cli/run_options.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "common/atomic_file.h"
#include "common/error.h"
#include "simulation/random.h"
#include "simulation/runs.h"

namespace milmob::cli {

void add_run_options(CLI::App& cmd, RunOptions& o) {
  cmd.add_option("--runs", o.runs, "Number of runs (default 1000)");
  cmd.add_option("--seed", o.seed_text, "Seed, 0 to 2^64-1: the same seed gives the same bytes (default 1)");
  cmd.add_option("--threads", o.threads, "Threads (default: every core); results do not depend on it");
  cmd.add_option("--model", o.model, "Stochastic model file (YAML; docs/simulation.md); default: the documented figures");
  cmd.add_option("--csv", o.csv, "Write every run (closure, unit arrivals, disruptions drawn) to this CSV file");
}

void check_run_options(RunOptions& o) {
  const char* first = o.seed_text.data();
  const char* last = first + o.seed_text.size();
  const auto [end, ec] = std::from_chars(first, last, o.seed);
  if (o.seed_text.empty() || ec != std::errc() || end != last)
    throw InputError("--seed", fmt::format("expected a whole number from 0 to 18446744073709551615, got '{}'", o.seed_text));
  if (o.runs < 1) throw InputError("--runs", fmt::format("expected a number of runs >= 1, got {}", o.runs));
  if (o.runs > 100'000'000) throw InputError("--runs", fmt::format("expected at most 100000000 runs, got {}", o.runs));
  if (o.threads < 0) throw InputError("--threads", fmt::format("expected a number of threads >= 1, got {}", o.threads));
  if (o.threads == 0) o.threads = simulation::default_threads();
}

simulation::StochasticModel load_run_model(const RunOptions& o) {
  return o.model.empty() ? simulation::StochasticModel{} : simulation::load_model(o.model);
}

void write_run_csv(const RunOptions& o, const simulation::Schedule& schedule,
                   const std::vector<simulation::RunRecord>& records, const std::vector<simulation::Candidate>& candidates) {
  if (o.csv.empty()) return;
  const auto minutes = [](double x) { return std::isfinite(x) ? fmt::format("{:.1f}", x) : std::string(std::isnan(x) ? "" : "never"); };
  write_file_atomically(o.csv, [&](std::ostream& out) {
    out << "run,seed,closure_min";
    for (const auto& u : schedule.units) out << ",arrival_min:" << u.id;
    out << ",disruptions\n";
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto& r = records[i];
      out << fmt::format("{},{},{}", i, simulation::run_seed(o.seed, i), minutes(r.outcome.closure));
      for (const double a : r.outcome.unit_arrival) out << "," << minutes(a);
      std::string drawn;
      for (std::size_t k = 0; k < r.fired.size() && k < candidates.size(); ++k)
        if (r.fired[k]) drawn += (drawn.empty() ? "" : "; ") + candidates[k].name;
      out << ",\"" << drawn << "\"\n";
    }
  });
}

}  // namespace milmob::cli
