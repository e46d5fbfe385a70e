#pragma once
// What the simulation executes: a plan reduced to each march unit's sequence of activities
// (drive so many km in a nation for so long, halt, stop for the night at a centre, wait until a
// fixed time, cross a border, load), made from a plan in memory (planning::Plan) or from
// plan.json (validation::read_plan) by the same rules. Waits for movement windows are not
// kept: the execution recomputes them from the scenario's rules, as the planner did.
#include <string>
#include <vector>

#include "planning/plan.h"
#include "scenario/scenario.h"
#include "validation/plan_reader.h"
#include "vehicles/catalogue.h"

namespace milmob::simulation {

enum class StepKind {
  Drive,      // km in `nation` taking `minutes` (the planned pace)
  Halt,       // `minutes`, as planned (also any activity not modelled yet)
  NightStop,  // a rest until 24 h after the day's first departure, at least 8 h; at `centre` or roadside
  WaitUntil,  // permission or closure: until the fixed time `until` (nothing if already later)
  Cross,      // into `nation` (from `from_nation`): border closures and border waits apply here
  Load,       // `minutes` of loading or unloading by `mode` (rail, sea, air, het)
  MarchStart, // a road march begins anew after a carriage (the planner's day starts here)
};

struct SimStep {
  StepKind kind = StepKind::Drive;
  double minutes = 0, km = 0;
  double until = 0;         // WaitUntil
  std::string nation;       // Drive: where (its movement window); Cross: entered
  std::string from_nation;  // Cross
  int centre = -1;          // NightStop: index into the scenario's convoy support centres; -1 roadside
  std::string mode;         // Load
  std::string cause;        // WaitUntil: "permission" or "closure"
};

struct Track {  // one march unit
  std::string id;
  std::size_t unit = 0;  // index into Schedule::units
  int vehicles = 0;
  bool tracked = false;
  double depart = 0, arrive = 0;  // planned
  std::vector<SimStep> steps;
};

struct UnitInfo {
  std::string id, nation;
  bool feasible = true;  // infeasible units are not executed
  double planned_arrival = 0, required_delivery = 0;
};

struct Schedule {
  std::vector<UnitInfo> units;
  std::vector<Track> tracks;
  double planned_closure = 0;  // the last arrival of a feasible unit
};

// The nations its march units drive in, and a time by which any run will have ended or given up
// (the horizon of precomputed movement windows).
std::vector<std::string> nations_of(const Schedule& schedule);
double horizon_of(const Schedule& schedule);

// The scenario gives each unit's required delivery date and whether a class is tracked (its
// vehicle types, through the catalogue); a unit or type it does not know is an InputError.
Schedule schedule_of(const planning::Plan& plan, const scenario::Scenario& s, const vehicles::Catalogue& catalogue);
Schedule schedule_of(const validation::PlanFile& plan, const scenario::Scenario& s, const vehicles::Catalogue& catalogue);

}  // namespace milmob::simulation
