#pragma once
// Reading plan.json (docs/planning.md "Outputs") for the validator, into its own small structs:
// the validator must not trust, include or call the planner, so it reads the file as any other
// consumer would. A malformed file throws milmob::InputError naming the file, the JSON path
// ("units[2].march_units[0].steps[3].from_min") and what was expected.
//
// Times are minutes from C-day 00:00 UTC. The `*_min` fields are read as written (rounded to
// 0.1 min); fields that only exist as text ("C+3 06:15", rounded up to the minute; "never")
// are parsed, "never" and a null `*_min` becoming +infinity.
#include <cstdint>
#include <string>
#include <vector>

namespace milmob::validation {

enum class Activity {
  Drive, Halt, NightStop, WindowWait, PermissionWait, ClosureWait, StartOffset,
  ResourceWait, Loading, Carried, Unloading  // carried movement: a railhead, a train, a port, a ship, a HET
};
const char* activity_name(Activity a);  // as plan.json writes it: "night_stop"

struct PlanStep {
  Activity activity = Activity::Drive;
  double from = 0, until = 0;  // until = +infinity for a wait that never ends
  double km_from = 0, km_to = 0;
  std::string country, detail;
};

struct PlanCrossing {
  std::string from, to;  // nations
  double time = 0;
};

struct PlanMarchUnit {
  std::string id, serial, vehicle_class;
  int vehicles = 0;
  double depart = 0, arrive = 0;  // arrive = +infinity when it never arrives
  std::vector<PlanCrossing> crossings;
  std::vector<PlanStep> steps;
};

struct PlanLegPart {
  std::string mode;                  // road | rail | sea | air | het
  std::vector<std::uint32_t> edges;  // road and HET parts: the network's edges
  std::string from, to;              // "home", "railhead X", "destination"
  std::string het_type;              // HET parts: the empty HET's catalogue name ("" in older plans)
};

struct PlanLeg {
  std::string mode;  // road | rail | sea | air | het: the main mode ("" when not written)
  std::string vehicle_class;
  std::vector<std::string> types;
  int vehicles = 0;
  double distance_km = 0;
  std::vector<PlanLegPart> parts;  // empty in plans written before itineraries had parts
};

// One run of a carrier (a train, a ship, an aircraft, a HET column) with the march units aboard.
struct PlanTrip {
  std::string mode, carrier;  // "rail", "DEU train 3"; "het", "USA HET x12"
  std::string from, to;       // terminals: "railhead X", "port Y"; "home", "destination" for HETs
  int vehicles = 0;
  double load_start = 0, depart = 0, arrive = 0, unloaded = 0, back = 0;  // load_start, unloaded, back to the minute
  std::vector<std::string> march_units;
};

// A sortie of personnel: the aircraft (carrier "aircraft TYPE N"), troops aboard, when unloaded.
struct PlanSortie {
  std::string carrier;
  int passengers = 0;
  double unloaded = 0;
};

// How a unit's personnel move (absent in plans written before personnel were planned).
struct PlanPersonnel {
  int count = 0, seated = 0, flown = 0, riding = 0;
  std::string mode;   // convoy | air
  double arrival = 0; // air: the last personnel at the destination
  std::vector<PlanSortie> sorties;
};

struct PlanUnit {
  std::string id, nation;
  bool feasible = true;
  std::string infeasible_reason;
  double ready = 0, departure = 0, arrival = 0;  // from the text fields, to the minute
  std::vector<PlanLeg> legs;
  std::vector<PlanMarchUnit> march_units;
  std::vector<PlanTrip> trips;  // empty when not written
  bool has_personnel = false;
  PlanPersonnel personnel;
};

struct PlanBooking {
  std::string resource, unit, march_unit;
  int vehicles = 0;
  double from = 0, until = 0;  // from_min/until_min when written, else the text fields
  std::string kind = "convoy_support_centre";  // | railhead | port | transshipment | berth | train | ship | het
  double amount = 0;                            // in the resource's unit of capacity
};

struct PlanFile {
  std::string file;      // where it was read from, for messages
  std::string scenario;  // the scenario's name as the planner wrote it
  double closure = 0;
  bool all_feasible = true;
  std::vector<PlanUnit> units;
  std::vector<PlanBooking> bookings;
};

// The format this reader understands (plan.json's "format").
inline constexpr const char* kPlanFormat = "milmob-plan/1";

// Throws InputError for an unreadable file, text that is not JSON, or a document that is not a
// plan of this format (the first problem found, with its JSON path).
PlanFile read_plan(const std::string& path);
// The same from text in memory; `name` stands for the file in messages.
PlanFile parse_plan(const std::string& text, const std::string& name);

}  // namespace milmob::validation
