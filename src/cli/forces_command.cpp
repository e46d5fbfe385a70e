#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/scenario_input.h"
#include "scenario/forces.h"

namespace milmob::cli {

namespace {

struct ForcesArgs {
  std::string scenario;
  ScenarioInput input;
  bool json = false;
};

int run_forces(const ForcesArgs& a) {
  const LoadedScenario loaded = load_scenario_input(a.scenario, a.input);
  if (!loaded.result.ok()) {
    print_diagnostics(loaded.result.diagnostics, std::cerr);
    std::cerr << fmt::format("milmob: error: {}: {} error(s); run `milmob check` for details\n", a.scenario,
                             loaded.result.diagnostics.error_count());
    return kExitBadInput;
  }
  const scenario::ForceReport report = scenario::force_requirements(loaded.result.scenario, loaded.catalogue);
  if (a.json)
    std::cout << scenario::to_json(report).dump(2) << "\n";
  else
    std::cout << scenario::to_text(report);
  return kExitOk;
}

}  // namespace

void add_forces_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto args = std::make_shared<ForcesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "forces", "What each unit and force package needs to move: vehicles, weight, lane metres, wagons, ships, "
                "sorties, strictest limits");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print as JSON");
  cmd->callback([args, &exit_code] { exit_code = run_forces(*args); });
}

}  // namespace milmob::cli
