#pragma once
// The ways one vehicle class of a unit can travel, each tried against what earlier units have
// booked: road all the way; on heavy equipment transporters; road to a railhead, rail (a gauge
// break transshipped), road on; road to a port, sea, road on; road to an airfield, airlift, road on. The planner keeps the one that
// arrives first (planning/planner.h).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "planning/capacity.h"
#include "planning/clock_rules.h"
#include "planning/overlay.h"
#include "planning/plan.h"
#include "planning/road_march.h"
#include "routing/router.h"
#include "vehicles/catalogue.h"

namespace milmob::planning {

// A ship's voyage that later loads join while it has lane metres left and has not sailed.
struct Sailing {
  std::string ship, from, to;  // "ship NAME", terminal labels
  int carrier = 0;
  double depart = 0, arrive = 0, km = 0, lane_free = 0;
  Activity held_by = Activity::ResourceWait;  // why it leaves when it does, for the loads that wait for it
  std::string held_why;
  std::size_t booking = 0;  // the ship's booking in Ledgers::bookings, extended by each load
};

// Everything units share: copied to try an itinerary, and the copy of the chosen one kept.
struct Ledgers {
  CentreLedger centres;
  std::map<std::string, DailyThroughput> handling;  // "railhead X", "port Y", "transshipment Z"
  std::map<std::string, Fleet> fleets;              // "DEU train", "ship NAME", "DEU HET", "berths at X"
  std::vector<Booking> bookings;                    // all but convoy support centre places
  std::vector<Sailing> sailings;
};

// Vehicle types with the same physical limits, which share routes.
struct VehicleClass {
  vehicles::VehicleLimits limits;
  std::vector<const vehicles::VehicleType*> types;
  int vehicles = 0;
};

// A place where vehicles change mode: a railhead, a transshipment point, a port or an airfield.
struct Terminal {
  std::string kind;  // railhead | transshipment | port | airfield
  std::string name;
  geo::LonLat where;
  std::string country;
  const scenario::Railhead* railhead = nullptr;
  const scenario::Transshipment* transshipment = nullptr;
  const scenario::Port* port = nullptr;  // null: a port of the network the scenario gives no figures for
  const scenario::Airfield* airfield = nullptr;
  std::string label() const { return kind + " " + name; }
};

// What every itinerary needs besides the ledgers; one per planner run.
struct PlanningContext {
  const scenario::Scenario& scenario;
  const vehicles::Catalogue& catalogue;
  routing::Router& router;
  const Overlay& overlay;
  const ClockRules& clock;
  double max_snap_m;
  std::map<std::string, routing::Route> routes;             // by request, for the next itinerary
  std::map<int, routing::VehicleCost> rail_costs;           // by gauge
  std::vector<Terminal> railheads, transshipments, ports, airfields;  // ports: the scenario's and the network's
};
void find_terminals(PlanningContext& ctx);

// One class of one unit to move: its march units leave home from `start` on.
struct ClassMove {
  const scenario::Unit& unit;
  const VehicleClass& vclass;
  int serial = 1;
  double start = 0;
};

// The class moved one way, or not (`found` false and the reason).
struct Itinerary {
  bool found = false;
  std::string reason;
  bool breaks_het_rule = false;  // a tracked class marches farther than the HET rule allows
  ClassLeg leg;
  std::vector<MarchUnit> march_units;
  std::vector<Trip> trips;
  double arrive = 0;      // of its last march unit
  double next_start = 0;  // when the unit's next class may start leaving home
};

Itinerary by_road(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers);
Itinerary by_het(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers);
Itinerary by_rail(PlanningContext& ctx, const ClassMove& move, const Terminal& load, const Terminal& unload,
                  Ledgers& ledgers);
Itinerary by_sea(PlanningContext& ctx, const ClassMove& move, const Terminal& load, const Terminal& unload,
                 Ledgers& ledgers);
Itinerary by_air(PlanningContext& ctx, const ClassMove& move, const Terminal& load, const Terminal& unload,
                 Ledgers& ledgers);

// What one sortie is asked to take: `wanted` vehicles of a class or troops, and how many one
// aircraft of a type takes (0: none); `partial`: an aircraft with less room takes what it can.
struct SortieLoad {
  int wanted = 0;
  bool passengers = false, partial = false;
  std::function<int(const scenario::Aircraft&)> capacity;
};
// One sortie between two airfields on the aircraft free first (of those that take the load): a
// place on the ground for the handling hours at each end, clearance to enter the destination's
// nation, the flight, and the aircraft busy until it has flown back empty. Booked in `ledgers`.
struct Sortie {
  std::string reason;  // non-empty: no aircraft can fly it
  int carried = 0;     // vehicles or troops aboard
  double start = 0;    // loading starts
  std::string wait;    // why it did not start when ready
  Activity waited = Activity::ResourceWait;
  std::vector<Step> steps;  // loading to unloading, km from the first airfield
  double end = 0;           // unloaded
  Trip trip;
};
Sortie fly_sortie(PlanningContext& ctx, Ledgers& ledgers, const Terminal& load, const Terminal& unload,
                  const std::string& nation, const std::string& unit_id, double ready, const SortieLoad& what,
                  const std::string& trip_id);

// The terminals worth trying near a point: the `count` nearest within `max_km`.
std::vector<const Terminal*> nearest_terminals(const std::vector<const Terminal*>& terminals, const geo::LonLat& p,
                                               std::size_t count, double max_km);

}  // namespace milmob::planning
