#include "planning/utilisation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>

#include "planning/resource_names.h"

namespace milmob::planning {

namespace {

constexpr double kDay = 24 * 60;
constexpr double kFull = 0.999;  // a share this high is the whole capacity (rounded amounts)

long day_of(double t) { return static_cast<long>(std::floor(t / kDay)); }

// The nominal capacity of a booked resource and its unit, from the names the planner books
// under (planning/resource_names.h; a centre by its place).
std::pair<double, std::string> capacity_of(const Booking& b, const scenario::Resources& r) {
  const std::string& n = b.resource;
  const auto place = [](const scenario::PlaceRef& p) { return p.label(); };
  if (b.kind == "csc") {
    for (const auto& c : r.convoy_support_centres)
      if (place(c.place) == n) return {c.vehicles_per_night, "vehicles a night"};
    return {0, "vehicles a night"};
  }
  if (b.kind == "railhead") {
    for (const auto& x : r.railheads)
      if (resource_name::railhead(place(x.place)) == n) return {x.trains_per_day, "trains a day"};
    return {0, "trains a day"};
  }
  if (b.kind == "transshipment") {
    for (const auto& x : r.transshipment)
      if (resource_name::transshipment(place(x.place)) == n) return {x.vehicles_per_day, "vehicles a day"};
    return {0, "vehicles a day"};
  }
  if (b.kind == "port") {
    for (const auto& x : r.ports)
      if (resource_name::port(place(x.place)) == n) return {x.vehicles_per_day, "vehicles a day"};
    return {0, "vehicles a day"};
  }
  double count = 0;
  if (b.kind == "berth") {
    for (const auto& x : r.ports)
      if (resource_name::berths(place(x.place)) == n) count = x.berths;
  } else if (b.kind == "airfield") {
    for (const auto& x : r.airfields)
      if (resource_name::on_the_ground(place(x.place)) == n) count = x.max_on_ground;
  } else if (b.kind == "train") {
    for (const auto& x : r.rail)
      if (resource_name::trains(x.nation) == n) count += x.trains;
  } else if (b.kind == "ship") {
    for (const auto& x : r.ships)
      if (resource_name::ship(x.name) == n) count += x.count;
  } else if (b.kind == "het") {
    for (const auto& x : r.hets)
      if (resource_name::hets(x.nation) == n) count += x.count;
  } else if (b.kind == "aircraft") {
    for (const auto& x : r.aircraft)
      if (resource_name::aircraft(x.type) == n) count += x.count;
  }
  return {count, "at once"};
}

bool summed_per_day(const std::string& kind) {
  return kind == "csc" || kind == "railhead" || kind == "transshipment" || kind == "port";
}

// The most bookings overlapping at any moment of each day.
std::map<long, double> peak_at_once(const std::vector<const Booking*>& bookings) {
  std::vector<std::pair<double, int>> events;
  for (const Booking* b : bookings) {
    if (!std::isfinite(b->from) || !std::isfinite(b->until) || b->until <= b->from) continue;
    events.push_back({b->from, +1});
    events.push_back({b->until, -1});
  }
  std::sort(events.begin(), events.end());  // at equal times an end (-1) comes before a start
  std::map<long, double> peak;
  int busy = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    busy += events[i].second;
    if (i + 1 == events.size() || busy == 0) continue;
    const double from = events[i].first, until = events[i + 1].first;
    if (until <= from) continue;
    for (long d = day_of(from); d <= day_of(std::nextafter(until, from)); ++d)
      peak[d] = std::max(peak[d], static_cast<double>(busy));
  }
  return peak;
}

}  // namespace

std::vector<ResourceUse> utilisation(const Plan& plan, const scenario::Scenario& scenario) {
  std::map<std::pair<std::string, std::string>, std::vector<const Booking*>> by_resource;
  for (const Booking& b : plan.bookings) by_resource[{b.kind, b.resource}].push_back(&b);

  std::vector<ResourceUse> out;
  for (const auto& [key, bookings] : by_resource) {
    ResourceUse use;
    use.kind = key.first, use.resource = key.second;
    std::tie(use.capacity, use.unit) = capacity_of(*bookings.front(), scenario.resources);
    std::map<long, double> used;
    if (summed_per_day(use.kind)) {
      for (const Booking* b : bookings)
        if (std::isfinite(b->from)) used[day_of(b->from)] += b->amount;
    } else {
      used = peak_at_once(bookings);
    }
    double shares = 0;
    for (const auto& [day, amount] : used) {
      const double share = use.capacity > 0 ? amount / use.capacity : 0;
      use.days.push_back({day, amount, share});
      use.peak_share = std::max(use.peak_share, share);
      shares += share;
      if (use.capacity > 0 && share >= kFull) ++use.days_at_capacity;
    }
    if (!use.days.empty()) use.mean_share = shares / static_cast<double>(use.days.size());
    if (use.kind == "csc") use.kind = "convoy_support_centre";  // as plan.json and bookings.csv name it
    out.push_back(std::move(use));
  }
  std::stable_sort(out.begin(), out.end(), [](const ResourceUse& a, const ResourceUse& b) {
    return std::tie(b.peak_share, b.days_at_capacity, a.kind, a.resource) <
           std::tie(a.peak_share, a.days_at_capacity, b.kind, b.resource);
  });
  return out;
}

}  // namespace milmob::planning
