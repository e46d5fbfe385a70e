// Rule 9: the capacities of carried movement. Railheads load a number of trains a day; ports and
// transshipment points handle a number of vehicles a day; trains, ships, HETs, aircraft, berths
// and places on an airfield's ground are fleets of a number of carriers, never more of them busy at once. Capacities are the
// scenario's nominal ones: a plan made under a capacity cut must also keep them.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kDay;
using detail::kMinTolerance;
using detail::when;

namespace {

const char* const kRule = "capacity";

struct Limit {
  double capacity = 0;
  bool per_day = false;       // a daily amount; else carriers busy at once
  double available_from = 0;  // ships
};

// What the scenario allows each resource a booking may name (docs/planning.md "Bookings").
std::map<std::string, Limit> limits_of(const scenario::Scenario& s) {
  std::map<std::string, Limit> out;
  const auto& r = s.resources;
  for (const auto& x : r.railheads) out["railhead " + x.place.label()] = {x.trains_per_day, true, 0};
  for (const auto& x : r.transshipment) out["transshipment " + x.place.label()] = {x.vehicles_per_day, true, 0};
  for (const auto& x : r.ports) {
    out["port " + x.place.label()] = {x.vehicles_per_day, true, 0};
    out["berths at " + x.place.label()] = {static_cast<double>(x.berths), false, 0};
  }
  for (const auto& x : r.rail) out[x.nation + " train"].capacity += x.trains;
  for (const auto& x : r.hets) out[x.nation + " HET"].capacity += x.count;
  for (const auto& x : r.aircraft) out["aircraft " + x.type].capacity += x.count;
  for (const auto& x : r.airfields)
    out["on the ground at " + x.place.label()] = {static_cast<double>(x.max_on_ground), false, 0};
  for (const auto& x : r.ships)
    out["ship " + x.name] = {static_cast<double>(x.count), false, static_cast<double>(x.available_from)};
  return out;
}

// The most carriers busy at one moment, and when.
std::pair<double, double> peak(std::vector<const PlanBooking*> list) {
  std::vector<std::pair<double, double>> events;  // time, +amount / -amount; ends before starts at a tie
  for (const PlanBooking* b : list) events.emplace_back(b->from, b->amount), events.emplace_back(b->until, -b->amount);
  std::sort(events.begin(), events.end());
  double now = 0, most = 0, at = 0;
  for (const auto& [t, d] : events) {
    now += d;
    if (now > most + 1e-9) most = now, at = t;
  }
  return {most, at};
}

}  // namespace

void check_carriage(const CheckInput& in, Violations& out) {
  const std::map<std::string, Limit> limits = limits_of(in.scenario);
  std::map<std::string, std::vector<const PlanBooking*>> by_resource;
  for (const PlanBooking& b : in.plan.bookings) {
    if (b.kind == "convoy_support_centre") continue;  // checks_centres.cpp
    const auto it = limits.find(b.resource);
    if (it == limits.end()) {
      // A port the scenario gives no figures for has no capacity to keep.
      if (b.kind != "port" && b.kind != "berth")
        add(out, kRule, b.march_unit, b.from,
            fmt::format("booked '{}' ({}), which is not a resource of the scenario", b.resource, b.kind));
      continue;
    }
    if (!(b.until >= b.from - kMinTolerance))
      add(out, kRule, b.march_unit, b.from,
          fmt::format("a booking of '{}' from {} to {}", b.resource, when(b.from), when(b.until)));
    if (b.from < it->second.available_from - kMinTolerance)
      add(out, kRule, b.march_unit, b.from,
          fmt::format("uses '{}' from {}, before it is available at {}", b.resource, when(b.from),
                      when(it->second.available_from)));
    by_resource[b.resource].push_back(&b);
  }
  for (const auto& [resource, list] : by_resource) {
    const Limit& limit = limits.at(resource);
    if (limit.per_day) {
      // Each booking's amount falls in the day it starts (the planner books day by day).
      std::map<long, double> per_day;
      for (const PlanBooking* b : list) per_day[static_cast<long>(std::floor((b->from + 1e-6) / kDay))] += b->amount;
      for (const auto& [day, amount] : per_day)
        if (amount > limit.capacity + 0.01)
          add(out, kRule, resource, static_cast<double>(day) * kDay,
              fmt::format("{:g} booked on C+{}, more than its {:g} a day", std::round(amount * 100) / 100, day,
                          limit.capacity));
    } else {
      const auto [most, at] = peak(list);
      if (most > limit.capacity + 1e-6)
        add(out, kRule, resource, at,
            fmt::format("{:g} busy at once at {}, more than the {:g} the scenario has", most, when(at), limit.capacity));
    }
  }
}

}  // namespace milmob::validation
