#include "server/router_pool.h"

namespace milmob::server {

RouterPool::RouterPool(const Network& net, std::size_t size) : net_(net), size_(size == 0 ? 1 : size) {}

RouterPool::Lease::~Lease() {
  if (router_) pool_->give_back(std::move(router_));
}

RouterPool::Lease RouterPool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !free_.empty() || made_ < size_; });
  if (!free_.empty()) {
    auto r = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(r));
  }
  ++made_;
  lock.unlock();  // making a router derives the hierarchy: not under the lock
  return Lease(*this, std::make_unique<routing::Router>(net_));
}

void RouterPool::give_back(std::unique_ptr<routing::Router> router) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(router));
  }
  returned_.notify_one();
}

}  // namespace milmob::server
