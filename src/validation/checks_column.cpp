// Rules 14 and 15: the column. The march units of a serial leave one after another, each once the
// one before has passed the start point (its vehicles at the rural gap and the two-lane convoy
// speed, plus the gap between march units: docs/planning.md "March units and serials"); and a
// halt, once taken, lasts its length (`first_halt_min` for a march unit's first, `halt_min`
// after).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kMinTolerance;
using detail::num;
using detail::when;

void check_spacing(const CheckInput& in, Violations& out) {
  const scenario::ConvoyRules& rules = in.scenario.rules.convoy;
  const double metres_a_minute = rules.speed_two_lane_kmh * 1000 / 60;
  if (!(metres_a_minute > 0)) return;
  for (const PlanUnit& u : in.plan.units) {
    std::map<std::string, const PlanMarchUnit*> before;  // serial -> its last march unit so far
    for (const PlanMarchUnit& m : u.march_units) {
      const PlanMarchUnit*& prev = before[m.serial];
      if (prev != nullptr) {
        const double passing = prev->vehicles * rules.gap_rural_m / metres_a_minute;
        const double earliest = prev->depart + passing + rules.march_unit_gap_min;
        // Both departures are rounded to 0.1 min.
        if (m.depart < earliest - 2 * kMinTolerance)
          add(out, "spacing", m.id, m.depart,
              fmt::format("leaves at {}, {} min after {} left at {}, before its {} vehicles have passed the start point "
                          "and the gap: {} x {:g} m at {:g} km/h = {} min, + {:g} min",
                          when(m.depart), num(m.depart - prev->depart), prev->id, when(prev->depart), prev->vehicles,
                          prev->vehicles, rules.gap_rural_m, rules.speed_two_lane_kmh, num(passing),
                          rules.march_unit_gap_min));
      }
      prev = &m;
    }
  }
}

void check_halt_lengths(const CheckInput& in, Violations& out) {
  const scenario::ConvoyRules& rules = in.scenario.rules.convoy;
  // A march unit carried part of the way marches twice, each march with its own first halt:
  // after the very first, a halt is held to the shorter of the two lengths.
  const double shortest = std::min(rules.halt_min, rules.first_halt_min);
  for (const PlanUnit& u : in.plan.units)
    for (const PlanMarchUnit& m : u.march_units) {
      bool first = true;
      for (std::size_t i = 0; i < m.steps.size(); ++i) {
        const PlanStep& s = m.steps[i];
        if (s.activity != Activity::Halt) continue;
        const double need = first ? rules.first_halt_min : shortest;
        const char* rule = first || rules.first_halt_min < rules.halt_min ? "first_halt_min" : "halt_min";
        if (s.until - s.from < need - 2 * kMinTolerance)
          add(out, "halt length", m.id, s.from,
              fmt::format("steps[{}] halts {} min from {}, shorter than {} {:g} min{}", i, num(s.until - s.from),
                          when(s.from), rule, need, first ? " (its first halt)" : ""));
        first = false;
      }
    }
}

}  // namespace milmob::validation
