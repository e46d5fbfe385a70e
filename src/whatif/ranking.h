#pragma once
// Which upgrades buy the most days per euro: each candidate is applied alone to a copy of the
// scenario and the force re-planned; then a portfolio is picked greedily under a budget,
// re-planning after each pick, so that the gain of a pick given the earlier ones (which can be
// less than alone, when two upgrades relieve the same bottleneck, or more) is what counts.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "whatif/candidates.h"
#include "whatif/replan.h"

namespace milmob::whatif {

// What a plan gains against a reference plan.
struct Gain {
  double closure = 0;                // the plan's force closure (minutes)
  double closure_gain_h = 0;         // reference - plan: positive is earlier
  double lateness_gain_h = 0;        // total lateness saved
  double arrival_gain_h = 0;         // arrivals earlier, summed over the units (unit-hours)
  int feasible_gain = 0;             // units feasible now and not before (minus the reverse)
  std::vector<std::string> benefit;  // units arriving earlier (or feasible now)
  std::vector<std::string> worse;    // units arriving later (or infeasible now)
  std::vector<std::string> notes;    // the candidate's override selecting no edge, ...
  bool any() const { return feasible_gain > 0 || closure_gain_h > 1e-6 || lateness_gain_h > 1e-6 || arrival_gain_h > 1e-6; }
};

struct RankedCandidate {
  const Candidate* candidate = nullptr;
  Gain alone;
  // Closure gain in days per million euros; nullopt for a candidate that costs nothing.
  std::optional<double> days_per_meur() const;
};

struct Pick {
  const Candidate* candidate = nullptr;
  Gain given_earlier;  // against the plan with the earlier picks
  Gain alone;          // against the plan as it is (from the ranking)
  double spent_eur = 0;  // cumulative
  double closure = 0;    // with this and the earlier picks
};

struct RankingReport {
  double closure = 0, lateness_h = 0;  // the plan as it is
  int feasible = 0, units = 0;
  std::vector<RankedCandidate> ranked;  // best first
  std::optional<double> budget_eur;
  std::vector<Pick> portfolio;          // in pick order (empty without a budget)
  int plans_made = 0;
};

struct RankingOptions {
  std::optional<double> budget_eur;
  std::vector<std::string> disruptions;  // planned under these (the scenario's, by name)
  std::function<void(int done, int total)> progress;  // after each re-plan of the ranking
};

RankingReport rank_upgrades(const scenario::Scenario& base, const std::vector<Candidate>& candidates,
                            Replanner& replanner, const RankingOptions& options);

// Gain of `after` over `before`; `first_override`: the candidate's first override in `after`'s
// scenario (a "selects no edge" note from it on is the candidate's), or -1.
Gain gain_of(const planning::Plan& before, const planning::Plan& after, long first_override = -1);

}  // namespace milmob::whatif
