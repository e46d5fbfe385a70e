#include "simulation/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "scenario/vehicle_lookup.h"

namespace milmob::simulation {

namespace {

constexpr double kEps = 1e-6;

// A plan's march unit, whichever reader it came from.
struct RawStep {
  std::string activity;  // as plan.json names it: "drive", "night_stop", ...
  double from = 0, until = 0, km_from = 0, km_to = 0;
  std::string country, detail;
};
struct RawCrossing {
  std::string from, to;
  double time = 0;
};
struct RawMarch {
  std::string id, vehicle_class;
  int vehicles = 0;
  double depart = 0, arrive = 0;
  std::vector<RawStep> steps;
  std::vector<RawCrossing> crossings;
};
struct RawUnit {
  std::string id, nation;
  bool feasible = true;
  double arrival = 0;
  std::vector<std::pair<std::string, std::vector<std::string>>> classes;  // label, types
  std::vector<RawMarch> march_units;
};

std::string centre_name(const scenario::ConvoySupportCentre& c) { return c.place.label(); }  // as plans name it

Track track_of(const RawMarch& m, std::size_t unit, bool tracked, const scenario::Scenario& s) {
  Track t{m.id, unit, m.vehicles, tracked, m.depart, m.arrive, {}};
  std::string nation = m.crossings.empty() ? "" : m.crossings.front().from;
  if (nation.empty())
    for (const RawStep& r : m.steps)
      if (r.activity == "drive") {
        nation = r.country;
        break;
      }
  std::size_t next = 0;
  const auto cross = [&] {
    const RawCrossing& c = m.crossings[next++];
    SimStep x;
    x.kind = StepKind::Cross;
    x.nation = c.to, x.from_nation = c.from;
    t.steps.push_back(x);
    nation = c.to;
  };
  bool carried = false;  // since the last road march: a new one starts at the next road step
  for (const RawStep& r : m.steps) {
    while (next < m.crossings.size() && m.crossings[next].time <= r.from + kEps) cross();
    if (r.activity == "loading" || r.activity == "unloading" || r.activity == "carried") {
      carried = true;
      // A train, ship or aircraft crosses borders the plan's road crossings do not list: the
      // march goes on in the nation it is unloaded in.
      if (r.activity != "loading" && !r.country.empty()) nation = r.country;
    } else if (carried && (r.activity == "drive" || r.activity == "halt" || r.activity == "night_stop" ||
                           r.activity == "window_wait")) {
      t.steps.push_back({StepKind::MarchStart, 0, 0, 0, "", "", -1, "", ""});
      carried = false;
    }
    SimStep x;
    x.minutes = r.until - r.from;
    if (r.activity == "drive") {
      // A drive written as one step may pass a border (the planner merges contiguous drives):
      // cut it at each crossing, sharing its km in proportion to time.
      double from = r.from;
      const double pace_km = r.until > r.from ? (r.km_to - r.km_from) / (r.until - r.from) : 0;
      while (next < m.crossings.size() && m.crossings[next].time < r.until - kEps) {
        const double at = m.crossings[next].time;
        t.steps.push_back({StepKind::Drive, at - from, (at - from) * pace_km, 0, nation, "", -1, "", ""});
        cross();
        from = at;
      }
      t.steps.push_back({StepKind::Drive, r.until - from, (r.until - from) * pace_km, 0, nation, "", -1, "", ""});
    } else if (r.activity == "halt") {
      x.kind = StepKind::Halt;
      t.steps.push_back(x);
    } else if (r.activity == "night_stop") {
      x.kind = StepKind::NightStop;
      const auto& centres = s.resources.convoy_support_centres;
      for (std::size_t i = 0; i < centres.size(); ++i)
        if (centre_name(centres[i]) == r.detail) x.centre = static_cast<int>(i);
      t.steps.push_back(x);
    } else if (r.activity == "permission_wait" || r.activity == "closure_wait" || r.activity == "resource_wait" ||
               r.activity == "start_offset") {
      // Fixed times: a permission, a reopening, a slot or carrier booked for the load (taken as
      // kept: a late column still boards it), a terminal's march units leaving in turn or held
      // for the earliest arrival date.
      x.kind = StepKind::WaitUntil;
      x.until = r.until;
      x.cause = r.activity == "permission_wait" ? "permission"
                : r.activity == "closure_wait"  ? "closure"
                : r.activity == "resource_wait" ? "capacity"
                                                : "schedule";
      t.steps.push_back(x);
    } else if (r.activity == "loading" || r.activity == "unloading") {
      // The mode from what the planner loads: "loading a DEU train at ...", "loading ship ...",
      // "loading an aircraft C-17 at ...", "onto 12 HETs at home".
      x.kind = StepKind::Load;
      x.mode = r.detail.find("train") != std::string::npos      ? "rail"
               : r.detail.find("ship") != std::string::npos     ? "sea"
               : r.detail.find("aircraft") != std::string::npos ? "air"
               : r.detail.find("HET") != std::string::npos      ? "het"
                                                               : "rail";
      t.steps.push_back(x);
    } else if (r.activity != "window_wait") {
      // An activity this simulation does not model (a train, ship or aircraft under way, a
      // transshipment): kept for its planned time, so that what follows is not early. Window
      // waits are recomputed from the rules.
      x.kind = StepKind::Halt;
      t.steps.push_back(x);
    }
  }
  while (next < m.crossings.size()) cross();
  return t;
}

Schedule build(const std::vector<RawUnit>& raw, const scenario::Scenario& s, const vehicles::Catalogue& catalogue) {
  Schedule out;
  for (const RawUnit& u : raw) {
    const auto it = std::find_if(s.units.begin(), s.units.end(), [&](const scenario::Unit& x) { return x.id == u.id; });
    if (it == s.units.end())
      throw InputError(fmt::format("the plan's unit '{}' is not in the scenario '{}': is it the scenario it was planned from?",
                                   u.id, s.file));
    const std::size_t index = out.units.size();
    out.units.push_back({u.id, u.nation, u.feasible && std::isfinite(u.arrival), u.arrival,
                         static_cast<double>(it->required_delivery)});
    if (!out.units.back().feasible) continue;
    out.planned_closure = std::max(out.planned_closure, u.arrival);
    for (const RawMarch& m : u.march_units) {
      bool tracked = false;
      for (const auto& [label, types] : u.classes)
        if (label == m.vehicle_class)
          for (const std::string& type : types) {
            const vehicles::VehicleType* v = scenario::find_vehicle_type(s, catalogue, type);
            if (!v) throw InputError(fmt::format("unit '{}': vehicle type '{}' is neither in the scenario nor in the catalogue", u.id, type));
            tracked = tracked || v->tracked;
          }
      out.tracks.push_back(track_of(m, index, tracked, s));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> nations_of(const Schedule& schedule) {
  std::vector<std::string> out;
  for (const Track& t : schedule.tracks)
    for (const SimStep& s : t.steps)
      if (s.kind == StepKind::Drive && std::find(out.begin(), out.end(), s.nation) == out.end()) out.push_back(s.nation);
  std::sort(out.begin(), out.end());
  return out;
}

double horizon_of(const Schedule& schedule) {
  return std::max(120.0, std::ceil(schedule.planned_closure / scenario::kMinutesPerDay) + 60) * scenario::kMinutesPerDay;
}

Schedule schedule_of(const planning::Plan& plan, const scenario::Scenario& s, const vehicles::Catalogue& catalogue) {
  std::vector<RawUnit> raw;
  for (const planning::UnitPlan& u : plan.units) {
    RawUnit r{u.id, u.nation, u.feasible, u.arrival, {}, {}};
    for (const planning::ClassLeg& l : u.legs) r.classes.emplace_back(l.label, l.types);
    for (const planning::MarchUnit& m : u.march_units) {
      RawMarch rm{m.id, m.vehicle_class, m.vehicles, m.depart, m.arrive, {}, {}};
      for (const planning::Step& st : m.steps)
        rm.steps.push_back({planning::activity_name(st.activity), st.from, st.until, st.km_from, st.km_to, st.country, st.detail});
      for (const planning::BorderCrossing& c : m.crossings) rm.crossings.push_back({c.from, c.to, c.time});
      r.march_units.push_back(std::move(rm));
    }
    raw.push_back(std::move(r));
  }
  return build(raw, s, catalogue);
}

Schedule schedule_of(const validation::PlanFile& plan, const scenario::Scenario& s, const vehicles::Catalogue& catalogue) {
  std::vector<RawUnit> raw;
  for (const validation::PlanUnit& u : plan.units) {
    RawUnit r{u.id, u.nation, u.feasible, u.arrival, {}, {}};
    for (const validation::PlanLeg& l : u.legs) r.classes.emplace_back(l.vehicle_class, l.types);
    double last = 0;
    for (const validation::PlanMarchUnit& m : u.march_units) {
      RawMarch rm{m.id, m.vehicle_class, m.vehicles, m.depart, m.arrive, {}, {}};
      for (const validation::PlanStep& st : m.steps)
        rm.steps.push_back({validation::activity_name(st.activity), st.from, st.until, st.km_from, st.km_to, st.country, st.detail});
      for (const validation::PlanCrossing& c : m.crossings) rm.crossings.push_back({c.from, c.to, c.time});
      last = std::max(last, m.arrive);
      r.march_units.push_back(std::move(rm));
    }
    // The unit's arrival as text is rounded up to the minute; its last march unit's is exact to 0.1.
    if (!r.march_units.empty()) r.arrival = last;
    raw.push_back(std::move(r));
  }
  return build(raw, s, catalogue);
}

}  // namespace milmob::simulation
