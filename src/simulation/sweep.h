#pragma once
// A Monte Carlo sweep over random disruptions and stochastic execution (docs/simulation.md): each
// run draws which disruptions happen (the scenario's own, and bridges on the planned routes,
// borders crossed, permissions of the nations entered, ports and convoy support centres, with the
// model's probabilities), re-plans under them (the planner, once per distinct draw: plans are
// cached), and executes the plan with random delays. Run i depends only on the seed and i.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "network/network.h"
#include "planning/clock_rules.h"
#include "planning/plan.h"
#include "routing/router.h"
#include "scenario/calendar.h"
#include "simulation/execution.h"
#include "simulation/model.h"
#include "simulation/schedule.h"
#include "simulation/summary.h"
#include "simulation/windows.h"
#include "vehicles/catalogue.h"

namespace milmob::simulation {

struct SweepInputs {
  const scenario::Scenario& scenario;
  const vehicles::Catalogue& catalogue;
  const scenario::HolidayCalendar& calendar;
  const Network& net;
  const StochasticModel& model;
};

class Sweep {
 public:
  // Plans the scenario as it is (no disruption) and lists what may be drawn. `workers`: the
  // threads that will call run() (each gets its own router).
  Sweep(const SweepInputs& in, int workers);
  ~Sweep();

  const std::vector<Candidate>& candidates() const { return candidates_; }
  const Schedule& base() const { return base_->schedule; }
  // Run `index` of a sweep seeded with `seed`; thread-safe for distinct workers.
  RunRecord run(std::uint64_t seed, std::size_t index, int worker);
  // Plans made (distinct draws) and plan-cache hits so far.
  std::size_t plans_made() const { return plans_made_; }

 private:
  struct Planned {
    Schedule schedule;
    RunWorld world;
  };
  struct Drawn;  // one run's disruptions
  std::shared_ptr<const Planned> planned(const Drawn& drawn, int worker);
  // Executes a draw's plan with the delay seed; closure and unit arrivals in the base plan's order.
  RunOutcome outcome(const Drawn& drawn, std::uint64_t delay_seed, int worker);
  planning::Plan plan(const scenario::Scenario& s, const std::vector<std::string>& disruptions, int worker);
  void find_candidates(const planning::Plan& base);

  SweepInputs in_;
  std::vector<std::unique_ptr<routing::Router>> routers_;
  planning::ClockRules clock_;
  std::unique_ptr<WindowTable> windows_;
  std::shared_ptr<const Planned> base_;
  double horizon_min_ = 0;  // disruptions start between C+0 and the planned closure
  struct Source {           // what a candidate stands for
    int scenario_index = -1;  // a scenario disruption
    std::string kind;         // bridge, border, permission, port, centre
    geo::LonLat where;        // bridge (a point of its drawn line), port, centre
    std::string a, b;         // border nations; permission nation
  };
  std::vector<Candidate> candidates_;
  std::vector<Source> sources_;
  std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const Planned>> cache_;
  std::size_t plans_made_ = 0;
};

// Runs [first, last) of `sweep` seeded with `seed` on `threads` threads (at most the workers the
// sweep was made for), in run order: the one loop `milmob sweep` (per MPI rank) and the Python
// module's milmob.sweep share. `done(count)` as for_each_run's, for progress.
std::vector<RunRecord> run_sweep(Sweep& sweep, std::uint64_t seed, std::size_t first, std::size_t last, int threads,
                                 const std::function<void(std::size_t)>& done = {});

}  // namespace milmob::simulation
