#pragma once
// Pieces the itineraries share (planning/itinerary.h): road routes around the scenario's
// closures, a route as convoy steps, march units one after another, timetables end to end.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "planning/itinerary.h"

namespace milmob::planning::parts {

// A road route for the class, around every closure between `avoid_from` and `avoid_until` if it
// can, else through closures it will wait out. Cached per request. nullopt and `reason` if none.
std::optional<routing::Route> road_route(PlanningContext& ctx, const geo::LonLat& from, const geo::LonLat& to,
                                         const vehicles::VehicleLimits& limits, double avoid_from, double avoid_until,
                                         std::string& reason);

std::vector<RoadStep> steps_of(const PlanningContext& ctx, const routing::Route& route, double vehicle_kmh);

// `vehicles` in groups of at most `size`, spread evenly (20 in groups of 15 -> 10 + 10).
std::vector<int> split(int vehicles, int size);

// A march that would arrive before its unit's earliest arrival date leaves later. `first` is the
// try that arrived too early; `try_at(leave)` times a departure (its `depart` is where the next
// move counts from). Up to four times the march leaves later by what its arrival still lacks;
// as a wait at a fixed time on the way (a border permission, a movement window) can swallow
// such moves, the move then doubles until the arrival is in time, and halves back to the
// earliest departure that is (to the minute). Returns the departure; its arrival is in time
// unless the march never arrives.
struct TimedMarch {
  double depart = 0, arrive = 0;
};
double departure_for_earliest_arrival(TimedMarch first, double earliest,
                                      const std::function<TimedMarch(double)>& try_at);

// The minutes a march unit of n vehicles takes to pass a point, plus the gap to the next.
double column_minutes(const scenario::ConvoyRules& rules, int vehicles);

MarchContext march_context(PlanningContext& ctx, const ClassMove& move, Ledgers& ledgers);

std::string march_unit_id(const ClassMove& move, int k);

// Appends a stretch at a place (a wait, loading, carriage) to a timetable.
void add_step(MarchUnit& mu, Activity activity, double from, double until, double km_from, double km_to,
              const geo::LonLat& where, const std::string& country, const std::string& detail);
// Appends a march timetable that starts where `mu` ends; its km and crossings follow on.
void append_march(MarchUnit& mu, const MarchUnit& leg);
double km_done(const MarchUnit& mu);

// The leg of a class in a mode, before its route is known.
ClassLeg class_leg(const VehicleClass& c, const std::string& mode);
// A road part of a leg (or a HET one), for the map, the distance and the validator.
LegPart road_part(const routing::Route& route, const std::string& from, const std::string& to,
                  const std::string& mode = "road");

// How many units have booked a resource so far ("shared with 3 units").
int units_booking(const Ledgers& ledgers, const std::string& resource);

}  // namespace milmob::planning::parts
