#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scenario_network.h"
#include "cli/scenario_input.h"
#include "common/error.h"
#include "common/progress.h"
#include "scenario/scenario_json.h"

namespace milmob::cli {

namespace {

struct CheckArgs {
  std::string scenario;
  ScenarioInput input;
  bool json = false, dump = false, import_osm = false, quiet = false;
};

// "1 unit", "2 units"
std::string count(std::size_t n, const char* noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

std::string summary(const scenario::Scenario& s) {
  std::size_t vehicles = 0, personnel = 0;
  for (const auto& u : s.units) {
    personnel += static_cast<std::size_t>(u.personnel);
    for (const auto& e : u.equipment) vehicles += static_cast<std::size_t>(e.count);
  }
  return fmt::format("{} in {}, {}, {} personnel", count(s.units.size(), "unit"),
                     count(s.force_packages.size(), "force package"), count(vehicles, "vehicle"), personnel);
}

int run_check(const CheckArgs& a) {
  LoadedScenario loaded = load_scenario_input(a.scenario, a.input);
  scenario::LoadResult& r = loaded.result;
  std::string coverage;  // what the network check looked at, for the text output
  if (r.ok()) {
    try {
      const bool progress = !a.quiet && Progress::stderr_is_terminal();
      if (const auto built = build_scenario_network(r.scenario.network, {a.import_osm, false, progress})) {
        const std::size_t n = scenario::check_coverage(r.place_uses, built->net(), r.scenario.network.added_links, r.diagnostics);
        coverage = fmt::format("network: {} checked against {}\n", count(n, "place"), count(built->net().node_count(), "node"));
      }
    } catch (const InputError& e) {
      r.diagnostics.error(0, 0, "network", fmt::format("cannot build the scenario's network: {}", e.what()));
    }
  }
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
    std::cout << coverage
              << fmt::format("{}: {}; {}, {}\n", a.scenario, r.ok() ? summary(r.scenario) : "not usable",
                             count(errors, "error"), count(warnings, "warning"));
  }
  if (a.dump && !r.ok() && !a.json) print_diagnostics(r.diagnostics, std::cerr);
  return r.ok() ? kExitOk : kExitBadInput;
}

}  // namespace

void add_check_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Validate a scenario file: every error and warning, with line and field");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print the diagnostics as JSON");
  cmd->add_flag("--dump", args->dump,
                "Print the scenario as read (canonical JSON, itself a valid scenario) when it has no error");
  cmd->add_flag("--import", args->import_osm,
                "Also import the scenario's OSM extracts to check that the network reaches every place (GIS layers "
                "and network files are always checked)");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_check(*args);
  });
}

}  // namespace milmob::cli
