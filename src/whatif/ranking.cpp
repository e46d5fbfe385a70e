#include "whatif/ranking.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "planning/bottlenecks.h"

namespace milmob::whatif {

namespace {

constexpr double kMinuteTolerance = 0.5;

const planning::UnitPlan* find_unit(const planning::Plan& p, const std::string& id) {
  for (const auto& u : p.units)
    if (u.id == id) return &u;
  return nullptr;
}

int feasible_count(const planning::Plan& p) {
  return static_cast<int>(std::count_if(p.units.begin(), p.units.end(), [](const auto& u) { return u.feasible; }));
}

// Better first: more units made feasible, then more closure per euro, then more lateness saved
// per euro, then earlier arrivals per euro; a free change counts as infinitely cheap. Ties: the
// file's order.
bool better(const Gain& a, double cost_a, const Gain& b, double cost_b) {
  if (a.feasible_gain != b.feasible_gain) return a.feasible_gain > b.feasible_gain;
  const auto per_euro = [](double gain, double cost) {
    if (gain <= 1e-6) return gain;  // no gain (or a loss): its size, whatever the cost
    return cost <= 0 ? INFINITY : gain / cost;
  };
  const double ca = per_euro(a.closure_gain_h, cost_a), cb = per_euro(b.closure_gain_h, cost_b);
  if (ca != cb) return ca > cb;
  const double la = per_euro(a.lateness_gain_h, cost_a), lb = per_euro(b.lateness_gain_h, cost_b);
  if (la != lb) return la > lb;
  return per_euro(a.arrival_gain_h, cost_a) > per_euro(b.arrival_gain_h, cost_b);
}

long override_index_of(const scenario::Scenario& base, const Candidate& c) {
  return c.kind == CandidateKind::Bridge ? static_cast<long>(base.network.overrides.size()) : -1;
}

}  // namespace

std::optional<double> RankedCandidate::days_per_meur() const {
  if (candidate->cost_eur <= 0) return std::nullopt;
  return alone.closure_gain_h / 24 / (candidate->cost_eur / 1e6);
}

Gain gain_of(const planning::Plan& before, const planning::Plan& after, long first_override) {
  Gain g;
  g.closure = after.closure;
  g.closure_gain_h = (before.closure - after.closure) / 60;
  g.lateness_gain_h = planning::total_lateness_h(before) - planning::total_lateness_h(after);
  g.feasible_gain = feasible_count(after) - feasible_count(before);
  for (const auto& a : after.units) {
    const planning::UnitPlan* b = find_unit(before, a.id);
    if (!b) continue;
    if (a.feasible != b->feasible) {
      (a.feasible ? g.benefit : g.worse).push_back(a.id);
    } else if (a.feasible) {
      g.arrival_gain_h += (b->arrival - a.arrival) / 60;
      if (a.arrival < b->arrival - kMinuteTolerance) g.benefit.push_back(a.id);
      if (a.arrival > b->arrival + kMinuteTolerance) g.worse.push_back(a.id);
    }
  }
  if (first_override >= 0)
    for (const auto& note : after.notes) {
      long index = -1;
      if (std::sscanf(note.c_str(), "network.overrides[%ld]", &index) == 1 && index >= first_override)
        g.notes.push_back(fmt::format("section {} of the bridge target selects no edge of the network",
                                      index - first_override + 1));
    }
  return g;
}

RankingReport rank_upgrades(const scenario::Scenario& base, const std::vector<Candidate>& candidates,
                            Replanner& replanner, const RankingOptions& options) {
  const int first = replanner.plans_made();
  RankingReport report;
  report.budget_eur = options.budget_eur;
  const planning::Plan reference = replanner.replan(base, options.disruptions);
  report.closure = reference.closure;
  report.lateness_h = planning::total_lateness_h(reference);
  report.feasible = feasible_count(reference);
  report.units = static_cast<int>(reference.units.size());

  // Each candidate alone.
  const int total = static_cast<int>(candidates.size());
  for (const Candidate& c : candidates) {
    const planning::Plan p = replanner.replan(apply(base, c), options.disruptions);
    report.ranked.push_back({&c, gain_of(reference, p, override_index_of(base, c))});
    if (options.progress) options.progress(static_cast<int>(report.ranked.size()), total);
  }
  std::stable_sort(report.ranked.begin(), report.ranked.end(), [](const RankedCandidate& a, const RankedCandidate& b) {
    return better(a.alone, a.candidate->cost_eur, b.alone, b.candidate->cost_eur);
  });

  // Greedy portfolio: the best affordable candidate given the picks so far, until none helps.
  if (options.budget_eur) {
    scenario::Scenario current = base;
    planning::Plan current_plan = reference;
    double spent = 0;
    std::vector<const RankedCandidate*> left;
    for (const auto& r : report.ranked)
      if (r.candidate->cost_eur <= *options.budget_eur) left.push_back(&r);
    while (!left.empty()) {
      struct Trial {
        const RankedCandidate* ranked;
        Gain gain;
        scenario::Scenario scenario;
        planning::Plan plan;
      };
      std::optional<Trial> best;
      for (const RankedCandidate* r : left) {
        if (spent + r->candidate->cost_eur > *options.budget_eur) continue;
        scenario::Scenario s = apply(current, *r->candidate);
        planning::Plan p = replanner.replan(s, options.disruptions);
        Gain g = gain_of(current_plan, p, override_index_of(current, *r->candidate));
        if (!g.any()) continue;
        if (!best || better(g, r->candidate->cost_eur, best->gain, best->ranked->candidate->cost_eur))
          best = Trial{r, std::move(g), std::move(s), std::move(p)};
      }
      if (!best) break;
      spent += best->ranked->candidate->cost_eur;
      report.portfolio.push_back({best->ranked->candidate, best->gain, best->ranked->alone, spent, best->plan.closure});
      current = std::move(best->scenario);
      current_plan = std::move(best->plan);
      std::erase(left, best->ranked);
    }
  }
  report.plans_made = replanner.plans_made() - first;
  return report;
}

}  // namespace milmob::whatif
