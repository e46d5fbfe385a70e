// `milmob validate PLAN.json SCENARIO.yaml`: replays a plan against its scenario with the
// independent validator (validation/checks.h) and lists every rule it breaks.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/planning_inputs.h"
#include "common/progress.h"
#include "scenario/calendar.h"
#include "validation/checks.h"
#include "validation/plan_reader.h"

namespace milmob::cli {

namespace {

struct ValidateArgs {
  std::string plan, scenario;
  ScenarioInput input;
  bool json = false, quiet = false;
};

nlohmann::ordered_json report_json(const ValidateArgs& a, const validation::ValidationReport& r) {
  nlohmann::ordered_json violations = nlohmann::ordered_json::array();
  for (const auto& v : r.violations) {
    nlohmann::ordered_json time = nullptr;
    if (std::isfinite(v.time)) time = std::round(v.time * 10) / 10;
    violations.push_back({{"rule", v.rule}, {"subject", v.subject}, {"time_min", time}, {"message", v.message},
                          {"text", v.to_string()}});
  }
  return {{"plan", a.plan},
          {"scenario", a.scenario},
          {"ok", r.ok()},
          {"units", r.units},
          {"march_units", r.march_units},
          {"steps", r.steps},
          {"bookings", r.bookings},
          {"violations", violations}};
}

int run_validate(const ValidateArgs& a) {
  // The scenario's network too: the routes are checked against its limits.
  const auto in = load_planning_inputs(a.scenario, a.input, !a.quiet && Progress::stderr_is_terminal());
  if (!in) return kExitBadInput;
  const validation::PlanFile plan = validation::read_plan(a.plan);  // InputError: exit code 2
  const Network net = in->network.net();
  const validation::ValidationReport report =
      validation::validate_plan(plan, in->scenario(), in->calendar, &net, &in->loaded.catalogue);
  if (a.json) {
    std::cout << report_json(a, report).dump(2) << "\n";
  } else {
    for (const auto& v : report.violations) std::cout << v.to_string() << "\n";
    const std::size_t n = report.violations.size();
    std::cout << fmt::format("validated {} against {}: {} units, {} march units, {} steps, {} bookings checked: {}\n",
                             a.plan, a.scenario, report.units, report.march_units, report.steps, report.bookings,
                             n == 0 ? std::string("no violations") : fmt::format("{} violation{}", n, n == 1 ? "" : "s"));
  }
  return report.ok() ? kExitOk : kExitPlanViolates;
}

}  // namespace

void add_validate_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check a plan against its scenario independently of the planner: every unit, march unit, step and booking");
  cmd->add_option("plan", args->plan, "plan.json written by `milmob plan`")->required();
  cmd->add_option("scenario", args->scenario, "The scenario it was planned from (YAML; docs/scenario.md)")->required();
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print the report as JSON");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_validate(*args);
  });
}

}  // namespace milmob::cli
