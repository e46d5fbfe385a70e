#include "simulation/windows.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace milmob::simulation {

namespace {
constexpr double kDay = scenario::kMinutesPerDay;
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

WindowTable::WindowTable(const planning::ClockRules& clock, const std::vector<std::string>& nations, double horizon_min)
    : clock_(clock), horizon_(horizon_min) {
  for (const std::string& nation : nations) {
    auto& list = open_[nation];
    double t = 0;
    while (t < horizon_) {
      const auto [open, close] = clock.movable(nation, t);
      if (!std::isfinite(open)) break;
      // The rules look one midnight ahead: take at most a day at a time, and join what touches.
      const double end = std::min(close, std::floor(open / kDay) * kDay + kDay);
      if (!list.empty() && list.back().second == open)
        list.back().second = end;
      else
        list.emplace_back(open, end);
      t = end;
    }
  }
}

std::pair<double, double> WindowTable::movable(const std::string& nation, double t) const {
  const auto it = open_.find(nation);
  if (it == open_.end() || t >= horizon_) return clock_.movable(nation, t);
  const auto& list = it->second;
  // The first interval that ends after t.
  const auto i = std::upper_bound(list.begin(), list.end(), t, [](double x, const auto& iv) { return x < iv.second; });
  if (i == list.end()) {
    if (!list.empty() && list.back().second >= horizon_) return clock_.movable(nation, std::max(t, horizon_));
    return {kInf, kInf};
  }
  const double close = i->second >= horizon_ ? clock_.movable(nation, std::max(t, i->first)).second : i->second;
  return {std::max(t, i->first), std::max(close, i->second)};
}

}  // namespace milmob::simulation
