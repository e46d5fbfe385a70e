#pragma once
// From a scenario to a plan: each unit's vehicles are grouped into vehicle classes (types with
// the same physical limits); for each class every itinerary is tried against what earlier units
// booked (road, HET, rail, sea: planning/itinerary.h) and the first to arrive is kept. Units are
// planned in priority, then required-delivery order; they share every capacity.
//
// The overlay brings the scenario's overrides and closures and the chosen disruptions: a class
// routes around what is closed while it moves when it can, else waits for the road to open.
// With options.improve_replans, units that arrive last are re-inserted earlier within their
// priority while that improves the plan. Not yet: deconfliction of convoys on the same road.
#include <functional>

#include "network/network.h"
#include "planning/overlay.h"
#include "planning/plan.h"
#include "routing/router.h"
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"

namespace milmob::planning {

struct PlanOptions {
  double max_snap_m = 10000;  // homes and destinations this far from a usable road are unreachable
  // Re-plans allowed to improve the greedy order by re-insertion (0: the order of priority and
  // required delivery date only). Each re-plan costs a whole plan.
  int improve_replans = 0;
  // Told the share of the work done (0..1) after each unit is planned; with improve_replans the
  // share is of the most re-plans the budget allows, and 1 when the search stops.
  std::function<void(double)> progress;
};

Plan plan_movement(const scenario::Scenario& scenario, const vehicles::Catalogue& catalogue,
                   const scenario::HolidayCalendar& calendar, routing::Router& router, const Overlay& overlay,
                   const PlanOptions& options = {});

}  // namespace milmob::planning
