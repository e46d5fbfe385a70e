#include "cli/planning_inputs.h"

#include <fmt/format.h>

#include <iostream>

#include "planning/planner.h"

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
  return complete_planning_inputs(std::move(loaded), progress);
}

std::unique_ptr<PlanningInputs> complete_planning_inputs(LoadedScenario loaded, bool progress) {
  const scenario::LoadResult& r = loaded.result;
  std::optional<BuiltNetwork> network = build_scenario_network(r.scenario.network, {true, true, progress});
  scenario::HolidayCalendar calendar = r.scenario.rules.holidays_file.empty()
                                           ? scenario::HolidayCalendar::load_default()
                                           : scenario::HolidayCalendar::load(r.scenario.rules.holidays_file);
  return std::unique_ptr<PlanningInputs>(
      new PlanningInputs{std::move(loaded), std::move(*network), std::move(calendar)});
}

planning::Plan plan_scenario(const PlanningInputs& in, const std::vector<std::string>& disruptions,
                             const planning::PlanOptions& options) {
  return plan_scenario(in, in.scenario(), disruptions, options);
}

planning::Plan plan_scenario(const PlanningInputs& in, const scenario::Scenario& scenario,
                             const std::vector<std::string>& disruptions, const planning::PlanOptions& options) {
  const Network net = in.network.net();
  routing::Router router(net);
  const planning::Overlay overlay(scenario, net, disruptions);
  planning::Plan plan = planning::plan_movement(scenario, in.loaded.catalogue, in.calendar, router, overlay, options);
  plan.disruptions = disruptions;
  return plan;
}

}  // namespace milmob::cli
