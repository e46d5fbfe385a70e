#pragma once
// What a change did to a plan: the force closure and total lateness before and after, and per
// unit its arrival, lateness and feasibility, its class routes (distance, countries), its
// march units' time by activity (halts, night stops, window, permission and closure waits) and
// its night stops. Units are matched by id.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/plan.h"

namespace milmob::whatif {

// The itinerary of one vehicle class, before and after (absent on one side: km 0, no countries).
struct ClassChange {
  std::string vehicle_class;
  std::string mode_before, mode_after;  // road, het, rail, sea, air
  double km_before = 0, km_after = 0;
  std::vector<std::string> countries_before, countries_after;
  bool changed() const;
};

// Minutes summed over a unit's march units, per activity either plan has (in enum order).
struct ActivityMinutes {
  std::string activity;
  double before = 0, after = 0;
};

struct UnitChange {
  std::string id;
  bool in_before = true, in_after = true;
  bool feasible_before = true, feasible_after = true;
  std::string reason_before, reason_after;  // why infeasible
  double arrival_before = 0, arrival_after = 0;       // minutes (feasible units)
  double lateness_before_h = 0, lateness_after_h = 0;  // signed: negative is early
  int night_stops_before = 0, night_stops_after = 0;
  int roadside_before = 0, roadside_after = 0;  // night stops outside a convoy support centre
  std::vector<ClassChange> classes;
  std::vector<ActivityMinutes> activities;
  double arrival_change_h() const { return (arrival_after - arrival_before) / 60; }
  bool changed() const;
};

struct PlanDiff {
  std::string scenario;
  std::vector<std::string> disruptions;  // of the plan after
  double closure_before = 0, closure_after = 0;
  double lateness_before_h = 0, lateness_after_h = 0;  // total lateness of feasible units
  int feasible_before = 0, feasible_after = 0;
  std::vector<UnitChange> units;  // in the order of the plan before, then units only after
  std::vector<std::string> notes;  // of the plan after: a disruption that selects no edge, ...
  double closure_change_h() const { return (closure_after - closure_before) / 60; }
};

PlanDiff compare_plans(const planning::Plan& before, const planning::Plan& after);

// whatif.json: `format: milmob-whatif/1`.
nlohmann::ordered_json to_json(const PlanDiff& diff);
// For a terminal: the closure line, then one line per unit that changed, then what changed.
std::string diff_text(const PlanDiff& diff);
// A <section> for report.html: closure before/after, a table of the units that changed.
std::string whatif_section_html(const PlanDiff& diff);

}  // namespace milmob::whatif
