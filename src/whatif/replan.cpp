#include "whatif/replan.h"

#include "planning/overlay.h"
#include "planning/planner.h"

namespace milmob::whatif {

planning::Plan Replanner::replan(const scenario::Scenario& scenario, const std::vector<std::string>& disruptions) {
  const planning::Overlay overlay(scenario, router_.net(), disruptions);
  planning::Plan plan = planning::plan_movement(scenario, catalogue_, calendar_, router_, overlay);
  plan.disruptions = disruptions;
  ++plans_made_;
  return plan;
}

}  // namespace milmob::whatif
