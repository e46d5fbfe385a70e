// Rule 11 (personnel): the unit's personnel are all accounted for, once (flown plus riding with
// the convoys), no more in the vehicles' seats than they have, and no sortie of personnel takes
// more troops than its aircraft type seats or names an aircraft the scenario does not have.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kMinTolerance;

namespace {

const char* const kRule = "personnel";
constexpr double kNoTime = std::numeric_limits<double>::quiet_NaN();

// The scenario's aircraft a carrier "aircraft TYPE N" names, and N; null when none.
const scenario::Aircraft* aircraft_of(const scenario::Scenario& s, const std::string& carrier, long& number) {
  const std::string prefix = "aircraft ";
  const auto space = carrier.rfind(' ');
  if (!carrier.starts_with(prefix) || space == std::string::npos || space < prefix.size()) return nullptr;
  const std::string type = carrier.substr(prefix.size(), space - prefix.size());
  char* end = nullptr;
  number = std::strtol(carrier.c_str() + space + 1, &end, 10);
  if (end == carrier.c_str() + space + 1 || *end != '\0') return nullptr;
  for (const auto& a : s.resources.aircraft)
    if (a.type == type) return &a;
  return nullptr;
}

}  // namespace

void check_personnel(const CheckInput& in, Violations& out) {
  for (const PlanUnit& pu : in.plan.units) {
    if (!pu.has_personnel) continue;
    const scenario::Unit* su = detail::find_unit(in.scenario, pu.id);
    if (!su) continue;  // the force check reports it
    const PlanPersonnel& p = pu.personnel;
    if (p.count != su->personnel)
      add(out, kRule, pu.id, kNoTime, fmt::format("{} personnel planned, the scenario gives {}", p.count, su->personnel));
    if (p.flown + p.riding != p.count)
      add(out, kRule, pu.id, kNoTime,
          fmt::format("{} flown and {} riding with the convoys are not its {} personnel", p.flown, p.riding, p.count));
    long vehicles = 0;
    for (const auto& e : su->equipment) vehicles += e.count;
    const long seats = vehicles * in.scenario.rules.convoy.seats_per_vehicle;
    if (p.seated > p.count || p.seated > seats || p.seated > p.riding)
      add(out, kRule, pu.id, kNoTime,
          fmt::format("{} in the vehicles' seats: more than its {} personnel, the {} riding or the {} seats of its {} "
                      "vehicles ({} each)",
                      p.seated, p.count, p.riding, seats, vehicles, in.scenario.rules.convoy.seats_per_vehicle));
    if (p.flown > 0 && p.mode != "air")
      add(out, kRule, pu.id, kNoTime, fmt::format("{} flown, yet the personnel move is '{}'", p.flown, p.mode));
    int aboard = 0;
    double last = -std::numeric_limits<double>::infinity();
    for (const PlanSortie& t : p.sorties) {
      aboard += t.passengers;
      last = std::max(last, t.unloaded);
      long number = 0;
      const scenario::Aircraft* a = aircraft_of(in.scenario, t.carrier, number);
      if (!a) {
        add(out, kRule, pu.id, t.unloaded, fmt::format("sortie on '{}', an aircraft the scenario does not have", t.carrier));
        continue;
      }
      if (number < 1 || number > a->count)
        add(out, kRule, pu.id, t.unloaded,
            fmt::format("sortie on {}: the scenario has {} {}", t.carrier, a->count, a->type));
      if (t.passengers < 1 || t.passengers > a->passengers)
        add(out, kRule, pu.id, t.unloaded,
            fmt::format("sortie on {} with {} troops: the {} seats {} (passengers)", t.carrier, t.passengers, a->type,
                        a->passengers));
    }
    if (p.mode == "air") {
      if (aboard != p.flown)
        add(out, kRule, pu.id, kNoTime, fmt::format("its sorties carry {} troops, {} are flown", aboard, p.flown));
      if (!p.sorties.empty() && p.arrival < last - kMinTolerance)
        add(out, kRule, pu.id, p.arrival,
            fmt::format("personnel arrive at {}, before their last sortie is unloaded at {}", detail::when(p.arrival),
                        detail::when(last)));
    }
  }
}

}  // namespace milmob::validation
