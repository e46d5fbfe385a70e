#include "server/plan_store.h"

#include <fmt/format.h>

#include "planning/plan_output.h"

namespace milmob::server {

std::shared_ptr<const StoredPlan> PlanStore::add(StoredPlan plan) {
  plan.plan_json = planning::to_json(plan.plan).dump(1) + "\n";
  std::lock_guard lock(mutex_);
  plan.id = fmt::format("p{}", next_++);
  auto stored = std::make_shared<const StoredPlan>(std::move(plan));
  plans_[stored->id] = stored;
  order_.push_back(stored->id);
  while (order_.size() > max_) {
    plans_.erase(order_.front());
    order_.pop_front();
  }
  return stored;
}

std::shared_ptr<const StoredPlan> PlanStore::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = plans_.find(id);
  return it == plans_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const StoredPlan>> PlanStore::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const StoredPlan>> out;
  for (const auto& id : order_) out.push_back(plans_.at(id));
  return out;
}

}  // namespace milmob::server
