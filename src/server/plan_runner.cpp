#include "server/plan_runner.h"

#include "common/error.h"
#include "planning/overlay.h"
#include "planning/planner.h"
#include "server/api_error.h"

namespace milmob::server {

planning::Plan run_planner(const PlanningContext& context, const scenario::Scenario& scenario,
                           const std::vector<std::string>& disruptions, routing::Router& router,
                           const std::function<void(double)>& progress) {
  std::optional<planning::Overlay> overlay;
  try {
    overlay.emplace(scenario, context.net, disruptions);
  } catch (const InputError& e) {
    throw ApiError(422, "unknown_disruption", e.what(), "disruptions");
  }
  planning::PlanOptions options;
  options.progress = progress;
  planning::Plan plan = planning::plan_movement(scenario, context.catalogue, context.calendar, router, *overlay, options);
  plan.disruptions = disruptions;
  return plan;
}

}  // namespace milmob::server
