#pragma once
// The rules of the clock for a moving convoy: when may it move in a nation (movement windows:
// weekends, public holidays, allowed hours), and from when may it enter a nation (border
// permission lead times in working days of the granting nation).
#include <chrono>
#include <map>
#include <string>
#include <utility>

#include "scenario/calendar.h"
#include "scenario/scenario.h"

namespace milmob::planning {

class ClockRules {
 public:
  ClockRules(const scenario::Scenario& scenario, const scenario::HolidayCalendar& calendar);

  // The first minute >= t at which a convoy may move in `nation` (t itself if it may), and
  // until when it may then move (infinity when nothing stops it).
  std::pair<double, double> movable(const std::string& nation, double t) const;
  // Why a convoy may not move in `nation` at t ("weekend in DEU", ...); "" when it may.
  std::string why_not(const std::string& nation, double t) const;

  // Earliest time a unit of `moving` nation may enter `granting`, with the lead time behind it
  // ("permission lead time 5 working days (POL)"). Requests are taken as filed at C+0 00:00
  // (assumption). No permission is needed in one's own nation or along a pre-approved corridor
  // that holds both nations (then its lead time in hours).
  std::pair<double, std::string> earliest_entry(const std::string& moving, const std::string& granting) const;

 private:
  const scenario::MovementWindow* window(const std::string& nation) const;
  std::chrono::sys_days day_of(double t) const;

  const scenario::Scenario& scenario_;
  const scenario::HolidayCalendar& calendar_;
  std::chrono::sys_days c_day_;
  mutable std::map<std::pair<std::string, std::string>, std::pair<double, std::string>> entry_cache_;
};

}  // namespace milmob::planning
