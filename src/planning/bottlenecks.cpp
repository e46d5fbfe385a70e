#include "planning/bottlenecks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "planning/overlay.h"
#include "planning/planner.h"
#include "planning/resource_names.h"

namespace milmob::planning {

double total_lateness_h(const Plan& plan) {
  double total = 0;
  for (const UnitPlan& u : plan.units)
    if (u.feasible) total += std::max(0.0, u.lateness()) / 60;
  return total;
}

BottleneckReport bottlenecks(const scenario::Scenario& base, const vehicles::Catalogue& catalogue,
                             const scenario::HolidayCalendar& calendar, routing::Router& router,
                             const std::vector<std::string>& disruptions, const std::function<void(double)>& progress) {
  const auto run = [&](const scenario::Scenario& s, const std::vector<std::string>& applied) {
    const Overlay overlay(s, router.net(), applied);
    return plan_movement(s, catalogue, calendar, router, overlay);
  };
  const Plan reference = run(base, disruptions);
  BottleneckReport report{reference.closure, total_lateness_h(reference), {}, utilisation(reference, base)};

  // The changes are gathered first, so that progress can count them, then re-planned one by one.
  struct Change {
    std::string what, change;
    scenario::Scenario scenario;
    std::vector<std::string> applied;
  };
  std::vector<Change> pending;
  const auto value = [&](std::string what, std::string change, const scenario::Scenario& s,
                         const std::vector<std::string>& applied) {
    pending.push_back({std::move(what), std::move(change), s, applied});
  };

  // Border permissions: every nation the plan's convoys, trains and ships enter, one working day less.
  std::set<std::string> entered;
  for (const UnitPlan& u : reference.units)
    for (const ClassLeg& l : u.legs)
      for (const std::string& nation : l.countries)
        if (nation != u.nation) entered.insert(nation);
  for (const std::string& nation : entered) {
    scenario::Scenario s = base;
    auto& p = s.rules.permissions;
    const double now = p.by_granting_nation.count(nation) ? p.by_granting_nation[nation] : p.default_lead_time_working_days;
    if (now < 1) continue;
    p.by_granting_nation[nation] = now - 1;
    bool pairs = false;
    for (auto& pair : p.pairs)
      if (pair.to == nation && pair.lead_time_working_days >= 1) pair.lead_time_working_days -= 1, pairs = true;
    value(fmt::format("permission {}", nation),
          fmt::format("lead time {:g} -> {:g} working days{}", now, now - 1, pairs ? ", pair rules too" : ""), s,
          disruptions);
  }
  // Movement windows, lifted one nation at a time.
  for (std::size_t i = 0; i < base.rules.windows.size(); ++i) {
    scenario::Scenario s = base;
    s.rules.windows.erase(s.rules.windows.begin() + static_cast<long>(i));
    value(fmt::format("window {}", base.rules.windows[i].nation), "movement window lifted", s, disruptions);
  }
  // Convoy support centres: one march unit's worth of places more a night.
  for (std::size_t i = 0; i < base.resources.convoy_support_centres.size(); ++i) {
    scenario::Scenario s = base;
    auto& c = s.resources.convoy_support_centres[i];
    c.vehicles_per_night += base.rules.convoy.vehicles_per_march_unit;
    value(fmt::format("centre {}", c.place.label()),
          fmt::format("{:g} -> {:g} vehicles a night", base.resources.convoy_support_centres[i].vehicles_per_night,
                      c.vehicles_per_night),
          s, disruptions);
  }
  // Carried movement: one more of each resource the plan books (what it does not use gains nothing).
  std::set<std::string> booked;
  for (const Booking& b : reference.bookings) booked.insert(b.resource);
  for (std::size_t i = 0; i < base.resources.railheads.size(); ++i) {
    if (!booked.contains(resource_name::railhead(base.resources.railheads[i].place.label()))) continue;
    scenario::Scenario s = base;
    auto& r = s.resources.railheads[i];
    r.trains_per_day += 1;
    value(resource_name::railhead(r.place.label()), fmt::format("{:g} -> {:g} trains a day", r.trains_per_day - 1, r.trains_per_day),
          s, disruptions);
  }
  for (std::size_t i = 0; i < base.resources.rail.size(); ++i) {
    if (!booked.contains(resource_name::trains(base.resources.rail[i].nation))) continue;
    scenario::Scenario s = base;
    auto& f = s.resources.rail[i];
    f.trains += 1;
    value(fmt::format("trains {} ({} mm)", f.nation, f.gauge_mm), fmt::format("{} -> {} trains", f.trains - 1, f.trains),
          s, disruptions);
  }
  for (std::size_t i = 0; i < base.resources.transshipment.size(); ++i) {
    if (!booked.contains(resource_name::transshipment(base.resources.transshipment[i].place.label()))) continue;
    scenario::Scenario s = base;
    auto& t = s.resources.transshipment[i];
    t.vehicles_per_day += base.rules.convoy.vehicles_per_march_unit;
    value(resource_name::transshipment(t.place.label()),
          fmt::format("{:g} -> {:g} vehicles a day", base.resources.transshipment[i].vehicles_per_day, t.vehicles_per_day),
          s, disruptions);
  }
  for (std::size_t i = 0; i < base.resources.ports.size(); ++i) {
    const std::string name = base.resources.ports[i].place.label();
    if (!booked.contains(resource_name::port(name)) && !booked.contains(resource_name::berths(name))) continue;
    scenario::Scenario s = base;
    auto& p = s.resources.ports[i];
    p.vehicles_per_day += base.rules.convoy.vehicles_per_march_unit;
    p.berths += 1;
    value(resource_name::port(name),
          fmt::format("{:g} -> {:g} vehicles a day, {} -> {} berths", base.resources.ports[i].vehicles_per_day,
                      p.vehicles_per_day, p.berths - 1, p.berths),
          s, disruptions);
  }
  for (std::size_t i = 0; i < base.resources.ships.size(); ++i) {
    if (!booked.contains(resource_name::ship(base.resources.ships[i].name))) continue;
    scenario::Scenario s = base;
    auto& ship = s.resources.ships[i];
    ship.count += 1;
    value(resource_name::ship(ship.name), fmt::format("{} -> {} ships", ship.count - 1, ship.count), s, disruptions);
  }
  for (std::size_t i = 0; i < base.resources.hets.size(); ++i) {
    if (!booked.contains(resource_name::hets(base.resources.hets[i].nation))) continue;
    scenario::Scenario s = base;
    auto& h = s.resources.hets[i];
    h.count += base.rules.convoy.vehicles_per_march_unit;
    value("HETs " + h.nation, fmt::format("{} -> {} HETs", base.resources.hets[i].count, h.count), s, disruptions);
  }
  for (std::size_t i = 0; i < base.resources.airfields.size(); ++i) {
    const std::string name = base.resources.airfields[i].place.label();
    if (!booked.contains(resource_name::on_the_ground(name))) continue;
    scenario::Scenario s = base;
    auto& a = s.resources.airfields[i];
    a.max_on_ground += 1;
    value("airfield " + name, fmt::format("{} -> {} aircraft on the ground", a.max_on_ground - 1, a.max_on_ground), s,
          disruptions);
  }
  for (std::size_t i = 0; i < base.resources.aircraft.size(); ++i) {
    if (!booked.contains(resource_name::aircraft(base.resources.aircraft[i].type))) continue;
    scenario::Scenario s = base;
    auto& a = s.resources.aircraft[i];
    a.count += 1;
    value(resource_name::aircraft(a.type), fmt::format("{} -> {} aircraft", a.count - 1, a.count), s, disruptions);
  }
  {
    scenario::Scenario s = base;
    s.rules.convoy.max_driving_hours_per_day += 1;
    value("driving hours", fmt::format("{:g} -> {:g} h a day", base.rules.convoy.max_driving_hours_per_day,
                                       s.rules.convoy.max_driving_hours_per_day),
          s, disruptions);
  }
  // Each disruption not already applied: what it would cost.
  for (const scenario::Disruption& d : base.disruptions) {
    if (std::find(disruptions.begin(), disruptions.end(), d.name) != disruptions.end() ||
        std::find(disruptions.begin(), disruptions.end(), "all") != disruptions.end())
      continue;
    std::vector<std::string> applied = disruptions;
    applied.push_back(d.name);
    value(fmt::format("disruption '{}'", d.name), d.kind, base, applied);
  }
  if (progress) progress(1.0 / static_cast<double>(pending.size() + 1));
  for (std::size_t c = 0; c < pending.size(); ++c) {
    const Plan p = run(pending[c].scenario, pending[c].applied);
    Marginal m{std::move(pending[c].what), std::move(pending[c].change), p.closure, total_lateness_h(p), 0, 0, 0, 0};
    m.closure_gain_h = (reference.closure - p.closure) / 60;
    m.lateness_gain_h = report.lateness_h - m.lateness_h;
    for (std::size_t i = 0; i < p.units.size() && i < reference.units.size(); ++i) {
      const double before = reference.units[i].arrival, after = p.units[i].arrival;
      if (after < before - 0.5) ++m.units_earlier;
      if (after > before + 0.5) ++m.units_later;
    }
    report.changes.push_back(std::move(m));
    if (progress) progress(static_cast<double>(c + 2) / static_cast<double>(pending.size() + 1));
  }
  std::stable_sort(report.changes.begin(), report.changes.end(), [](const Marginal& a, const Marginal& b) {
    return a.closure_gain_h != b.closure_gain_h ? a.closure_gain_h > b.closure_gain_h : a.lateness_gain_h > b.lateness_gain_h;
  });
  return report;
}

}  // namespace milmob::planning
