#pragma once
// What planning commands (plan, bottlenecks) read before they plan: the scenario with its
// catalogue and places, its network, and the holiday table its rules name.
#include <memory>
#include <optional>
#include <string>

#include "cli/scenario_input.h"
#include "cli/scenario_network.h"
#include "planning/planner.h"
#include "scenario/calendar.h"

namespace milmob::cli {

struct PlanningInputs {
  LoadedScenario loaded;
  BuiltNetwork network;
  scenario::HolidayCalendar calendar;
  const scenario::Scenario& scenario() const { return loaded.result.scenario; }
};

// nullptr when the scenario has errors: they are printed on stderr, and the caller exits 2.
std::unique_ptr<PlanningInputs> load_planning_inputs(const std::string& path, const ScenarioInput& input, bool progress);
// The network and holiday calendar of a scenario loaded without errors (the Python module
// reports the errors itself).
std::unique_ptr<PlanningInputs> complete_planning_inputs(LoadedScenario loaded, bool progress);

// The scenario planned with the named disruptions applied (a what-if; "all" for every one): the
// one call of the planner that `plan` and the Python module share. Throws InputError naming an
// unknown disruption.
planning::Plan plan_scenario(const PlanningInputs& in, const std::vector<std::string>& disruptions,
                             const planning::PlanOptions& options = {});
// The same for a copy of the scenario with disruptions of its own added (a disruption file, as
// `whatif --disrupt` reads it), on the inputs' network, catalogue and calendar.
planning::Plan plan_scenario(const PlanningInputs& in, const scenario::Scenario& scenario,
                             const std::vector<std::string>& disruptions, const planning::PlanOptions& options = {});

}  // namespace milmob::cli
