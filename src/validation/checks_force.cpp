// Rules 1 (the force), 2 (notice to move) and 8 (arrival): what the plan says about units as a
// whole, against the scenario's units.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kMinTolerance;
using detail::kTextTolerance;
using detail::when;

namespace {

constexpr double kNoTime = std::numeric_limits<double>::quiet_NaN();
const char* const kForce = "force";

// Vehicles per type of a unit's equipment (a type listed twice counts twice).
std::map<std::string, int> equipment_counts(const scenario::Unit& u) {
  std::map<std::string, int> out;
  for (const auto& e : u.equipment) out[e.type] += e.count;
  return out;
}

// Legs: every equipment type in exactly one class, each class as many vehicles as its types.
// Returns the vehicles each class must carry, by the equipment.
std::map<std::string, int> check_classes(const PlanUnit& pu, const scenario::Unit& su, Violations& out) {
  const auto counts = equipment_counts(su);
  std::map<std::string, std::string> class_of_type;
  std::map<std::string, int> expected;
  for (const PlanLeg& leg : pu.legs) {
    int sum = 0;
    const std::set<std::string> types(leg.types.begin(), leg.types.end());
    for (const std::string& type : types) {
      const auto it = counts.find(type);
      if (it == counts.end()) {
        add(out, kForce, pu.id, kNoTime,
            fmt::format("vehicle class '{}' lists type '{}', which is not in the unit's equipment", leg.vehicle_class, type));
        continue;
      }
      if (const auto [seen, fresh] = class_of_type.emplace(type, leg.vehicle_class); !fresh) {
        add(out, kForce, pu.id, kNoTime,
            fmt::format("type '{}' is in two vehicle classes, '{}' and '{}'", type, seen->second, leg.vehicle_class));
        continue;
      }
      sum += it->second;
    }
    if (expected.contains(leg.vehicle_class))
      add(out, kForce, pu.id, kNoTime, fmt::format("vehicle class '{}' has two legs", leg.vehicle_class));
    expected[leg.vehicle_class] += sum;
    if (leg.vehicles != sum)
      add(out, kForce, pu.id, kNoTime,
          fmt::format("vehicle class '{}' counts {} vehicles, the equipment of its types {}", leg.vehicle_class,
                      leg.vehicles, sum));
  }
  for (const auto& [type, count] : counts)
    if (!class_of_type.contains(type))
      add(out, kForce, pu.id, kNoTime, fmt::format("equipment '{}' ({} vehicles) is in no vehicle class", type, count));
  return expected;
}

void check_march_unit_vehicles(const PlanUnit& pu, const scenario::Unit& su, const std::map<std::string, int>& expected,
                               int max_per_march_unit, Violations& out) {
  std::map<std::string, int> carried;
  for (const PlanMarchUnit& m : pu.march_units) {
    if (m.vehicles < 1)
      add(out, kForce, m.id, m.depart, "a march unit without vehicles");
    else if (m.vehicles > max_per_march_unit)
      add(out, kForce, m.id, m.depart,
          fmt::format("{} vehicles, more than vehicles_per_march_unit {}", m.vehicles, max_per_march_unit));
    if (!expected.contains(m.vehicle_class))
      add(out, kForce, m.id, m.depart, fmt::format("vehicle class '{}' is none of the unit's legs", m.vehicle_class));
    carried[m.vehicle_class] += m.vehicles;
  }
  // An infeasible unit may lack the march units of a class it cannot route; a class that has
  // march units must have all of them.
  bool class_error = false;
  for (const auto& [label, need] : expected) {
    const int have = carried.contains(label) ? carried.at(label) : 0;
    if (have != need && (pu.feasible || have > 0)) {
      add(out, kForce, pu.id, kNoTime,
          fmt::format("the march units of vehicle class '{}' carry {} vehicles, its equipment counts {}", label, have,
                      need));
      class_error = true;
    }
  }
  if (!pu.feasible || class_error) return;
  int total = 0, equipment = 0;
  for (const auto& [label, have] : carried) total += have;
  for (const auto& e : su.equipment) equipment += e.count;
  if (total != equipment)
    add(out, kForce, pu.id, kNoTime,
        fmt::format("the march units carry {} vehicles, the unit's equipment counts {}", total, equipment));
}

}  // namespace

void check_force(const CheckInput& in, Violations& out) {
  if (in.plan.scenario != in.scenario.name)
    add(out, kForce, in.plan.file, kNoTime,
        fmt::format("the plan is for scenario '{}', not '{}'", in.plan.scenario, in.scenario.name));
  std::map<std::string, int> listed;
  for (const PlanUnit& u : in.plan.units) ++listed[u.id];
  for (const scenario::Unit& u : in.scenario.units) {
    const int n = listed.contains(u.id) ? listed.at(u.id) : 0;
    if (n == 0) add(out, kForce, u.id, kNoTime, "a unit of the scenario that the plan does not list");
    if (n > 1) add(out, kForce, u.id, kNoTime, fmt::format("listed {} times in the plan, expected once", n));
  }
  std::set<std::string> march_unit_ids;
  for (const PlanUnit& pu : in.plan.units) {
    const scenario::Unit* su = detail::find_unit(in.scenario, pu.id);
    if (su == nullptr) {
      add(out, kForce, pu.id, kNoTime, "not a unit of the scenario");
      continue;
    }
    if (pu.nation != su->nation)
      add(out, kForce, pu.id, kNoTime, fmt::format("nation {} in the plan, {} in the scenario", pu.nation, su->nation));
    if (!pu.feasible && pu.infeasible_reason.empty()) add(out, kForce, pu.id, kNoTime, "infeasible without a reason");
    if (pu.feasible && pu.march_units.empty()) add(out, kForce, pu.id, kNoTime, "feasible without march units");
    for (const PlanMarchUnit& m : pu.march_units)
      if (!march_unit_ids.insert(m.id).second)
        add(out, kForce, m.id, m.depart, "a march unit id used twice in the plan");
    const auto expected = check_classes(pu, *su, out);
    check_march_unit_vehicles(pu, *su, expected, in.scenario.rules.convoy.vehicles_per_march_unit, out);
  }
}

void check_notice_to_move(const CheckInput& in, Violations& out) {
  for (const PlanUnit& pu : in.plan.units) {
    const scenario::Unit* su = detail::find_unit(in.scenario, pu.id);
    if (su == nullptr) continue;
    const double ready = su->notice_to_move_h * 60;
    for (const PlanMarchUnit& m : pu.march_units)
      if (m.depart < ready - kMinTolerance)
        add(out, "notice to move", m.id, m.depart,
            fmt::format("departs at {}, before the unit's notice to move ends at {} (notice_to_move_h {:g})",
                        when(m.depart), when(ready), su->notice_to_move_h));
  }
}

void check_arrivals(const CheckInput& in, Violations& out) {
  const char* const kRule = "arrival";
  double closure = 0;
  bool all_feasible = true;
  for (const PlanUnit& pu : in.plan.units) {
    all_feasible = all_feasible && pu.feasible;
    if (const scenario::Unit* su = detail::find_unit(in.scenario, pu.id)) {
      const double ready = su->notice_to_move_h * 60;
      if (std::abs(pu.ready - ready) > kTextTolerance)
        add(out, kRule, pu.id, pu.ready,
            fmt::format("ready at {}, but the notice to move ends at {} (notice_to_move_h {:g})", when(pu.ready),
                        when(ready), su->notice_to_move_h));
    }
    // Personnel flown close the unit when they arrive after its vehicles.
    const bool flown = pu.has_personnel && pu.personnel.mode == "air";
    if (pu.feasible && pu.march_units.empty() && flown) {
      if (!(std::abs(pu.arrival - pu.personnel.arrival) <= kTextTolerance))
        add(out, kRule, pu.id, pu.arrival,
            fmt::format("arrival {} is not the arrival {} of its personnel", when(pu.arrival), when(pu.personnel.arrival)));
      closure = std::max(closure, pu.personnel.arrival);
    }
    if (!pu.feasible || pu.march_units.empty()) continue;
    if (const scenario::Unit* su = detail::find_unit(in.scenario, pu.id); su && su->earliest_arrival)
      for (const PlanMarchUnit& m : pu.march_units)
        if (m.arrive < static_cast<double>(*su->earliest_arrival) - kMinTolerance)
          add(out, kRule, m.id, m.arrive,
              fmt::format("arrives at {}, before the unit's earliest arrival date {}", when(m.arrive),
                          when(static_cast<double>(*su->earliest_arrival))));
    const auto last = std::max_element(pu.march_units.begin(), pu.march_units.end(),
                                       [](const PlanMarchUnit& a, const PlanMarchUnit& b) { return a.arrive < b.arrive; });
    const auto first = std::min_element(pu.march_units.begin(), pu.march_units.end(),
                                        [](const PlanMarchUnit& a, const PlanMarchUnit& b) { return a.depart < b.depart; });
    if (std::isinf(last->arrive)) {
      add(out, kRule, last->id, last->depart, "never arrives, yet its unit is feasible");
      continue;
    }
    const bool pax_last = flown && pu.personnel.arrival > last->arrive;
    const double arrive = pax_last ? pu.personnel.arrival : last->arrive;
    if (!(std::abs(pu.arrival - arrive) <= kTextTolerance))
      add(out, kRule, pu.id, pu.arrival,
          pax_last ? fmt::format("arrival {} is not the arrival {} of its personnel, after its last march unit {}",
                                 when(pu.arrival), when(arrive), last->id)
                   : fmt::format("arrival {} is not the arrival {} of its last march unit {}", when(pu.arrival),
                                 when(last->arrive), last->id));
    if (!(std::abs(pu.departure - first->depart) <= kTextTolerance))
      add(out, kRule, pu.id, pu.departure,
          fmt::format("departure {} is not the departure {} of its first march unit {}", when(pu.departure),
                      when(first->depart), first->id));
    closure = std::max(closure, arrive);
  }
  if (!(std::abs(in.plan.closure - closure) <= kTextTolerance))
    add(out, kRule, in.plan.file, in.plan.closure,
        fmt::format("force closure {} is not the last arrival of a feasible unit, {}", when(in.plan.closure),
                    when(closure)));
  if (in.plan.all_feasible != all_feasible)
    add(out, kRule, in.plan.file, kNoTime,
        fmt::format("all_feasible is {}, but {}", in.plan.all_feasible ? "true" : "false",
                    all_feasible ? "every unit is feasible" : "a unit is infeasible"));
}

}  // namespace milmob::validation
