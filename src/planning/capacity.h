#pragma once
// The ledgers of carried movement: what a railhead, a port or a transshipment point can handle
// per day, and fleets of identical carriers (trains, ships, HETs) each busy until it is back.
// Both book greedily in the order they are asked: what is booked stays booked.
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "planning/plan.h"

namespace milmob::planning {

// Work done at a steady rate of `per_day` units a day (trains loaded, vehicles handled), the
// day's capacity scaled by a factor at that time (capacity cuts). Capacity a day left unused
// before the moment it was asked for is lost: later requests never go back in time.
class DailyThroughput {
 public:
  struct Portion {
    double from = 0, until = 0, amount = 0;
  };
  DailyThroughput(double per_day, std::function<double(double)> factor = {})
      : per_day_(per_day), factor_(std::move(factor)) {}

  // Handles `amount` units from t on: the portions per day, in time order; empty when the
  // capacity never allows it (none at all, or cut to zero for good). `whole`: the amount must
  // fit into one day (a train is loaded in one slot).
  std::vector<Portion> take(double t, double amount, bool whole);
  double per_day() const { return per_day_; }

 private:
  double capacity(long day) const;
  double per_day_;
  std::function<double(double)> factor_;
  std::map<long, double> used_;  // day -> capacity consumed (including what was skipped)
};

// `count` identical carriers; each is free again when its last trip has brought it back.
class Fleet {
 public:
  Fleet(int count, double available_from) : free_at_(static_cast<std::size_t>(count), available_from) {}
  // The n carriers free first and when all of them are; empty when the fleet has fewer.
  std::pair<std::vector<int>, double> first_free(int n = 1) const;
  // Busy until t at least (a carrier only ever gets busier).
  void busy_until(int carrier, double t) {
    double& f = free_at_[static_cast<std::size_t>(carrier)];
    f = std::max(f, t);
  }
  int size() const { return static_cast<int>(free_at_.size()); }

 private:
  std::vector<double> free_at_;
};

}  // namespace milmob::planning
