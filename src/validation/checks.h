#pragma once
// The independent validator: replays a plan (plan_reader.h) against its scenario and checks
// every rule the planner promises (docs/planning.md "Validation"), each check written from the
// rules in docs/scenario.md and docs/planning.md, sharing no code with the planner. Every
// violation is listed, with the unit or march unit, the time and the rule with its numbers.
//
// Tolerances: the plan's `*_min` fields are rounded to 0.1 min (so 0.1 min per comparison, and
// per summed drive step); text times are rounded up to the minute (so 1 min).
#include <limits>
#include <string>
#include <vector>

#include "network/network.h"
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"
#include "scenario/scenario.h"
#include "validation/plan_reader.h"

namespace milmob::validation {

struct Violation {
  std::string rule;     // "border permission", "movement window", ...
  std::string subject;  // the unit, march unit or convoy support centre
  double time = std::numeric_limits<double>::quiet_NaN();  // when, minutes from C-day; NaN: no time
  std::string message;  // what is wrong, with the rule's numbers
  // "usa-abct/S1/M3 at C+2 21:00: border permission: enters POL from DEU at C+2 21:00, ..."
  std::string to_string() const;
};

struct CheckInput {
  const PlanFile& plan;
  const scenario::Scenario& scenario;
  const scenario::HolidayCalendar& calendar;
  // The scenario's network and catalogue, for the vehicle limits on the routes; without them
  // that check is skipped.
  const Network* network = nullptr;
  const vehicles::Catalogue* catalogue = nullptr;
};

using Violations = std::vector<Violation>;

// 1. Every unit of the scenario once, no other; vehicles per class and in total as the
//    equipment counts; no march unit larger than vehicles_per_march_unit.
void check_force(const CheckInput& in, Violations& out);
// 2. No march unit departs before its unit's notice to move ends.
void check_notice_to_move(const CheckInput& in, Violations& out);
// 3. Steps contiguous from departure to arrival; km never decreasing, only drives move, and
//    never faster than the fastest convoy speed.
void check_timetables(const CheckInput& in, Violations& out);
// 4. No drive while the nation of the step forbids movement (weekends, public holidays,
//    allowed hours in UTC).
void check_movement_windows(const CheckInput& in, Violations& out);
// 5. No entry into a nation before its permission holds (lead working days requested at C+0
//    00:00 UTC; pair rule, granting nation, default; pre-approved corridors in hours), by road
//    or carried (a train, ship or aircraft arriving in it).
void check_border_permissions(const CheckInput& in, Violations& out);
// 6. Driving hours between rests of at least 8 h; continuous driving between halts.
void check_driving_limits(const CheckInput& in, Violations& out);
// 7. Convoy support centre places per night; a booking for every night stop at a centre.
void check_support_centres(const CheckInput& in, Violations& out);
// 9. Railhead loading slots, port and transshipment handling per day; trains, ships, HETs and
//    berths never more busy at once than the scenario has, ships not before they are available.
void check_carriage(const CheckInput& in, Violations& out);
// 10. Every road part of an itinerary runs on road edges of the scenario's network whose limits
//     (as the scenario's overrides set them) every vehicle type of the class keeps: weight,
//     axle load, height, width, MLC (tracked or wheeled); none closed for good.
void check_vehicle_limits(const CheckInput& in, Violations& out);
// 11. (in check_vehicle_limits) A HET part's edges keep the loaded combination's limits: the
//     HET's weight plus each vehicle type's, the wider width, the MLC the weight gives.
// 12. Every carried step lies on a trip of its unit that lists its march unit, every HET march
//     unit on a HET trip; every trip's carrier is booked for the trip and its return; every
//     loading and unloading at a railhead, transshipment point, port or airfield with a capacity
//     in the scenario has its slot or handling booked.
void check_trips(const CheckInput& in, Violations& out);
// 13. The edges of every road and HET part join up: each edge starts where the one before ends.
void check_route_continuity(const CheckInput& in, Violations& out);
// 14. The march units of a serial leave one after another: each once the one before has passed
//     the start point (vehicles x gap_rural_m at speed_two_lane_kmh) plus march_unit_gap_min.
void check_spacing(const CheckInput& in, Violations& out);
// 15. Every halt lasts its length: first_halt_min for a march unit's first, then at least the
//     shorter of halt_min and first_halt_min.
void check_halt_lengths(const CheckInput& in, Violations& out);
// 8. A feasible unit arrives with its last march unit, no march unit before the unit's earliest
//    arrival date; ready, departure and closure agree.
void check_arrivals(const CheckInput& in, Violations& out);
// 16. Personnel: flown plus riding with the convoys is the unit's personnel; no more in the
//     vehicles' seats than seats_per_vehicle each; no sortie of personnel over its aircraft's
//     seats or on an aircraft the scenario does not have.
void check_personnel(const CheckInput& in, Violations& out);

struct ValidationReport {
  int units = 0, march_units = 0, steps = 0, bookings = 0;
  Violations violations;
  bool ok() const { return violations.empty(); }
};

// Every check above, in that order.
ValidationReport validate_plan(const PlanFile& plan, const scenario::Scenario& scenario,
                               const scenario::HolidayCalendar& calendar, const Network* network = nullptr,
                               const vehicles::Catalogue* catalogue = nullptr);

}  // namespace milmob::validation
