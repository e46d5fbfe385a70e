#pragma once
// Which rule or resource holds the force back, and what easing it would buy: the scenario is
// re-planned once per change (a permission lead time one working day shorter, a movement window
// lifted, a convoy support centre with a march unit's worth more places, an hour more driving a
// day) and each change is valued by the force closure and the total lateness it gives.
// The disruptions the scenario names are valued the other way: what each one costs.
#include <functional>
#include <string>
#include <vector>

#include "planning/plan.h"
#include "planning/utilisation.h"
#include "routing/router.h"
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"

namespace milmob::planning {

struct Marginal {
  std::string what;    // "permission POL", "window DEU", "centre Szczecin", "disruption 'X'"
  std::string change;  // "lead time 5 -> 4 working days"
  double closure = 0, lateness_h = 0;  // after the change
  double closure_gain_h = 0, lateness_gain_h = 0;  // before - after (negative: it costs)
  int units_earlier = 0, units_later = 0;
};

struct BottleneckReport {
  double closure = 0, lateness_h = 0;  // the plan as it is
  std::vector<Marginal> changes;       // largest closure gain first
  std::vector<ResourceUse> utilisation;  // of the plan as it is, the fullest first
};

// Total lateness of the feasible units, in hours (early units count 0).
double total_lateness_h(const Plan& plan);

BottleneckReport bottlenecks(const scenario::Scenario& scenario, const vehicles::Catalogue& catalogue,
                             const scenario::HolidayCalendar& calendar, routing::Router& router,
                             const std::vector<std::string>& disruptions,
                             const std::function<void(double)>& progress = {});  // told the share done (0..1)

}  // namespace milmob::planning
