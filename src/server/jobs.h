#pragma once
// Planning work off the request threads: a job waits in a queue, runs on one of a few worker
// threads (each with its own Router: routers keep state), and keeps its result or error for
// GET /jobs/{id}. At most `max_active` jobs are queued or running; more are refused (429).
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "network/network.h"
#include "routing/router.h"

namespace milmob::server {

struct JobResult {
  std::string plan_id;      // the plan it made, if any
  nlohmann::ordered_json result;  // what the request that started it answers (null: the plan itself)
};

struct JobStatus {
  std::string id, kind, state;  // state: queued | running | done | failed
  std::string plan_id;
  nlohmann::ordered_json result;
  int error_status = 0;
  nlohmann::json error;  // the error body when failed
  double seconds = 0;    // running time so far, or in all
  double progress = 0;   // share of the work done, 0..1, as the work reports it
};

class JobRunner {
 public:
  // The work tells its progress (0..1) through the function it is given.
  using Report = std::function<void(double)>;
  using Work = std::function<JobResult(routing::Router&, const Report&)>;
  JobRunner(const Network& net, int workers, int max_active);
  ~JobRunner();  // finishes the running jobs, drops the queued ones
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Throws ApiError 429 when max_active jobs are queued or running.
  std::string submit(const std::string& kind, Work work);
  std::optional<JobStatus> status(const std::string& id) const;
  // Waits until the job is done or failed, or the timeout passed; the status then.
  JobStatus wait(const std::string& id, std::chrono::milliseconds timeout) const;
  int active() const;
  int max_active() const { return max_active_; }

 private:
  struct Job {
    JobStatus status;
    Work work;
    std::chrono::steady_clock::time_point started;
  };
  void worker();
  JobStatus snapshot(const Job& job) const;

  const Network& net_;
  int max_active_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::map<std::string, Job> jobs_;
  std::deque<std::string> finished_;  // oldest first: finished jobs kept for GET /jobs
  int active_ = 0;
  std::uint64_t next_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace milmob::server
