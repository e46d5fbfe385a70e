#pragma once
// The plans the server made, by id, with the scenario each was made from (a what-if re-plans
// it). The oldest plan goes when the store is full: memory stays bounded however long it runs.
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "planning/plan.h"
#include "scenario/scenario.h"

namespace milmob::server {

struct StoredPlan {
  std::string id, parent;  // parent: the plan a what-if started from
  std::shared_ptr<const scenario::Scenario> scenario;
  planning::Plan plan;
  std::string plan_json;  // plan.json, written once
  double seconds = 0;     // planning time
};

class PlanStore {
 public:
  explicit PlanStore(std::size_t max_plans) : max_(max_plans == 0 ? 1 : max_plans) {}
  // Gives the plan its id.
  std::shared_ptr<const StoredPlan> add(StoredPlan plan);
  // nullptr when unknown or evicted.
  std::shared_ptr<const StoredPlan> get(const std::string& id) const;
  std::vector<std::shared_ptr<const StoredPlan>> all() const;

 private:
  std::size_t max_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const StoredPlan>> plans_;
  std::deque<std::string> order_;
  std::uint64_t next_ = 1;
};

}  // namespace milmob::server
