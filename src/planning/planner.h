#pragma once
// From a scenario to a plan, by road: each unit's vehicles are grouped into vehicle classes
// (types with the same physical limits), each class is routed from home to destination, split
// into march units and timed (planning/road_march.h). Units are planned in priority, then
// required-delivery order; they share the convoy support centres.
//
// The overlay brings the scenario's overrides and closures and the chosen disruptions: a class
// routes around what is closed while it moves when it can, else waits for the road to open.
// Not yet: rail, sea, air and HET legs, deconfliction of convoys on the same road (docs/planning.md).
#include "network/network.h"
#include "planning/overlay.h"
#include "planning/plan.h"
#include "routing/router.h"
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"

namespace milmob::planning {

struct PlanOptions {
  double max_snap_m = 10000;  // homes and destinations this far from a usable road are unreachable
};

Plan plan_by_road(const scenario::Scenario& scenario, const vehicles::Catalogue& catalogue,
                  const scenario::HolidayCalendar& calendar, routing::Router& router, const Overlay& overlay,
                  const PlanOptions& options = {});

}  // namespace milmob::planning
