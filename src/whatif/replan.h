#pragma once
// The one place where what-if analysis calls the planner: a scenario (a copy, changed by a
// disruption or an upgrade) in, a plan out, on the network and router the command built once.
#include <string>
#include <vector>

#include "planning/plan.h"
#include "routing/router.h"
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"

namespace milmob::whatif {

class Replanner {
 public:
  Replanner(const vehicles::Catalogue& catalogue, const scenario::HolidayCalendar& calendar, routing::Router& router)
      : catalogue_(catalogue), calendar_(calendar), router_(router) {}

  // Plans `scenario` with its disruptions named in `disruptions` applied ("all": every one).
  // Throws InputError for an unknown disruption name.
  planning::Plan replan(const scenario::Scenario& scenario, const std::vector<std::string>& disruptions = {});

  // How many plans were made (for progress and benchmarks).
  int plans_made() const { return plans_made_; }

 private:
  const vehicles::Catalogue& catalogue_;
  const scenario::HolidayCalendar& calendar_;
  routing::Router& router_;
  int plans_made_ = 0;
};

}  // namespace milmob::whatif
