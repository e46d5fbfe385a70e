#pragma once
// A movement plan: for every unit and vehicle class its itinerary (road all the way, or road to
// a railhead or port, rail or sea, road on; or heavy equipment transporters), its march units
// with their timetables from home to destination (drives, halts, border crossings, night stops,
// waits, loading, carriage, unloading), the carrier trips, every capacity booked, and for every
// minute between ready and arrival its cause.
// Times are minutes from C-day 00:00 UTC (scenario/scenario.h).
#include <cstdint>
#include <string>
#include <vector>

#include "geo/coord.h"
#include "scenario/scenario.h"

namespace milmob::planning {

using scenario::Minutes;

// Why a march unit is not moving (or what it is doing) over an interval.
enum class Activity {
  Drive, Halt, NightStop, WindowWait, PermissionWait, ClosureWait, StartOffset,
  ResourceWait,  // for a loading slot, a carrier, a berth, transshipment capacity
  Loading, Carried, Unloading
};
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
  // Minutes it waited at home for its carriers (HETs on earlier trips), and why: a cause of delay
  // of its own, not the column's length.
  double carrier_wait = 0;
  std::string carrier_wait_detail;
  std::vector<Step> steps;
  std::vector<BorderCrossing> crossings;
};

// One stretch of an itinerary in one mode.
struct LegPart {
  std::string mode;  // road | rail | sea | air | het
  std::string from, to;  // place names ("home", "railhead Munster Training Area", ...)
  double km = 0;
  std::vector<geo::LonLat> geometry;
  std::vector<std::uint32_t> edges;  // road and HET parts: the network's edges, in order (the validator's)
  std::string het_type;  // HET parts: the catalogue's empty HET that carries the class (the validator's)
};

// How one vehicle class of a unit travels from home to destination.
struct ClassLeg {
  std::string label;                 // the class: its most constraining vehicle type
  std::vector<std::string> types;    // vehicle types in it
  int vehicles = 0;
  std::string mode = "road";         // road | rail | sea | het: the main mode
  std::string itinerary;             // "road 12 km to railhead X, rail 1,050 km to Y, road 70 km"
  double distance_km = 0;
  double unconstrained_km = 0;       // by road, for a vehicle without physical limits
  std::vector<std::string> countries;
  std::vector<std::string> detours;  // why its road route differs from the unconstrained one
  std::vector<std::string> notes;    // other itineraries weighed and why they lost or failed
  std::vector<LegPart> parts;
  std::vector<geo::LonLat> geometry; // all parts end to end
};

// One run of a carrier (a train, a ship, a HET column) with the march units it carries.
struct Trip {
  std::string mode, carrier;  // "rail", "DEU train 3"
  std::string from, to;
  double load_start = 0, depart = 0, arrive = 0, unload_end = 0;
  double back = 0;  // when the carrier is free again (its return)
  int vehicles = 0;
  double km = 0;
  std::vector<std::string> march_units;
  int passengers = 0;  // a sortie of personnel: troops aboard (it then carries no vehicles)
};

// How a unit's personnel move: the crews ride in their vehicles; the rest fly in sorties of
// personnel when the scenario has aircraft with seats and airfields near home and destination,
// else ride with the unit's convoys (planning/personnel.h).
struct PersonnelMove {
  int count = 0;   // the unit's personnel
  int seated = 0;  // in the vehicles' seats (rules.convoy.seats_per_vehicle each)
  int flown = 0;   // in sorties
  int riding = 0;  // with the convoys: count - flown
  std::string mode = "convoy";  // convoy | air
  std::string itinerary;        // in words
  std::vector<std::string> notes;
  double depart = 0, arrive = 0;  // air: buses leave home; the last personnel at the destination
  double road_km_to = 0, road_km_from = 0;  // by bus to the first airfield, from the second
  std::string from, to;                     // the airfields
  std::vector<Trip> sorties;
  std::vector<geo::LonLat> geometry;  // air: the flight, first airfield to second (the map)
  std::vector<Step> steps;  // air: the last to arrive, from the unit's ready time (buses, waits, sortie, buses)
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
  std::vector<Trip> trips;
  PersonnelMove personnel;
  std::vector<Delay> delays;  // of the unit's last arriving march unit (or personnel sortie), largest first
  double lateness() const { return arrival - required_delivery; }
};

// Capacity taken at a resource: places at a convoy support centre for a night (kind "csc"), a
// loading slot at a railhead ("railhead", amount 1 train), vehicles handled at a port or a
// transshipment point in one day ("port", "transshipment"), a berth ("berth"), or a carrier
// for a trip and its return ("train", "ship", "het"; amount 1).
struct Booking {
  std::string resource, unit, march_unit;
  int vehicles = 0;
  double from = 0, until = 0;
  std::string kind = "csc";
  double amount = 0;  // in the resource's unit of capacity; csc: vehicles
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
