#pragma once
// A movement plan: for every unit its road legs per vehicle class, its march units with their
// timetables (departure, halts, border crossings, night stops, waits, arrival), the convoy
// support centre places booked, and for every minute between ready and arrival its cause.
// Times are minutes from C-day 00:00 UTC (scenario/scenario.h).
#include <string>
#include <vector>

#include "geo/coord.h"
#include "scenario/scenario.h"

namespace milmob::planning {

using scenario::Minutes;

// Why a march unit is not moving (or what it is doing) over an interval.
enum class Activity { Drive, Halt, NightStop, WindowWait, PermissionWait, ClosureWait, StartOffset };
const char* activity_name(Activity a);

// One stretch of a march unit's timetable.
struct Step {
  Activity activity = Activity::Drive;
  double from = 0, until = 0;  // minutes from C-day 00:00 UTC
  double km_from = 0, km_to = 0;
  geo::LonLat where;           // where it happens (the end of a drive)
  std::string country;         // where it happens
  std::string detail;          // the convoy support centre, the window, the border, ...
};

struct BorderCrossing {
  std::string from, to;
  double time = 0;
  geo::LonLat where;
};

struct MarchUnit {
  std::string id;      // "pzlbtl-93/S1/M2"
  std::string serial;  // "pzlbtl-93/S1": one serial per vehicle class of a unit
  std::string vehicle_class;
  int vehicles = 0;
  double depart = 0, arrive = 0;
  double held = 0;  // minutes its departure was put back so as not to arrive before the earliest arrival
  std::vector<Step> steps;
  std::vector<BorderCrossing> crossings;
};

// The road leg of one vehicle class of a unit.
struct ClassLeg {
  std::string label;                 // the class: its most constraining vehicle type
  std::vector<std::string> types;    // vehicle types in it
  int vehicles = 0;
  double distance_km = 0;
  double unconstrained_km = 0;       // the same trip for a vehicle without physical limits
  std::vector<std::string> countries;
  std::vector<std::string> detours;  // why its route differs from the unconstrained one
  std::vector<geo::LonLat> geometry;
};

struct Delay {
  Activity cause = Activity::Drive;
  double minutes = 0;
  std::string text;  // "waited 14 h at the border DEU > POL: permission lead time 5 working days"
};

struct UnitPlan {
  std::string id, name, nation;
  bool feasible = true;
  std::string infeasible_reason;
  double ready = 0, departure = 0, arrival = 0, required_delivery = 0;
  std::vector<ClassLeg> legs;
  std::vector<MarchUnit> march_units;
  std::vector<Delay> delays;  // of the unit's last arriving march unit, largest first
  double lateness() const { return arrival - required_delivery; }
};

// Places taken at a convoy support centre for one night.
struct Booking {
  std::string resource, unit, march_unit;
  int vehicles = 0;
  double from = 0, until = 0;
};

struct Plan {
  std::string scenario;
  std::vector<UnitPlan> units;  // in planning order
  std::vector<Booking> bookings;
  double closure = 0;  // the last arrival of a feasible unit
  std::vector<std::string> disruptions;  // applied (what-if)
  std::vector<std::string> notes;        // overrides or closures that matched nothing, ...
  bool all_feasible() const;
};

}  // namespace milmob::planning
