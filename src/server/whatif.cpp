#include "server/whatif.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "planning/plan_output.h"

namespace milmob::server {

namespace {

double hours(double minutes) { return std::round(minutes / 6.0) / 10.0; }

double route_km(const planning::UnitPlan& u) {
  double km = 0;
  for (const auto& l : u.legs) km = std::max(km, l.distance_km);
  return km;
}

// The main cause of a unit's delay other than driving, as the closure table gives it.
std::string main_delay(const planning::UnitPlan& u) {
  for (const auto& d : u.delays)
    if (d.cause != planning::Activity::Drive) return d.text;
  return "";
}

}  // namespace

nlohmann::ordered_json closure_difference(const planning::Plan& before, const planning::Plan& after) {
  nlohmann::ordered_json units = nlohmann::ordered_json::array();
  nlohmann::ordered_json changed = nlohmann::ordered_json::array();
  for (const planning::UnitPlan& a : after.units) {
    const auto b = std::find_if(before.units.begin(), before.units.end(),
                                [&](const planning::UnitPlan& x) { return x.id == a.id; });
    if (b == before.units.end()) continue;
    const bool both = a.feasible && b->feasible;
    const double diff = both ? a.arrival - b->arrival : 0;
    units.push_back({{"id", a.id},
                     {"name", a.name},
                     {"feasible_before", b->feasible},
                     {"feasible_after", a.feasible},
                     {"arrival_before", b->feasible ? nlohmann::ordered_json(planning::when(b->arrival)) : nullptr},
                     {"arrival_after", a.feasible ? nlohmann::ordered_json(planning::when(a.arrival)) : nullptr},
                     {"difference_h", both ? nlohmann::ordered_json(hours(diff)) : nullptr},
                     {"route_km_before", std::round(route_km(*b) * 10) / 10},
                     {"route_km_after", std::round(route_km(a) * 10) / 10},
                     {"late_h_after", a.feasible ? nlohmann::ordered_json(hours(a.lateness())) : nullptr}});
    if (b->feasible && !a.feasible) changed.push_back(fmt::format("{} can no longer arrive: {}", a.id, a.infeasible_reason));
    if (!b->feasible && a.feasible) changed.push_back(fmt::format("{} can now arrive, at {}", a.id, planning::when(a.arrival)));
    if (!both) continue;
    if (std::abs(route_km(a) - route_km(*b)) >= 0.5)
      changed.push_back(fmt::format("{} takes another route: {:.1f} km instead of {:.1f} km", a.id, route_km(a), route_km(*b)));
    if (std::abs(diff) >= 1)
      changed.push_back(fmt::format("{} arrives {:.1f} h {} ({} instead of {}){}", a.id, std::abs(diff) / 60,
                                    diff > 0 ? "later" : "earlier", planning::when(a.arrival), planning::when(b->arrival),
                                    main_delay(a) != main_delay(*b) && !main_delay(a).empty() ? ": " + main_delay(a) : ""));
  }
  const double diff = after.closure - before.closure;
  return {{"closure",
           {{"before", planning::when(before.closure)},
            {"after", planning::when(after.closure)},
            {"difference_h", hours(diff)},
            {"all_feasible_before", before.all_feasible()},
            {"all_feasible_after", after.all_feasible()}}},
          {"units", units},
          {"changed", changed},
          {"notes", after.notes}};
}

}  // namespace milmob::server
