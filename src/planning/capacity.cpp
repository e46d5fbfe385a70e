#include "planning/capacity.h"

#include <algorithm>
#include <cmath>

#include "scenario/scenario.h"

namespace milmob::planning {

namespace {
constexpr double kDay = scenario::kMinutesPerDay;
constexpr double kEps = 1e-9;
constexpr long kHorizonDays = 3650;  // a capacity that never returns within ten years never will
}  // namespace

double DailyThroughput::capacity(long day) const {
  const double start = static_cast<double>(day) * kDay;
  return per_day_ * (factor_ ? factor_(start) : 1.0);
}

std::vector<DailyThroughput::Portion> DailyThroughput::take(double t, double amount, bool whole) {
  std::vector<Portion> out;
  if (per_day_ <= 0 || amount <= 0) return out;
  double cursor = t, left = amount;
  const long first_day = static_cast<long>(std::floor(t / kDay));
  while (left > kEps) {
    const long day = static_cast<long>(std::floor(cursor / kDay));
    if (day - first_day > kHorizonDays) return {};
    const double cap = capacity(day), day_start = static_cast<double>(day) * kDay;
    double& used = used_[day];
    // The rate is steady over the day: what is used sets the earliest free moment in it.
    const double pos = cap > 0 ? std::max(cursor, day_start + used / cap * kDay) : day_start + kDay;
    const double room = cap * (day_start + kDay - pos) / kDay;
    if (room <= kEps || (whole && room + kEps < left)) {
      cursor = day_start + kDay;
      continue;
    }
    const double amount_now = std::min(left, room);
    used = (pos - day_start) / kDay * cap + amount_now;
    out.push_back({pos, pos + amount_now / cap * kDay, amount_now});
    left -= amount_now;
    cursor = out.back().until;
  }
  return out;
}

std::pair<std::vector<int>, double> Fleet::first_free(int n) const {
  if (n <= 0 || static_cast<std::size_t>(n) > free_at_.size()) return {{}, 0};
  std::vector<int> order(free_at_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return free_at_[static_cast<std::size_t>(a)] < free_at_[static_cast<std::size_t>(b)];
  });
  order.resize(static_cast<std::size_t>(n));
  return {order, free_at_[static_cast<std::size_t>(order.back())]};
}

}  // namespace milmob::planning
