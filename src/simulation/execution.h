#pragma once
// Discrete-event execution of a plan (a Schedule) under the delay model, for one run: every march
// unit replays its planned activities in order, with breakdowns (per vehicle-km), border waits,
// weather days (no convoy moves in a nation that day) and loading delays drawn from its own random
// stream. What slips re-schedules what follows by the plan's rules: movement windows are
// recomputed, waits for a fixed time (permission, closure) shrink, a night stop lasts until 24 h
// after the day's first departure (at least 8 h), and the convoy support centre is booked for the
// night the convoy really reaches it, in time order across all march units.
// Simplifications (docs/simulation.md): stops stay where the plan put them; a vehicle left behind
// drives alone at its column's pace and rejoins it at a rest it reaches in time; a full centre
// means a roadside night, not a detour.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "simulation/model.h"
#include "simulation/schedule.h"
#include "simulation/windows.h"

namespace milmob::simulation {

// What made a march unit later than planned.
enum class Cause { Breakdown, Straggler, BorderWait, BorderClosure, Weather, Loading, Knock, Count };
constexpr std::size_t kCauseCount = static_cast<std::size_t>(Cause::Count);
const char* cause_name(Cause c);  // "breakdown", ..., "knock_on"

// The run's changes to the world the plan assumed (from its disruptions): borders closed for a
// while, capacities cut. Empty for `simulate`.
struct RunWorld {
  struct Border {
    std::string a, b;
    double from = 0, until = 0;
  };
  struct Cut {
    geo::LonLat where;
    double from = 0, until = 0, factor = 1;
  };
  std::vector<Border> borders;
  std::vector<Cut> cuts;
  // From the disruptions a run applies (border_closed and capacity_cut; the others act on routes).
  static RunWorld of(const std::vector<scenario::Disruption>& applied);
  double capacity_factor(const geo::LonLat& place, double t) const;
};

struct Environment {
  const scenario::Scenario& scenario;  // convoy support centres
  const WindowTable& windows;          // movement windows
  const DelayModel& delays;
  const RunWorld& world;
};

struct RunOutcome {
  std::vector<double> unit_arrival;  // per Schedule unit; NaN for a unit not executed (infeasible)
  double closure = 0;                // the last arrival of an executed unit (infinity: one never arrives)
  double column_closure = 0;         // the same for the columns alone, vehicles left behind aside
  std::array<double, kCauseCount> closure_causes{};  // minutes by cause of the march unit that closes
  std::array<double, kCauseCount> total_causes{};    // minutes by cause summed over all march units
  int roadside_nights = 0;           // night stops planned at a centre that was full that night
};

RunOutcome execute(const Schedule& schedule, const Environment& env, std::uint64_t seed);

}  // namespace milmob::simulation
