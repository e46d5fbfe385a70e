#include "planning/clock_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace milmob::planning {

namespace {
constexpr double kDay = scenario::kMinutesPerDay;
constexpr double kForever = std::numeric_limits<double>::infinity();
}  // namespace

ClockRules::ClockRules(const scenario::Scenario& scenario, const scenario::HolidayCalendar& calendar)
    : scenario_(scenario), calendar_(calendar), c_day_(std::chrono::sys_days(scenario.c_day)) {}

const scenario::MovementWindow* ClockRules::window(const std::string& nation) const {
  for (const auto& w : scenario_.rules.windows)
    if (w.nation == nation) return &w;
  return nullptr;
}

std::chrono::sys_days ClockRules::day_of(double t) const {
  return c_day_ + std::chrono::days(static_cast<int>(std::floor(t / kDay)));
}

std::string ClockRules::why_not(const std::string& nation, double t) const {
  const scenario::MovementWindow* w = window(nation);
  if (!w) return "";
  const auto day = day_of(t);
  if (w->no_weekends && calendar_.is_weekend(nation, day)) return fmt::format("no convoys on weekends in {}", nation);
  if (w->no_public_holidays && calendar_.is_holiday(nation, day))
    return fmt::format("no convoys on public holidays in {}", nation);
  if (w->allowed) {
    const double minute = t - std::floor(t / kDay) * kDay;
    const auto [from, until] = *w->allowed;
    const bool inside = from < until ? (minute >= from && minute < until) : (minute >= from || minute < until);
    if (!inside)
      return fmt::format("convoys only {:02}:{:02}-{:02}:{:02} UTC in {}", from / 60, from % 60, until / 60, until % 60,
                         nation);
  }
  return "";
}

std::pair<double, double> ClockRules::movable(const std::string& nation, double t) const {
  const scenario::MovementWindow* w = window(nation);
  if (!w) return {t, kForever};
  // Step forward to the next allowed minute: day by day over forbidden days, to the opening
  // hour within a day. Bounded: a year of forbidden days means the rule forbids everything.
  double start = t;
  for (int guard = 0; guard < 800 && !why_not(nation, start).empty(); ++guard) {
    const double day_start = std::floor(start / kDay) * kDay;
    const auto day = day_of(start);
    const bool day_forbidden = (w->no_weekends && calendar_.is_weekend(nation, day)) ||
                               (w->no_public_holidays && calendar_.is_holiday(nation, day));
    if (day_forbidden || !w->allowed) {
      start = day_start + kDay;
      continue;
    }
    const double open = day_start + w->allowed->first;
    start = open > start ? open : day_start + kDay;  // today's opening, or tomorrow's start
  }
  if (!why_not(nation, start).empty()) return {kForever, kForever};
  // Movement goes on until the hours close or a forbidden day begins.
  double end = kForever;
  if (w->allowed) {
    const double day_start = std::floor(start / kDay) * kDay;
    const auto [from, until] = *w->allowed;
    const double minute = start - day_start;
    end = day_start + until + (from > until && minute >= from ? kDay : 0);
  }
  const double next_midnight = std::floor(start / kDay) * kDay + kDay;
  if ((w->no_weekends || w->no_public_holidays) && next_midnight < end && !why_not(nation, next_midnight).empty())
    end = next_midnight;
  return {start, end};
}

std::pair<double, std::string> ClockRules::earliest_entry(const std::string& moving, const std::string& granting) const {
  if (granting.empty() || moving == granting) return {-kForever, ""};
  const auto key = std::make_pair(moving, granting);
  if (const auto it = entry_cache_.find(key); it != entry_cache_.end()) return it->second;
  const scenario::BorderPermissions& p = scenario_.rules.permissions;
  std::pair<double, std::string> result;
  for (const auto& c : p.corridors) {
    const bool both = std::find(c.nations.begin(), c.nations.end(), moving) != c.nations.end() &&
                      std::find(c.nations.begin(), c.nations.end(), granting) != c.nations.end();
    if (both) {
      result = {c.lead_time_hours * 60, fmt::format("pre-approved corridor '{}': {:g} h", c.name, c.lead_time_hours)};
      return entry_cache_[key] = result;
    }
  }
  double days = p.default_lead_time_working_days;
  std::string rule = "default";
  if (const auto it = p.by_granting_nation.find(granting); it != p.by_granting_nation.end())
    days = it->second, rule = granting;
  for (const auto& pair : p.pairs)
    if (pair.to == granting && pair.from == moving) days = pair.lead_time_working_days, rule = moving + " > " + granting;
  const int whole = static_cast<int>(std::ceil(days));
  const auto day = calendar_.add_working_days(granting, c_day_, whole);
  const double t = static_cast<double>((day - c_day_).count()) * kDay;
  result = {t, fmt::format("permission lead time {} working day{} in {} ({} rule), requested at C+0", whole,
                           whole == 1 ? "" : "s", granting, rule)};
  return entry_cache_[key] = result;
}

}  // namespace milmob::planning
