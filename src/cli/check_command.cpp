#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scenario_input.h"
#include "scenario/scenario_json.h"

namespace milmob::cli {

namespace {

struct CheckArgs {
  std::string scenario;
  ScenarioInput input;
  bool json = false, dump = false;
};

std::string summary(const scenario::Scenario& s) {
  int vehicles = 0, personnel = 0;
  for (const auto& u : s.units) {
    personnel += u.personnel;
    for (const auto& e : u.equipment) vehicles += e.count;
  }
  return fmt::format("{} units in {} force packages, {} vehicles, {} personnel", s.units.size(),
                     s.force_packages.size(), vehicles, personnel);
}

int run_check(const CheckArgs& a) {
  const LoadedScenario loaded = load_scenario_input(a.scenario, a.input);
  const scenario::LoadResult& r = loaded.result;
  const std::size_t errors = r.diagnostics.error_count(), warnings = r.diagnostics.warning_count();
  if (a.json) {
    nlohmann::ordered_json j = {{"file", a.scenario}, {"ok", r.ok()}, {"errors", errors}, {"warnings", warnings}};
    j["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : r.diagnostics.sorted()) j["diagnostics"].push_back(scenario::to_json(d));
    if (a.dump && r.ok()) j["scenario"] = scenario::to_document(r.scenario);
    std::cout << j.dump(2) << "\n";
  } else if (a.dump && r.ok()) {
    print_diagnostics(r.diagnostics, std::cerr);
    std::cout << scenario::to_document(r.scenario).dump(2) << "\n";
  } else {
    print_diagnostics(r.diagnostics, std::cout);
    std::cout << fmt::format("{}: {}; {} error{}, {} warning{}\n", a.scenario,
                             r.ok() ? summary(r.scenario) : "not usable", errors, errors == 1 ? "" : "s", warnings,
                             warnings == 1 ? "" : "s");
  }
  if (a.dump && !r.ok() && !a.json) print_diagnostics(r.diagnostics, std::cerr);
  return r.ok() ? kExitOk : kExitBadInput;
}

}  // namespace

void add_check_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Validate a scenario file: every error and warning, with line and field");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("--catalogue", args->input.catalogue_path, "Vehicle catalogue (default: data/vehicles.yaml)");
  cmd->add_option("--places", args->input.places_path, "Curated places table (default: data/places.yaml)");
  cmd->add_flag("--json", args->json, "Print the diagnostics as JSON");
  cmd->add_flag("--dump", args->dump,
                "Print the scenario as read (canonical JSON, itself a valid scenario) when it has no error");
  cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace milmob::cli
