// The `rules` section: border permissions, movement windows, convoy rules, the HET rule.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/error.h"
#include "scenario/calendar.h"

#include "scenario/loader_internal.h"
#include "scenario/time_expr.h"

namespace milmob::scenario::detail {

namespace {

void read_permissions(Loader& l, MapReader& rules) {
  MapReader p(rules.get("border_permissions"), "rules.border_permissions", l.diag);
  BorderPermissions& out = l.out.rules.permissions;
  if (const auto d = p.number("default_lead_time_working_days", Need::Optional, 0, 365))
    out.default_lead_time_working_days = *d;
  for_each_item(p.get("nations"), p.path_of("nations"), l.diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader n(item, path, l.diag);
    const auto nation = l.nation(n, "nation", Need::Required);
    const auto days = n.number("lead_time_working_days", Need::Required, 0, 365);
    if (nation && days && !out.by_granting_nation.emplace(*nation, *days).second)
      report_error(l.diag, item["nation"], n.path_of("nation"), fmt::format("'{}' is already listed", *nation));
  });
  std::set<std::pair<std::string, std::string>> pairs;
  for_each_item(p.get("pairs"), p.path_of("pairs"), l.diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader n(item, path, l.diag);
    PermissionRule rule;
    const auto from = l.nation(n, "from", Need::Required);
    const auto to = l.nation(n, "to", Need::Required);
    const auto days = n.number("lead_time_working_days", Need::Required, 0, 365);
    if (!from || !to || !days) return;
    if (*from == *to) {
      report_error(l.diag, item["to"], n.path_of("to"), "a nation needs no permission from itself");
      return;
    }
    if (!pairs.emplace(*from, *to).second)
      report_error(l.diag, item, path, fmt::format("the pair {} -> {} is already listed", *from, *to));
    out.pairs.push_back({*from, *to, *days});
  });
  for_each_item(p.get("corridors"), p.path_of("corridors"), l.diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader c(item, path, l.diag);
    PreapprovedCorridor corridor;
    if (const auto n = c.text("name", Need::Required)) corridor.name = *n;
    for_each_item(c.get("nations", Need::Required), c.path_of("nations"), l.diag,
                  [&](const YAML::Node& n, const std::string& npath) {
                    if (const auto code = l.nation(n, npath)) corridor.nations.push_back(*code);
                  });
    // Only a mapping may be subscripted: yaml-cpp throws BadSubscript for a scalar.
    if (const YAML::Node n = c.valid() ? c.node()["nations"] : YAML::Node(); n.IsDefined() && n.IsSequence() && n.size() < 2)
      report_error(l.diag, n, c.path_of("nations"), "a corridor joins at least two nations");
    if (const auto h = c.number("lead_time_hours", Need::Optional, 0, 24 * 365)) corridor.lead_time_hours = *h;
    out.corridors.push_back(std::move(corridor));
  });
}

void read_windows(Loader& l, MapReader& rules) {
  std::set<std::string> nations;
  for_each_item(rules.get("movement_windows"), "rules.movement_windows", l.diag,
                [&](const YAML::Node& item, const std::string& path) {
                  MapReader w(item, path, l.diag);
                  MovementWindow window;
                  if (const auto n = l.nation(w, "nation", Need::Required)) {
                    if (!nations.insert(*n).second)
                      report_error(l.diag, item["nation"], w.path_of("nation"),
                                   fmt::format("'{}' already has a movement window", *n));
                    window.nation = *n;
                  }
                  window.no_weekends = w.flag("no_weekends").value_or(false);
                  window.no_public_holidays = w.flag("no_public_holidays").value_or(false);
                  if (const YAML::Node hours = w.get("allowed_hours"); hours.IsDefined()) {
                    // "22:00-06:00": from 22:00 to 06:00 the next morning.
                    const std::string text = hours.IsScalar() ? hours.Scalar() : "";
                    const std::size_t dash = text.find('-');
                    const auto from = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(0, dash));
                    const auto until = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(dash + 1));
                    if (!from || !until || *from == *until)
                      report_error(l.diag, hours, w.path_of("allowed_hours"),
                                   fmt::format("expected hours as 'HH:MM-HH:MM' (e.g. '21:00-05:00'), got {}",
                                               describe(hours)));
                    else
                      window.allowed = std::make_pair(*from, *until);
                  }
                  if (!window.no_weekends && !window.no_public_holidays && !w.has("allowed_hours") && w.valid())
                    report_error(l.diag, item, path,
                                 "a movement window restricts nothing: give no_weekends, no_public_holidays or "
                                 "allowed_hours");
                  l.out.rules.windows.push_back(std::move(window));
                });
}

void read_convoy(Loader& l, MapReader& rules) {
  MapReader c(rules.get("convoy"), "rules.convoy", l.diag);
  ConvoyRules& r = l.out.rules.convoy;
  if (const auto v = c.integer("vehicles_per_march_unit", Need::Optional, 1, 100)) r.vehicles_per_march_unit = *v;
  const auto set = [&](const char* key, double& field, double min, double max) {
    if (const auto v = c.number(key, Need::Optional, min, max)) field = *v;
  };
  set("gap_urban_m", r.gap_urban_m, 5, 2000);
  set("gap_rural_m", r.gap_rural_m, 5, 2000);
  set("gap_motorway_m", r.gap_motorway_m, 5, 2000);
  set("march_unit_gap_min", r.march_unit_gap_min, 0, 240);
  set("speed_built_up_kmh", r.speed_built_up_kmh, 5, 130);
  set("speed_two_lane_kmh", r.speed_two_lane_kmh, 5, 130);
  set("speed_motorway_kmh", r.speed_motorway_kmh, 5, 130);
  set("max_driving_hours_per_day", r.max_driving_hours_per_day, 1, 24);
  set("first_halt_after_min", r.first_halt_after_min, 0, 1440);
  set("first_halt_min", r.first_halt_min, 0, 600);
  set("halt_every_min", r.halt_every_min, 10, 1440);
  set("halt_min", r.halt_min, 0, 600);
  if (const auto v = c.integer("seats_per_vehicle", Need::Optional, 0, 50)) r.seats_per_vehicle = *v;
  if (r.speed_built_up_kmh > r.speed_motorway_kmh && c.valid())
    report_warning(l.diag, c.node(), "rules.convoy",
                   fmt::format("built-up areas are driven faster ({} km/h) than motorways ({} km/h)",
                               r.speed_built_up_kmh, r.speed_motorway_kmh));
}

// Windows that stop on public holidays need the nation's holidays: read the calendar (the
// scenario's own, or the shipped one) and say which nations it does not know.
void check_holidays(Loader& l, MapReader& rules) {
  const bool needed = std::any_of(l.out.rules.windows.begin(), l.out.rules.windows.end(),
                                  [](const MovementWindow& w) { return w.no_public_holidays; });
  if (!needed && l.out.rules.holidays_file.empty()) return;
  std::optional<HolidayCalendar> calendar;
  try {
    calendar = l.out.rules.holidays_file.empty() ? HolidayCalendar::load_default()
                                                 : HolidayCalendar::load(l.out.rules.holidays_file);
  } catch (const InputError& e) {
    report_error(l.diag, rules.node()["holidays"], "rules.holidays", fmt::format("unusable holiday table: {}", e.what()));
    return;
  }
  const YAML::Node windows = rules.node()["movement_windows"];
  for (std::size_t i = 0; i < l.out.rules.windows.size(); ++i) {
    const MovementWindow& w = l.out.rules.windows[i];
    if (w.no_public_holidays && !w.nation.empty() && !calendar->knows(w.nation))
      report_warning(l.diag, windows[i]["no_public_holidays"], fmt::format("rules.movement_windows[{}].no_public_holidays", i),
                     fmt::format("the holiday table has no public holidays for {}: only weekends will count", w.nation));
  }
}

}  // namespace

void Loader::read_rules(MapReader& root) {
  MapReader rules(root.get("rules"), "rules", diag);
  read_permissions(*this, rules);
  read_windows(*this, rules);
  if (const auto f = existing_file(rules, "holidays", Need::Optional)) out.rules.holidays_file = *f;
  check_holidays(*this, rules);
  read_convoy(*this, rules);
  MapReader het(rules.get("het"), "rules.het", diag);
  if (const auto km = het.number("tracked_over_km", Need::Optional, 0, 10000)) out.rules.het.tracked_over_km = *km;
}

}  // namespace milmob::scenario::detail
