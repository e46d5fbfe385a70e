// Rules 4 (movement windows) and 5 (border permissions): the clock rules of each nation,
// computed here from the scenario's rules and the holiday calendar.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <optional>
#include <set>

#include "scenario/time_expr.h"
#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kDay;
using detail::kMinTolerance;
using detail::when;

namespace {

using std::chrono::sys_days;

constexpr std::array<const char*, 7> kWeekdayNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

std::string date_text(sys_days day) {
  return fmt::format("{} {}", kWeekdayNames[std::chrono::weekday{day}.c_encoding()], scenario::format_iso_day(day));
}

const scenario::MovementWindow* window_of(const scenario::Scenario& s, const std::string& nation) {
  for (const auto& w : s.rules.windows)
    if (w.nation == nation) return &w;
  return nullptr;
}

// A time when a window forbids movement, and why.
struct Forbidden {
  double from = 0, until = 0;
  std::string why;
};

// The parts of day `d` (from C-day) in which `w` forbids movement.
std::vector<Forbidden> forbidden_on(const scenario::MovementWindow& w, const scenario::HolidayCalendar& calendar,
                                    sys_days c_day, long d) {
  const double day0 = static_cast<double>(d) * kDay;
  const sys_days date = c_day + std::chrono::days{d};
  if (w.no_weekends && calendar.is_weekend(w.nation, date))
    return {{day0, day0 + kDay, fmt::format("on {}, a weekend day in {} (no_weekends)", date_text(date), w.nation)}};
  if (w.no_public_holidays && calendar.is_holiday(w.nation, date)) {
    std::string name;
    for (const auto& h : calendar.holidays(w.nation, static_cast<int>(std::chrono::year_month_day{date}.year())))
      if (h.date == date) name = h.name;
    return {{day0, day0 + kDay,
             fmt::format("on {}, a public holiday in {} ({}) (no_public_holidays)", date_text(date), w.nation, name)}};
  }
  if (!w.allowed) return {};
  const auto [open, close] = *w.allowed;
  const std::string why = fmt::format("outside the allowed hours {}-{} UTC of {}", scenario::format_clock(open),
                                      scenario::format_clock(close), w.nation);
  if (open > close) return {{day0 + close, day0 + open, why}};  // allowed over midnight
  return {{day0, day0 + open, why}, {day0 + close, day0 + kDay, why}};
}

// The first part of [a, b] longer than the rounding in which every window of `windows` forbids
// movement (a nation without a window never does).
std::optional<Forbidden> first_forbidden(const std::vector<const scenario::MovementWindow*>& windows,
                                         const scenario::HolidayCalendar& calendar, sys_days c_day, double a, double b) {
  if (windows.empty() || std::find(windows.begin(), windows.end(), nullptr) != windows.end()) return std::nullopt;
  for (long d = static_cast<long>(std::floor(a / kDay)); static_cast<double>(d) * kDay < b; ++d) {
    std::vector<Forbidden> common{{a, b, ""}};
    for (const scenario::MovementWindow* w : windows) {
      std::vector<Forbidden> next;
      for (const Forbidden& c : common)
        for (const Forbidden& f : forbidden_on(*w, calendar, c_day, d)) {
          const double lo = std::max(c.from, f.from), hi = std::min(c.until, f.until);
          if (hi > lo) next.push_back({lo, hi, c.why.empty() ? f.why : c.why + ", and " + f.why});
        }
      common = std::move(next);
    }
    for (Forbidden& f : common)
      if (f.until - f.from > kMinTolerance) return std::move(f);
  }
  return std::nullopt;
}

// When a unit of `moving` nation may first enter `granting`, and the rule behind it.
struct Permission {
  double earliest = 0;
  std::string rule;
};

Permission permission(const CheckInput& in, const std::string& moving, const std::string& granting) {
  const scenario::BorderPermissions& p = in.scenario.rules.permissions;
  // A pre-approved corridor holding both nations replaces the lead time in working days; with
  // several, the most generous one.
  std::optional<Permission> corridor;
  for (const auto& c : p.corridors) {
    const auto has = [&](const std::string& n) { return std::find(c.nations.begin(), c.nations.end(), n) != c.nations.end(); };
    if (has(moving) && has(granting) && (!corridor || c.lead_time_hours * 60 < corridor->earliest))
      corridor = Permission{c.lead_time_hours * 60,
                            fmt::format("{:g} h (pre-approved corridor '{}')", c.lead_time_hours, c.name)};
  }
  if (corridor) return *corridor;
  double days = p.default_lead_time_working_days;
  std::string rule = "default rule";
  if (const auto it = p.by_granting_nation.find(granting); it != p.by_granting_nation.end())
    days = it->second, rule = fmt::format("rule of {}", granting);
  for (const auto& pair : p.pairs)
    if (pair.to == granting && pair.from == moving)
      days = pair.lead_time_working_days, rule = fmt::format("pair rule {} -> {}", moving, granting);
  // A part of a working day is taken as the whole day (assumption: permissions are granted by the day).
  const int whole = static_cast<int>(std::ceil(days));
  const sys_days c_day{in.scenario.c_day};
  sys_days day = c_day;
  for (int left = whole; left > 0;) {
    day += std::chrono::days{1};
    if (in.calendar.is_working_day(granting, day)) --left;
  }
  return {static_cast<double>((day - c_day).count()) * kDay,
          fmt::format("{} working day{} in {} ({}), requested at C+0 00:00 UTC", whole, whole == 1 ? "" : "s", granting,
                      rule)};
}

}  // namespace

// A drive is checked against the nation of its step. A step's country is where it ends:
// plan.json merges driving across a border into one step and does not say where in it the
// border was passed (on the strategic layer, the edge that crosses a border can be 200 km long,
// and the planner applies the entered nation's rules to all of it). So the first drive step in
// a nation after a drive in another may be in either: a violation there only when both forbid.
// The same holds for a march unit's first drive when it crosses a border during it.
void check_movement_windows(const CheckInput& in, Violations& out) {
  const sys_days c_day{in.scenario.c_day};
  for (const PlanUnit& u : in.plan.units)
    for (const PlanMarchUnit& m : u.march_units) {
      std::string before;  // the country of the previous drive
      for (std::size_t i = 0; i < m.steps.size(); ++i) {
        const PlanStep& s = m.steps[i];
        if (s.activity != Activity::Drive) continue;
        // The nation it came from: the drive before, or for the first drive (which may start in
        // another nation than it ends in) a border the march unit crosses during it.
        std::string from = before;
        if (from.empty())
          for (const PlanCrossing& c : m.crossings)
            if (c.time >= s.from - kMinTolerance && c.time <= s.until + kMinTolerance) {
              from = c.from;
              break;
            }
        const bool crossing = !from.empty() && from != s.country;
        const std::string nations = crossing ? fmt::format("{} or {}", from, s.country) : s.country;
        std::vector<const scenario::MovementWindow*> windows{window_of(in.scenario, s.country)};
        if (crossing) windows.push_back(window_of(in.scenario, from));
        before = s.country;
        if (!std::isfinite(s.from) || !std::isfinite(s.until)) continue;
        if (const auto f = first_forbidden(windows, in.calendar, c_day, s.from, s.until))
          add(out, "movement window", m.id, f->from,
              fmt::format("steps[{}] drives in {} from {} to {} {}", i, nations, when(f->from), when(f->until), f->why));
      }
    }
}

void check_border_permissions(const CheckInput& in, Violations& out) {
  const char* const kRule = "border permission";
  for (const PlanUnit& u : in.plan.units) {
    const scenario::Unit* su = detail::find_unit(in.scenario, u.id);
    if (su == nullptr) continue;
    const auto needs = [&](const std::string& nation) { return !nation.empty() && nation != su->nation; };
    for (const PlanMarchUnit& m : u.march_units) {
      std::set<std::string> reported;
      for (const PlanCrossing& c : m.crossings) {
        if (!needs(c.to)) continue;
        const Permission p = permission(in, su->nation, c.to);
        if (c.time < p.earliest - kMinTolerance && reported.insert(c.to).second)
          add(out, kRule, m.id, c.time,
              fmt::format("crosses from {} into {} at {}, before the permission to enter {} holds at {}: {}", c.from,
                          c.to, when(c.time), c.to, when(p.earliest), p.rule));
      }
      // The steps say the same: a drive that ends in another nation than the drive before it
      // entered that nation (a step's country is where it ends).
      std::string here;
      for (std::size_t i = 0; i < m.steps.size(); ++i) {
        const PlanStep& s = m.steps[i];
        // A train, ship or aircraft brings the unit into the nation it ends in: it may not arrive
        // there before the permission holds (the planner lets it leave only then).
        // Where a march unit waits or loads before its first drive is where it starts from.
        if (here.empty() && s.activity != Activity::Drive && s.activity != Activity::Carried) here = s.country;
        if (s.activity == Activity::Carried && !here.empty() && s.country != here && needs(s.country)) {
          const Permission p = permission(in, su->nation, s.country);
          if (s.until < p.earliest - kMinTolerance && reported.insert(s.country).second)
            add(out, kRule, m.id, s.from,
                fmt::format("steps[{}] is carried from {} into {} by {}, before the permission to enter {} holds at "
                            "{}: {}",
                            i, here, s.country, when(s.until), s.country, when(p.earliest), p.rule));
        }
        if (s.activity == Activity::Carried && !s.country.empty()) here = s.country;
        if (s.activity != Activity::Drive || s.country.empty()) continue;
        if (!here.empty() && s.country != here && needs(s.country)) {
          const Permission p = permission(in, su->nation, s.country);
          if (s.until < p.earliest - kMinTolerance && reported.insert(s.country).second)
            add(out, kRule, m.id, s.from,
                fmt::format("steps[{}] drives from {} into {} by {}, before the permission to enter {} holds at {}: {}",
                            i, here, s.country, when(s.until), s.country, when(p.earliest), p.rule));
        }
        here = s.country;
      }
    }
  }
}

}  // namespace milmob::validation
