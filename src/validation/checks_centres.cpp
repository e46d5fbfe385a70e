// Rule 7: convoy support centres. Places are booked per night (the C-day index of the
// booking's start); a night stop at a centre needs a booking for its march unit.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kDay;
using detail::kTextTolerance;
using detail::when;

namespace {

const char* const kRule = "convoy support centre";

// A centre is named as the scenario names its place; one given by coordinates as "lon,lat"
// with four decimals (how plan.json and bookings.csv write it).
std::string centre_name(const scenario::ConvoySupportCentre& c) { return c.place.label(); }

struct MarchUnitRef {
  const PlanUnit* unit = nullptr;
  const PlanMarchUnit* march_unit = nullptr;
};

// A booking and a night stop match when they name the same centre and start together (the
// booking's time is written to the minute, rounded up).
bool matches(const PlanBooking& b, const PlanStep& s) {
  return s.activity == Activity::NightStop && s.detail == b.resource &&
         std::abs(s.from - b.from) <= kTextTolerance;
}

bool has_night_stop(const PlanMarchUnit& m, const PlanBooking& b) {
  return std::any_of(m.steps.begin(), m.steps.end(), [&](const PlanStep& s) { return matches(b, s); });
}

}  // namespace

void check_support_centres(const CheckInput& in, Violations& out) {
  std::map<std::string, const scenario::ConvoySupportCentre*> centres;
  for (const auto& c : in.scenario.resources.convoy_support_centres) centres.emplace(centre_name(c), &c);
  std::map<std::string, MarchUnitRef> march_units;
  for (const PlanUnit& u : in.plan.units)
    for (const PlanMarchUnit& m : u.march_units) march_units.emplace(m.id, MarchUnitRef{&u, &m});

  // Per centre and night: the vehicles booked, and by whom.
  std::map<std::pair<std::string, long>, std::vector<const PlanBooking*>> nights;
  for (const PlanBooking& b : in.plan.bookings) {
    if (b.kind != "convoy_support_centre") continue;  // checks_carriage.cpp
    if (!centres.contains(b.resource)) {
      add(out, kRule, b.march_unit, b.from,
          fmt::format("booked at '{}', which is not a convoy support centre of the scenario", b.resource));
      continue;
    }
    if (!std::isfinite(b.from) || b.until < b.from)
      add(out, kRule, b.march_unit, b.from,
          fmt::format("a booking at '{}' from {} to {}", b.resource, when(b.from), when(b.until)));
    if (std::isfinite(b.from)) nights[{b.resource, static_cast<long>(std::floor(b.from / kDay))}].push_back(&b);
    const auto it = march_units.find(b.march_unit);
    if (it == march_units.end()) {
      add(out, kRule, b.march_unit, b.from,
          fmt::format("a booking at '{}' for a march unit the plan does not list", b.resource));
      continue;
    }
    const PlanMarchUnit& m = *it->second.march_unit;
    if (it->second.unit->id != b.unit)
      add(out, kRule, b.march_unit, b.from,
          fmt::format("booked at '{}' for unit '{}', but the march unit is of unit '{}'", b.resource, b.unit,
                      it->second.unit->id));
    if (b.vehicles < m.vehicles)
      add(out, kRule, b.march_unit, b.from,
          fmt::format("{} places booked at '{}' for a march unit of {} vehicles", b.vehicles, b.resource, m.vehicles));
    if (!has_night_stop(m, b))
      add(out, kRule, b.march_unit, b.from,
          fmt::format("places booked at '{}' from {} to {}, but the march unit makes no night stop there then",
                      b.resource, when(b.from), when(b.until)));
  }
  for (const auto& [key, list] : nights) {
    const auto& [name, night] = key;
    int vehicles = 0;
    std::string who;
    for (const PlanBooking* b : list) {
      vehicles += b->vehicles;
      who += fmt::format("{}{} {}", who.empty() ? "" : ", ", b->march_unit, b->vehicles);
    }
    const double capacity = centres.at(name)->vehicles_per_night;
    if (vehicles > capacity)
      add(out, kRule, name, static_cast<double>(night) * kDay,
          fmt::format("{} vehicles booked for the night of {}, more than vehicles_per_night {:g} ({})", vehicles,
                      when(static_cast<double>(night) * kDay), capacity, who));
  }

  std::multimap<std::string, const PlanBooking*> by_march_unit;
  for (const PlanBooking& b : in.plan.bookings) by_march_unit.emplace(b.march_unit, &b);
  for (const PlanUnit& u : in.plan.units)
    for (const PlanMarchUnit& m : u.march_units)
      for (std::size_t i = 0; i < m.steps.size(); ++i) {
        const PlanStep& s = m.steps[i];
        if (s.activity != Activity::NightStop || !centres.contains(s.detail)) continue;
        const auto [first, last] = by_march_unit.equal_range(m.id);
        if (std::none_of(first, last, [&](const auto& entry) { return matches(*entry.second, s); }))
          add(out, kRule, m.id, s.from,
              fmt::format("steps[{}] stops for the night at '{}' from {} to {} without a booking for its {} vehicles", i,
                          s.detail, when(s.from), when(s.until), m.vehicles));
      }
}

}  // namespace milmob::validation
