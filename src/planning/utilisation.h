#pragma once
// How much of each resource a plan uses, day by day: what `milmob bottlenecks` shows beside the
// marginal values. Read from the plan's bookings, against the scenario's nominal capacities:
// a convoy support centre's places a night, a railhead's trains a day, the vehicles a port or a
// transshipment point handles a day (summed per day); berths, places on an airfield's ground and
// carriers (trains, ships, HETs, aircraft) as the most busy at once during the day.
#include <string>
#include <vector>

#include "planning/plan.h"
#include "scenario/scenario.h"

namespace milmob::planning {

struct DayUse {
  long day = 0;        // C-day number
  double used = 0;     // in the resource's unit
  double share = 0;    // of the capacity (0 when the scenario gives none)
};

struct ResourceUse {
  std::string kind, resource;  // as bookings.csv names them
  std::string unit;            // "vehicles a night", "trains a day", "vehicles a day", "at once"
  double capacity = 0;         // nominal; 0: the scenario gives no figure (a network port)
  std::vector<DayUse> days;    // the days it is used, in order
  double peak_share = 0, mean_share = 0;  // over the days it is used
  int days_at_capacity = 0;    // days used to the full nominal capacity
};

// Every resource the plan books, the fullest first (then by kind and name).
std::vector<ResourceUse> utilisation(const Plan& plan, const scenario::Scenario& scenario);

}  // namespace milmob::planning
