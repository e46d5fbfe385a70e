#pragma once
// Movement windows as a timetable: for each nation the intervals in which convoys may move,
// computed once from the scenario's rules (planning::ClockRules) over a horizon, so that the
// thousands of runs of a sweep look them up by binary search instead of re-deriving them from the
// calendar each time. Beyond the horizon it asks the rules themselves.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "planning/clock_rules.h"

namespace milmob::simulation {

class WindowTable {
 public:
  WindowTable(const planning::ClockRules& clock, const std::vector<std::string>& nations, double horizon_min);
  // As ClockRules::movable: the first minute >= t when a convoy may move in `nation`, and until when.
  std::pair<double, double> movable(const std::string& nation, double t) const;

 private:
  const planning::ClockRules& clock_;
  double horizon_;
  std::map<std::string, std::vector<std::pair<double, double>>> open_;  // sorted, disjoint
};

}  // namespace milmob::simulation
