#pragma once
// Runs [first, last) of a Monte Carlo on `threads` threads. Each run's result depends only on its
// index (its seed is derived from it), so how runs are spread over threads changes nothing.
#include <cstddef>
#include <functional>

namespace milmob::simulation {

// Calls run(index, worker) once for every index; worker in [0, threads) names the thread, for
// per-thread state (a Router). `done(count)` is called from worker 0 now and then for progress.
// An exception in a run stops the others and is rethrown here.
void for_each_run(std::size_t first, std::size_t last, int threads, const std::function<void(std::size_t, int)>& run,
                  const std::function<void(std::size_t)>& done = {});

// The threads to use when none are asked for: every core.
int default_threads();

}  // namespace milmob::simulation
