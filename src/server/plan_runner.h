#pragma once
// The one place the server calls the planner: a scenario, the disruptions applied to it, a
// router; the plan comes back with the disruptions it applied.
#include <functional>
#include <string>
#include <vector>

#include "network/network.h"
#include "planning/plan.h"
#include "routing/router.h"
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"

namespace milmob::server {

struct PlanningContext {
  const Network& net;
  const vehicles::Catalogue& catalogue;
  const scenario::HolidayCalendar& calendar;
};

// Throws ApiError 422 for a disruption the scenario does not name.
planning::Plan run_planner(const PlanningContext& context, const scenario::Scenario& scenario,
                           const std::vector<std::string>& disruptions, routing::Router& router,
                           const std::function<void(double)>& progress = {});

}  // namespace milmob::server
