#pragma once
// Routers for concurrent requests. A Router keeps its search state and each vehicle class's
// customization, so it serves one request at a time: a request leases one for its duration and
// gives it back, keeping what it prepared for the next request of the same class.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "routing/router.h"

namespace milmob::server {

class RouterPool {
 public:
  // At most `size` routers are made, the first when first asked for.
  RouterPool(const Network& net, std::size_t size);

  class Lease {
   public:
    Lease(RouterPool& pool, std::unique_ptr<routing::Router> router) : pool_(&pool), router_(std::move(router)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    routing::Router& operator*() { return *router_; }
    routing::Router* operator->() { return router_.get(); }

   private:
    RouterPool* pool_;
    std::unique_ptr<routing::Router> router_;
  };

  // Waits while every router is in use.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<routing::Router> router);
  const Network& net_;
  std::size_t size_, made_ = 0;
  std::vector<std::unique_ptr<routing::Router>> free_;
  std::mutex mutex_;
  std::condition_variable returned_;
};

}  // namespace milmob::server
