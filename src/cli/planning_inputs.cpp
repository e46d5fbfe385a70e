#include "cli/planning_inputs.h"

#include <fmt/format.h>

#include <iostream>

namespace milmob::cli {

std::unique_ptr<PlanningInputs> load_planning_inputs(const std::string& path, const ScenarioInput& input, bool progress) {
  LoadedScenario loaded = load_scenario_input(path, input);
  const scenario::LoadResult& r = loaded.result;
  if (!r.ok()) {
    print_diagnostics(r.diagnostics, std::cerr);
    std::cerr << fmt::format("milmob: error: {}: {} error(s); run `milmob check` for details\n", path,
                             r.diagnostics.error_count());
    return nullptr;
  }
  std::optional<BuiltNetwork> network = build_scenario_network(r.scenario.network, {true, true, progress});
  scenario::HolidayCalendar calendar = r.scenario.rules.holidays_file.empty()
                                           ? scenario::HolidayCalendar::load_default()
                                           : scenario::HolidayCalendar::load(r.scenario.rules.holidays_file);
  return std::unique_ptr<PlanningInputs>(
      new PlanningInputs{std::move(loaded), std::move(*network), std::move(calendar)});
}

}  // namespace milmob::cli
