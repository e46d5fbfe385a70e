// `milmob simulate PLAN.json SCENARIO.yaml --runs N --seed S`: executes a plan N times with
// stochastic delays (simulation/execution.h) and prints the closure distribution, each unit's
// chance of meeting its required delivery date and the causes of slip (docs/simulation.md).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/run_options.h"
#include "cli/scenario_input.h"
#include "common/error.h"
#include "common/progress.h"
#include "planning/clock_rules.h"
#include "scenario/calendar.h"
#include "simulation/execution.h"
#include "simulation/runs.h"
#include "simulation/summary.h"
#include "validation/plan_reader.h"

namespace milmob::cli {

namespace {

struct SimulateArgs {
  std::string plan, scenario;
  ScenarioInput input;
  RunOptions runs;
  bool json = false, quiet = false;
};

// The scenario's disruptions named in plan.json's `disruptions` ("all" for every one).
std::vector<scenario::Disruption> applied_disruptions(const std::string& plan_path, const scenario::Scenario& s) {
  std::ifstream in(plan_path);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  std::vector<std::string> names;
  if (j.is_object() && j.contains("disruptions") && j["disruptions"].is_array())
    for (const auto& n : j["disruptions"])
      if (n.is_string()) names.push_back(n.get<std::string>());
  const bool all = std::find(names.begin(), names.end(), "all") != names.end();
  std::vector<scenario::Disruption> out;
  for (const scenario::Disruption& d : s.disruptions)
    if (all || std::find(names.begin(), names.end(), d.name) != names.end()) out.push_back(d);
  return out;
}

int run_simulate(SimulateArgs a) {
  const auto start = std::chrono::steady_clock::now();
  check_run_options(a.runs);
  const simulation::StochasticModel model = load_run_model(a.runs);
  const LoadedScenario loaded = load_scenario_input(a.scenario, a.input);
  const scenario::LoadResult& r = loaded.result;
  if (!r.ok()) {
    print_diagnostics(r.diagnostics, std::cerr);
    std::cerr << fmt::format("milmob: error: {}: {} error(s); run `milmob check` for details\n", a.scenario,
                             r.diagnostics.error_count());
    return kExitBadInput;
  }
  const scenario::HolidayCalendar calendar = r.scenario.rules.holidays_file.empty()
                                                 ? scenario::HolidayCalendar::load_default()
                                                 : scenario::HolidayCalendar::load(r.scenario.rules.holidays_file);
  const validation::PlanFile plan = validation::read_plan(a.plan);  // InputError: exit code 2
  const simulation::Schedule schedule = simulation::schedule_of(plan, r.scenario, loaded.catalogue);
  const planning::ClockRules clock(r.scenario, calendar);
  // The disruptions the plan was made under (a what-if): a convoy delayed into a border closure
  // waits for it, cut capacities stay cut.
  const simulation::RunWorld world = simulation::RunWorld::of(applied_disruptions(a.plan, r.scenario));
  const simulation::WindowTable windows(clock, simulation::nations_of(schedule), simulation::horizon_of(schedule));
  const simulation::Environment env{r.scenario, windows, model.delays, world};

  std::vector<simulation::RunRecord> records(static_cast<std::size_t>(a.runs.runs));
  {
    Progress progress("simulate: runs", records.size(), !a.quiet && Progress::stderr_is_terminal());
    simulation::for_each_run(
        0, records.size(), a.runs.threads,
        [&](std::size_t i, int) {
          records[i].outcome = simulation::execute(schedule, env, simulation::run_seed(a.runs.seed, i));
        },
        [&](std::size_t done) { progress.update(done); });
  }
  const simulation::Summary summary = simulation::summarize("simulate", a.runs.seed, schedule, records, {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write_run_csv(a.runs, schedule, records, {});
  if (a.json)
    std::cout << simulation::summary_json(summary).dump() << "\n";
  else
    std::cout << simulation::summary_text(summary);
  if (!a.quiet) std::cerr << fmt::format("simulate: {} runs on {} thread(s) in {:.2f} s\n", records.size(), a.runs.threads, seconds);
  return kExitOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Execute a plan many times with random breakdowns, border waits and weather days: closure P10/P50/P90");
  cmd->add_option("plan", args->plan, "plan.json written by `milmob plan`")->required();
  cmd->add_option("scenario", args->scenario, "The scenario it was planned from (YAML; docs/scenario.md)")->required();
  add_scenario_input_options(*cmd, args->input);
  add_run_options(*cmd, args->runs);
  cmd->add_flag("--json", args->json, "Print the summary as one JSON document on one line");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_simulate(*args);
  });
}

}  // namespace milmob::cli
