// `milmob validate PLAN.json SCENARIO.yaml`: replays a plan against its scenario with the
// independent validator (validation/checks.h) and lists every rule it breaks.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scenario_input.h"
#include "scenario/calendar.h"
#include "validation/checks.h"
#include "validation/plan_reader.h"

namespace milmob::cli {

namespace {

struct ValidateArgs {
  std::string plan, scenario;
  ScenarioInput input;
  bool json = false;
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
  const validation::ValidationReport report = validation::validate_plan(plan, r.scenario, calendar);
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

void add_validate_command(CLI::App& app, const GlobalOptions& /*global*/, int& exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check a plan against its scenario independently of the planner: every unit, march unit, step and booking");
  cmd->add_option("plan", args->plan, "plan.json written by `milmob plan`")->required();
  cmd->add_option("scenario", args->scenario, "The scenario it was planned from (YAML; docs/scenario.md)")->required();
  cmd->add_option("--catalogue", args->input.catalogue_path, "Vehicle catalogue (default: data/vehicles.yaml)");
  cmd->add_option("--places", args->input.places_path, "Curated places table (default: data/places.yaml)");
  cmd->add_flag("--json", args->json, "Print the report as JSON");
  cmd->callback([args, &exit_code] { exit_code = run_validate(*args); });
}

}  // namespace milmob::cli
