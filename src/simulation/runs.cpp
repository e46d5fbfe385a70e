#include "simulation/runs.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace milmob::simulation {

int default_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void for_each_run(std::size_t first, std::size_t last, int threads, const std::function<void(std::size_t, int)>& run,
                  const std::function<void(std::size_t)>& done) {
  std::atomic<std::size_t> next{first};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto work = [&](int worker) {
    try {
      for (std::size_t i = next++; i < last && !failed; i = next++) {
        run(i, worker);
        if (worker == 0 && done) done(std::min(next.load(), last) - first);
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace milmob::simulation
