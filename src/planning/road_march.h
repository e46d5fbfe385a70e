#pragma once
// The timetable of one march unit along a road route: it drives at convoy speeds, halts as the
// convoy rules say, stops for the night when the day's driving hours are spent (at a convoy
// support centre with room if one is near), waits out closed movement windows and waits at a
// border until the permission to enter holds.
#include <string>
#include <vector>

#include "planning/clock_rules.h"
#include "planning/overlay.h"
#include "planning/plan.h"

namespace milmob::planning {

// A stretch of the route at one speed, in one pair of countries (from its start to its end).
struct RoadStep {
  double km = 0, kmh = 0;
  std::string country_from, country_to;
  geo::LonLat start, end;
  const std::vector<ClosedWindow>* closed = nullptr;  // when the road is closed (overlay)
};

// Convoy support centres and the places taken in them, night by night.
class CentreLedger {
 public:
  CentreLedger(const std::vector<scenario::ConvoySupportCentre>& centres, const Overlay* overlay = nullptr)
      : centres_(&centres), overlay_(overlay) {}
  // Books places for `vehicles` at the nearest centre within max_km of `where` that has room in
  // the night starting at `from`; its name, or "" when none has room.
  std::string book(const geo::LonLat& where, double from, double until, int vehicles, const std::string& unit,
                   const std::string& march_unit, double max_km = 30);
  // Books places at centre i if it has room that night; false if not.
  bool book_at(std::size_t i, double from, double until, int vehicles, const std::string& unit,
               const std::string& march_unit);
  const std::vector<scenario::ConvoySupportCentre>& centres() const { return *centres_; }
  const std::vector<Booking>& bookings() const { return bookings_; }
  std::string name(std::size_t i) const;
  // Gives back the places a march unit booked from `from` on (it is re-timed from there).
  void release(const std::string& march_unit, double from = -1e300);

 private:
  const std::vector<scenario::ConvoySupportCentre>* centres_;  // pointers: a ledger is copied to try an itinerary
  const Overlay* overlay_;  // capacity cuts
  std::vector<Booking> bookings_;
};

struct MarchContext {
  const ClockRules& clock;
  const Overlay* overlay;  // border closures; may be null
  const scenario::ConvoyRules& convoy;
  std::string nation;  // of the moving unit
  std::string unit;
  CentreLedger& centres;
};

// Where along a route (km) each convoy support centre within reach lies, ascending: the same
// for every march unit on the route, so computed once for them (march() computes it if not given).
using CentresOnRoute = std::vector<std::pair<double, std::size_t>>;
CentresOnRoute centres_on_route(const std::vector<RoadStep>& route,
                                const std::vector<scenario::ConvoySupportCentre>& centres);

// The driving a march unit has done since its last rest (a run of 8 h or more without driving)
// when it leaves again at `leave`: the road on from a terminal continues the crews' day when the
// loading, carriage and unloading were shorter than a rest.
struct DrivingDay {
  double driven = 0;     // minutes driven since the last rest
  double day_start = 0;  // when that rest ended
};
DrivingDay driving_day(const MarchUnit& mu, double leave);

// Throws nothing: a march unit that can never move (a window that never opens) arrives at
// infinity, which the planner reports. `before`: the crews' day so far (none: a fresh day).
MarchUnit march(const std::vector<RoadStep>& route, double depart, int vehicles, const std::string& id,
                MarchContext& context, const CentresOnRoute* on_route = nullptr, const DrivingDay* before = nullptr);

}  // namespace milmob::planning
