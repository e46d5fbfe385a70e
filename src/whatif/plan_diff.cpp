#include "whatif/plan_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "planning/bottlenecks.h"
#include "planning/plan_output.h"
#include "planning/report_html.h"

namespace milmob::whatif {

using planning::Activity;
using planning::Plan;
using planning::UnitPlan;

namespace {

// A change smaller than this (minutes) is rounding, not a change.
constexpr double kMinuteTolerance = 0.5;

double round1(double x) { return std::round(x * 10) / 10; }

int feasible_count(const Plan& p) {
  return static_cast<int>(std::count_if(p.units.begin(), p.units.end(), [](const UnitPlan& u) { return u.feasible; }));
}

struct UnitSide {
  bool feasible = true;
  std::string reason;
  double arrival = 0, lateness_h = 0;
  int night_stops = 0, roadside = 0;
  std::map<Activity, double> minutes;
};

UnitSide side_of(const UnitPlan& u) {
  UnitSide s{u.feasible, u.infeasible_reason, u.arrival, u.lateness() / 60, 0, 0, {}};
  for (const planning::MarchUnit& mu : u.march_units)
    for (const planning::Step& step : mu.steps) {
      if (std::isfinite(step.until)) s.minutes[step.activity] += step.until - step.from;
      if (step.activity == Activity::NightStop) {
        ++s.night_stops;
        if (step.detail.starts_with("roadside")) ++s.roadside;
      }
    }
  return s;
}

const UnitPlan* find_unit(const Plan& p, const std::string& id) {
  for (const UnitPlan& u : p.units)
    if (u.id == id) return &u;
  return nullptr;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out.append(out.empty() ? "" : sep).append(p);
  return out;
}

UnitChange change_of(const std::string& id, const UnitPlan* before, const UnitPlan* after) {
  UnitChange c;
  c.id = id;
  c.in_before = before != nullptr, c.in_after = after != nullptr;
  const UnitSide b = before ? side_of(*before) : UnitSide{false, "not in the plan", 0, 0, 0, 0, {}};
  const UnitSide a = after ? side_of(*after) : UnitSide{false, "not in the plan", 0, 0, 0, 0, {}};
  c.feasible_before = b.feasible, c.feasible_after = a.feasible;
  c.reason_before = b.feasible ? "" : b.reason, c.reason_after = a.feasible ? "" : a.reason;
  c.arrival_before = b.arrival, c.arrival_after = a.arrival;
  c.lateness_before_h = b.lateness_h, c.lateness_after_h = a.lateness_h;
  c.night_stops_before = b.night_stops, c.night_stops_after = a.night_stops;
  c.roadside_before = b.roadside, c.roadside_after = a.roadside;
  // Every activity either plan has, in the enum's order (new kinds of step appear by themselves).
  std::map<Activity, std::pair<double, double>> minutes;
  for (const auto& [act, m] : b.minutes) minutes[act].first = m;
  for (const auto& [act, m] : a.minutes) minutes[act].second = m;
  for (const auto& [act, m] : minutes) c.activities.push_back({planning::activity_name(act), m.first, m.second});
  // Class legs by label: those of the plan before in order, then new ones.
  std::vector<std::string> labels;
  for (const UnitPlan* u : {before, after})
    if (u)
      for (const planning::ClassLeg& leg : u->legs)
        if (std::find(labels.begin(), labels.end(), leg.label) == labels.end()) labels.push_back(leg.label);
  for (const std::string& label : labels) {
    ClassChange cc;
    cc.vehicle_class = label;
    for (const auto& [u, mode, km, countries] :
         {std::tuple{before, &cc.mode_before, &cc.km_before, &cc.countries_before},
          std::tuple{after, &cc.mode_after, &cc.km_after, &cc.countries_after}})
      if (u)
        for (const planning::ClassLeg& leg : u->legs)
          if (leg.label == label) *mode = leg.mode, *km = leg.distance_km, *countries = leg.countries;
    c.classes.push_back(std::move(cc));
  }
  return c;
}

// "night_stop" -> "night stop": JSON keeps the plan's names, people read words.
std::string words(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string hours(double minutes) { return fmt::format("{:.1f} h", minutes / 60); }

std::string signed_h(double h) { return fmt::format("{:+.1f} h", h); }

}  // namespace

bool ClassChange::changed() const {
  return std::abs(km_after - km_before) > 0.05 || countries_before != countries_after || mode_before != mode_after;
}

bool UnitChange::changed() const {
  if (in_before != in_after || feasible_before != feasible_after) return true;
  if (std::abs(arrival_after - arrival_before) > kMinuteTolerance) return true;
  if (night_stops_before != night_stops_after || roadside_before != roadside_after) return true;
  for (const auto& a : activities)
    if (std::abs(a.after - a.before) > kMinuteTolerance) return true;
  return std::any_of(classes.begin(), classes.end(), [](const ClassChange& c) { return c.changed(); });
}

PlanDiff compare_plans(const Plan& before, const Plan& after) {
  PlanDiff d;
  d.scenario = after.scenario;
  d.disruptions = after.disruptions;
  d.notes = after.notes;
  d.closure_before = before.closure, d.closure_after = after.closure;
  d.lateness_before_h = planning::total_lateness_h(before), d.lateness_after_h = planning::total_lateness_h(after);
  d.feasible_before = feasible_count(before), d.feasible_after = feasible_count(after);
  for (const UnitPlan& u : before.units) d.units.push_back(change_of(u.id, &u, find_unit(after, u.id)));
  for (const UnitPlan& u : after.units)
    if (!find_unit(before, u.id)) d.units.push_back(change_of(u.id, nullptr, &u));
  return d;
}

nlohmann::ordered_json to_json(const PlanDiff& d) {
  using Json = nlohmann::ordered_json;
  Json j = {{"format", "milmob-whatif/1"}, {"scenario", d.scenario}, {"disruptions", d.disruptions}};
  j["closure"] = {{"before", planning::when(d.closure_before)},
                  {"after", planning::when(d.closure_after)},
                  {"before_min", round1(d.closure_before)},
                  {"after_min", round1(d.closure_after)},
                  {"change_h", round1(d.closure_change_h())}};
  j["lateness_h"] = {{"before", round1(d.lateness_before_h)}, {"after", round1(d.lateness_after_h)}};
  j["feasible_units"] = {{"before", d.feasible_before}, {"after", d.feasible_after}};
  Json units = Json::array();
  for (const UnitChange& u : d.units) {
    Json classes = Json::array();
    for (const ClassChange& c : u.classes)
      classes.push_back({{"vehicle_class", c.vehicle_class}, {"mode_before", c.mode_before},
                         {"mode_after", c.mode_after}, {"km_before", round1(c.km_before)},
                         {"km_after", round1(c.km_after)}, {"countries_before", c.countries_before},
                         {"countries_after", c.countries_after}, {"changed", c.changed()}});
    Json activities = Json::object();
    for (const ActivityMinutes& a : u.activities)
      activities[a.activity] = {{"before_h", round1(a.before / 60)}, {"after_h", round1(a.after / 60)}};
    Json ju = {{"id", u.id}, {"changed", u.changed()}, {"feasible_before", u.feasible_before},
               {"feasible_after", u.feasible_after}};
    if (!u.feasible_before) ju["infeasible_reason_before"] = u.reason_before;
    if (!u.feasible_after) ju["infeasible_reason_after"] = u.reason_after;
    ju["arrival_before"] = u.feasible_before ? Json(planning::when(u.arrival_before)) : Json(nullptr);
    ju["arrival_after"] = u.feasible_after ? Json(planning::when(u.arrival_after)) : Json(nullptr);
    ju["arrival_change_h"] = u.feasible_before && u.feasible_after ? Json(round1(u.arrival_change_h())) : Json(nullptr);
    ju["lateness_before_h"] = round1(u.lateness_before_h);
    ju["lateness_after_h"] = round1(u.lateness_after_h);
    ju["night_stops"] = {{"before", u.night_stops_before}, {"after", u.night_stops_after},
                         {"roadside_before", u.roadside_before}, {"roadside_after", u.roadside_after}};
    ju["march_unit_hours"] = activities;
    ju["classes"] = classes;
    units.push_back(std::move(ju));
  }
  j["units"] = units;
  j["notes"] = d.notes;
  return j;
}

std::string diff_text(const PlanDiff& d) {
  std::string out;
  out += fmt::format("force closure {} -> {} ({}), total lateness {:.1f} h -> {:.1f} h, feasible units {} -> {}\n",
                     planning::when(d.closure_before), planning::when(d.closure_after), signed_h(d.closure_change_h()),
                     d.lateness_before_h, d.lateness_after_h, d.feasible_before, d.feasible_after);
  for (const auto& name : d.disruptions) out += fmt::format("with disruption '{}'\n", name);
  const auto changed = std::count_if(d.units.begin(), d.units.end(), [](const UnitChange& u) { return u.changed(); });
  if (changed == 0) return out + "no unit's plan changed\n";
  out += fmt::format("\n{:<24} {:>10} {:>10} {:>9} {:>9} {:>9}\n", "unit", "arrival", "after", "change", "late h",
                     "after");
  for (const UnitChange& u : d.units) {
    if (!u.changed()) continue;
    const auto arrival = [](bool feasible, double t) { return feasible ? planning::when(t) : std::string("INFEASIBLE"); };
    const std::string change = u.feasible_before && u.feasible_after ? signed_h(u.arrival_change_h()) : "";
    out += fmt::format("{:<24} {:>10} {:>10} {:>9} {:>9.1f} {:>9.1f}\n", u.id, arrival(u.feasible_before, u.arrival_before),
                       arrival(u.feasible_after, u.arrival_after), change, u.lateness_before_h, u.lateness_after_h);
    if (!u.feasible_after && u.feasible_before) out += fmt::format("    now infeasible: {}\n", u.reason_after);
    if (u.feasible_after && !u.feasible_before) out += fmt::format("    now feasible (was: {})\n", u.reason_before);
    for (const ClassChange& c : u.classes)
      if (c.changed())
        out += fmt::format("    {} {}: {:.1f} km -> {:.1f} km, {} -> {}\n", c.vehicle_class,
                           c.mode_before == c.mode_after ? c.mode_after : c.mode_before + " -> " + c.mode_after,
                           c.km_before, c.km_after, join(c.countries_before, ">"), join(c.countries_after, ">"));
    for (const ActivityMinutes& a : u.activities)
      if (a.activity != std::string("drive") && std::abs(a.after - a.before) > kMinuteTolerance)
        out += fmt::format("    {} (all march units): {} -> {}\n", words(a.activity), hours(a.before), hours(a.after));
    if (u.night_stops_before != u.night_stops_after || u.roadside_before != u.roadside_after)
      out += fmt::format("    night stops: {} -> {} (roadside {} -> {})\n", u.night_stops_before, u.night_stops_after,
                         u.roadside_before, u.roadside_after);
  }
  return out;
}

std::string whatif_section_html(const PlanDiff& d) {
  const auto esc = [](const std::string& s) { return planning::html_escape(s); };
  std::string out = "<section id=\"whatif\">\n<h2>What-if</h2>\n<p>";
  std::vector<std::string> names;
  for (const auto& n : d.disruptions) names.push_back(fmt::format("'{}'", esc(n)));
  out += names.empty() ? std::string("No disruption applied.") : fmt::format("Disruptions applied: {}.", join(names, ", "));
  out += fmt::format(" Force closure {} without, {} with them ({}); total lateness {:.1f} h &rarr; {:.1f} h; feasible "
                     "units {} &rarr; {}.</p>\n",
                     planning::when(d.closure_before), planning::when(d.closure_after), signed_h(d.closure_change_h()),
                     d.lateness_before_h, d.lateness_after_h, d.feasible_before, d.feasible_after);
  out +=
      "<div class=\"scroll\"><table>\n<tr><th>unit</th><th>arrival without</th><th>with</th><th>change</th>"
      "<th>late h without</th><th>with</th><th>what changed</th></tr>\n";
  int rows = 0;
  for (const UnitChange& u : d.units) {
    if (!u.changed()) continue;
    ++rows;
    std::vector<std::string> what;
    if (!u.feasible_after && u.feasible_before) what.push_back(fmt::format("infeasible: {}", esc(u.reason_after)));
    for (const ClassChange& c : u.classes)
      if (c.changed())
        what.push_back(fmt::format("{} route {:.0f} &rarr; {:.0f} km", esc(c.vehicle_class), c.km_before, c.km_after));
    for (const ActivityMinutes& a : u.activities)
      if (a.activity != std::string("drive") && std::abs(a.after - a.before) > kMinuteTolerance)
        what.push_back(fmt::format("{} {} &rarr; {}", words(a.activity), hours(a.before), hours(a.after)));
    const auto arrival = [](bool feasible, double t) { return feasible ? planning::when(t) : std::string("infeasible"); };
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{}</td></tr>\n",
                       esc(u.id), arrival(u.feasible_before, u.arrival_before), arrival(u.feasible_after, u.arrival_after),
                       u.feasible_before && u.feasible_after ? signed_h(u.arrival_change_h()) : "",
                       u.lateness_before_h, u.lateness_after_h, join(what, "; "));
  }
  if (rows == 0) out += "<tr><td colspan=\"7\">No unit's plan changed.</td></tr>\n";
  out += "</table></div>\n";
  for (const auto& note : d.notes) out += fmt::format("<p class=\"muted\">Note: {}</p>\n", esc(note));
  return out + "</section>\n";
}

}  // namespace milmob::whatif
