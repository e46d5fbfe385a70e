#include "server/jobs.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/error.h"
#include "server/api_error.h"

namespace milmob::server {

namespace {
constexpr std::size_t kFinishedKept = 256;
}

JobRunner::JobRunner(const Network& net, int workers, int max_active)
    : net_(net), max_active_(max_active < 1 ? 1 : max_active) {
  for (int i = 0; i < (workers < 1 ? 1 : workers); ++i) threads_.emplace_back([this] { worker(); });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& t : threads_) t.join();
}

std::string JobRunner::submit(const std::string& kind, Work work) {
  std::string id;
  {
    std::lock_guard lock(mutex_);
    if (active_ >= max_active_)
      throw ApiError(429, "too_many_jobs",
                     fmt::format("{} planning jobs are queued or running, the limit (--max-jobs); try again when one is done", active_),
                     "");
    id = fmt::format("j{}", next_++);
    Job job;
    job.status.id = id;
    job.status.kind = kind;
    job.status.state = "queued";
    job.work = std::move(work);
    jobs_.emplace(id, std::move(job));
    queue_.push_back(id);
    ++active_;
  }
  changed_.notify_all();
  return id;
}

JobStatus JobRunner::snapshot(const Job& job) const {
  JobStatus s = job.status;
  if (s.state == "running")
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - job.started).count();
  return s;
}

std::optional<JobStatus> JobRunner::status(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return snapshot(it->second);
}

JobStatus JobRunner::wait(const std::string& id, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] {
    const auto it = jobs_.find(id);
    return it == jobs_.end() || it->second.status.state == "done" || it->second.status.state == "failed";
  });
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) throw ApiError(404, "not_found", fmt::format("no job '{}'", id), "id");
  return snapshot(it->second);
}

int JobRunner::active() const {
  std::lock_guard lock(mutex_);
  return active_;
}

void JobRunner::worker() {
  routing::Router router(net_);  // this thread's own: routers keep state between searches
  for (;;) {
    std::string id;
    Work work;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      Job& job = jobs_.at(id);
      job.status.state = "running";
      job.started = std::chrono::steady_clock::now();
      work = std::move(job.work);
    }
    changed_.notify_all();
    const Report report = [this, &id](double done) {
      std::lock_guard lock(mutex_);
      jobs_.at(id).status.progress = std::clamp(done, 0.0, 1.0);
    };
    JobStatus outcome;
    try {
      JobResult r = work(router, report);
      outcome.state = "done";
      outcome.plan_id = std::move(r.plan_id);
      outcome.result = std::move(r.result);
    } catch (const ApiError& e) {
      outcome.state = "failed";
      outcome.error_status = e.status();
      outcome.error = error_body(e.code(), e.what(), e.field());
    } catch (const InputError& e) {
      outcome.state = "failed";
      outcome.error_status = 422;
      outcome.error = error_body("bad_input", e.what(), "");
    } catch (const std::exception& e) {
      outcome.state = "failed";
      outcome.error_status = 500;
      outcome.error = error_body("internal", e.what(), "");
    }
    {
      std::lock_guard lock(mutex_);
      Job& job = jobs_.at(id);
      job.status.state = outcome.state;
      job.status.progress = 1;
      job.status.plan_id = std::move(outcome.plan_id);
      job.status.result = std::move(outcome.result);
      job.status.error_status = outcome.error_status;
      job.status.error = std::move(outcome.error);
      job.status.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - job.started).count();
      --active_;
      finished_.push_back(id);
      while (finished_.size() > kFinishedKept) {
        jobs_.erase(finished_.front());
        finished_.pop_front();
      }
    }
    changed_.notify_all();
  }
}

}  // namespace milmob::server
