// Rules 3 (a timetable without gaps, moving forward only) and 6 (driving limits): what each
// march unit's steps say, step by step.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kMinTolerance;
using detail::num;
using detail::when;

namespace {

const char* const kTimetable = "timetable";

std::string step_name(const PlanStep& s, std::size_t i) {
  return fmt::format("steps[{}] ({})", i, activity_name(s.activity));
}

void check_timetable(const PlanMarchUnit& m, double fastest_kmh, Violations& out) {
  if (m.steps.empty()) {
    // A march unit that never moves has nothing to replay; one that arrives must have steps.
    if (!std::isinf(m.arrive) && std::abs(m.arrive - m.depart) > kMinTolerance)
      add(out, kTimetable, m.id, m.depart, "no steps between departure and arrival");
    return;
  }
  if (std::abs(m.steps.front().from - m.depart) > kMinTolerance)
    add(out, kTimetable, m.id, m.steps.front().from,
        fmt::format("steps[0] starts at {} ({} min), not at the departure {} ({} min)", when(m.steps.front().from),
                    num(m.steps.front().from), when(m.depart), num(m.depart)));
  if (std::abs(m.steps.front().km_from) > kMinTolerance)
    add(out, kTimetable, m.id, m.steps.front().from,
        fmt::format("steps[0] starts at km {}, not at the start point (km 0)", num(m.steps.front().km_from)));
  for (std::size_t i = 0; i < m.steps.size(); ++i) {
    const PlanStep& s = m.steps[i];
    if (s.until < s.from - kMinTolerance)
      add(out, kTimetable, m.id, s.from,
          fmt::format("{} ends at {} ({} min), before it starts ({} min)", step_name(s, i), when(s.until), num(s.until),
                      num(s.from)));
    if (i > 0) {
      const PlanStep& prev = m.steps[i - 1];
      const double gap = s.from - prev.until;
      if (std::abs(gap) > kMinTolerance)
        add(out, kTimetable, m.id, s.from,
            fmt::format("{} starts at {} ({} min), {} min {} {} ended", step_name(s, i), when(s.from), num(s.from),
                        num(std::abs(gap)), gap > 0 ? "after" : "before", step_name(prev, i - 1)));
      if (s.km_from < prev.km_to - kMinTolerance)
        add(out, kTimetable, m.id, s.from,
            fmt::format("{} starts at km {}, back from km {} where {} ended", step_name(s, i), num(s.km_from),
                        num(prev.km_to), step_name(prev, i - 1)));
    }
    const double km = s.km_to - s.km_from;
    if (km < -kMinTolerance)
      add(out, kTimetable, m.id, s.from,
          fmt::format("{} goes back from km {} to km {}", step_name(s, i), num(s.km_from), num(s.km_to)));
    if (s.activity != Activity::Drive && s.activity != Activity::Carried && std::abs(km) > kMinTolerance)
      add(out, kTimetable, m.id, s.from,
          fmt::format("{} moves from km {} to km {}; only a drive or a carriage moves", step_name(s, i),
                      num(s.km_from), num(s.km_to)));
    // Both km (0.1) and minutes (0.1) are rounded: the speed is checked at its most favourable.
    const double minutes = s.until - s.from;
    if (s.activity == Activity::Drive && km - kMinTolerance > fastest_kmh * (minutes + kMinTolerance) / 60)
      add(out, kTimetable, m.id, s.from,
          fmt::format("{} covers {} km in {} min, faster than the fastest convoy speed {:g} km/h", step_name(s, i),
                      num(km), num(minutes), fastest_kmh));
  }
  const PlanStep& last = m.steps.back();
  const bool never = std::isinf(m.arrive) && std::isinf(last.until);
  if (!never && !(std::abs(last.until - m.arrive) <= kMinTolerance))
    add(out, kTimetable, m.id, last.until,
        fmt::format("the last step ends at {} ({} min), not at the arrival {} ({} min)", when(last.until),
                    num(last.until), when(m.arrive), num(m.arrive)));
}

// A run of steps without driving (halts, waits, night stops) between two drives.
struct Stop {
  double from = 0, until = 0;
  double minutes() const { return until - from; }
};

// Driving between rests of at least 8 h, and continuous driving between halts. A stop counts
// as a halt when it lasts at least the shorter halt of the rules, as a rest when it lasts 8 h
// (docs/planning.md: a night stop is at least 8 h; a wait as long rests the drivers as well).
void check_driving(const PlanMarchUnit& m, const scenario::ConvoyRules& rules, Violations& out) {
  const char* const kRule = "driving limits";
  constexpr double kRestMin = 8 * 60;
  const double max_day = rules.max_driving_hours_per_day * 60;
  const double min_halt = std::min(rules.halt_min, rules.first_halt_min);
  bool first_stretch = true;
  double stretch = 0, stretch_start = 0, stretch_end = 0;
  int stretch_drives = 0;
  double day = 0, day_start = 0, day_end = 0;
  int day_drives = 0;
  const auto end_stretch = [&] {
    const double limit = first_stretch ? rules.first_halt_after_min : rules.halt_every_min;
    if (stretch > limit + kMinTolerance * std::max(1, stretch_drives))
      add(out, kRule, m.id, stretch_start,
          first_stretch
              ? fmt::format("{} min of driving from {} to {} before the first halt, more than first_halt_after_min {:g}",
                            num(stretch), when(stretch_start), when(stretch_end), rules.first_halt_after_min)
              : fmt::format("{} min of driving from {} to {} without a halt of at least {:g} min, more than "
                            "halt_every_min {:g}",
                            num(stretch), when(stretch_start), when(stretch_end), min_halt, rules.halt_every_min));
    if (stretch_drives > 0) first_stretch = false;
    stretch = 0, stretch_drives = 0;
  };
  const auto end_day = [&] {
    if (day > max_day + kMinTolerance * std::max(1, day_drives))
      add(out, kRule, m.id, day_start,
          fmt::format("{:.2f} h of driving from {} to {} between rests of at least 8 h, more than "
                      "max_driving_hours_per_day {:g}",
                      day / 60, when(day_start), when(day_end), rules.max_driving_hours_per_day));
    day = 0, day_drives = 0;
  };
  std::optional<Stop> stop;
  const auto end_stop = [&] {
    if (!stop) return;
    if (stop->minutes() >= min_halt - kMinTolerance) end_stretch();
    if (stop->minutes() >= kRestMin - kMinTolerance) end_day();
    stop.reset();
  };
  for (const PlanStep& s : m.steps) {
    if (s.activity != Activity::Drive) {
      if (!stop) stop = Stop{s.from, s.until};
      stop->until = s.until;
      continue;
    }
    end_stop();
    if (stretch_drives == 0) stretch_start = s.from;
    if (day_drives == 0) day_start = s.from;
    stretch += s.until - s.from, stretch_end = s.until, ++stretch_drives;
    day += s.until - s.from, day_end = s.until, ++day_drives;
  }
  end_stop();
  end_stretch();
  end_day();
}

}  // namespace

void check_timetables(const CheckInput& in, Violations& out) {
  const auto& c = in.scenario.rules.convoy;
  const double fastest = std::max({c.speed_motorway_kmh, c.speed_two_lane_kmh, c.speed_built_up_kmh});
  for (const PlanUnit& u : in.plan.units)
    for (const PlanMarchUnit& m : u.march_units) check_timetable(m, fastest, out);
}

void check_driving_limits(const CheckInput& in, Violations& out) {
  for (const PlanUnit& u : in.plan.units)
    for (const PlanMarchUnit& m : u.march_units) check_driving(m, in.scenario.rules.convoy, out);
}

}  // namespace milmob::validation
