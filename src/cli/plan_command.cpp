#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/plan_files.h"
#include "cli/planning_inputs.h"
#include "common/error.h"
#include "common/progress.h"
#include "planning/plan_output.h"

namespace milmob::cli {

namespace {

struct PlanArgs {
  std::string scenario, output;
  std::vector<std::string> disruptions;
  ScenarioInput input;
  bool json = false, quiet = false;
  int improve = 0;
};

int run_plan(const PlanArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  planning::Plan plan;
  {
    Progress p("plan: units", 1000, progress);
    planning::PlanOptions options;
    options.improve_replans = a.improve;
    options.progress = [&p](double done) { p.update(static_cast<std::uint64_t>(done * 1000)); };
    plan = plan_scenario(*in, a.disruptions, options);
  }
  write_plan_files(a.output, plan);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (a.json) {
    nlohmann::ordered_json j = {{"output", a.output}, {"closure", planning::when(plan.closure)},
                                {"all_feasible", plan.all_feasible()}, {"seconds", std::round(seconds * 1000) / 1000}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << planning::closure_text(plan)
              << fmt::format("wrote {}/plan.json, closure.csv, march_tables.csv, bookings.csv, routes.geojson, routes.gpkg, "
                                 "report.html ({:.2f} s)\n",
                             a.output, seconds);
  }
  return plan.all_feasible() ? kExitOk : kExitNoRoute;
}

}  // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Plan a scenario's deployment by road, HET, rail and sea: march units, timetables, bookings, closure and the cause of delays");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("-o,--output", args->output,
                  "Directory for plan.json, closure.csv, march_tables.csv, bookings.csv, routes.geojson, routes.gpkg, report.html")
      ->required();
  add_scenario_input_options(*cmd, args->input);
  cmd->add_option("--disruption", args->disruptions,
                  "Apply the scenario's disruption of this name (repeat; 'all' for every one): a what-if");
  cmd->add_option("--improve", args->improve,
                  "Re-plans allowed to improve the plan: units re-inserted earlier within their priority, carriers given up "
                  "to a later unit by one that stays on time (default 0)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", args->json, "Print a JSON summary");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_plan(*args);
  });
}

}  // namespace milmob::cli
