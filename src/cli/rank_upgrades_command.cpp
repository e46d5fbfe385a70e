// `milmob rank-upgrades`: each candidate upgrade valued by re-planning, then the best
// portfolio under a budget (docs/whatif.md).
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/planning_inputs.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/suggest.h"
#include "planning/plan_output.h"
#include "whatif/candidates.h"
#include "whatif/ranking.h"

namespace milmob::cli {

namespace {

struct RankArgs {
  std::string scenario, candidates;
  std::optional<std::string> budget;
  std::vector<std::string> only, disruptions;
  ScenarioInput input;
  bool json = false, quiet = false;
};

double round1(double x) { return std::round(x * 10) / 10; }

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out.append(out.empty() ? "" : ", ").append(p);
  return out;
}

nlohmann::ordered_json gain_json(const whatif::Gain& g) {
  return {{"closure", planning::when(g.closure)}, {"closure_gain_h", round1(g.closure_gain_h)},
          {"closure_gain_days", round1(g.closure_gain_h / 24 * 10) / 10}, {"lateness_gain_h", round1(g.lateness_gain_h)},
          {"arrival_gain_unit_h", round1(g.arrival_gain_h)},
          {"feasible_units_gained", g.feasible_gain}, {"units_benefiting", g.benefit}, {"units_later", g.worse},
          {"notes", g.notes}};
}

std::string money(double eur) {
  if (eur <= 0) return "free";
  return eur >= 1e6 ? fmt::format("{:.1f} M EUR", eur / 1e6) : fmt::format("{:.0f} k EUR", eur / 1e3);
}

void print_text(const whatif::RankingReport& r) {
  std::cout << fmt::format("as it is: force closure {}, total lateness {:.1f} h, {} of {} units feasible ({} plans made)\n\n",
                           planning::when(r.closure), r.lateness_h, r.feasible, r.units, r.plans_made);
  std::cout << fmt::format("{:<4} {:<28} {:<22} {:>11} {:>10} {:>9} {:>10} {:>10} {:>10}  {}\n", "rank", "candidate",
                           "kind", "cost", "closure -h", "late -h", "arrive -h", "days/M EUR", "feasible +",
                           "units benefiting");
  int rank = 0;
  for (const auto& c : r.ranked) {
    const auto per = c.days_per_meur();
    const std::string per_text = per ? fmt::format("{:.3f}", *per) : (c.alone.closure_gain_h > 1e-6 ? "free" : "-");
    std::cout << fmt::format("{:<4} {:<28} {:<22} {:>11} {:>10.1f} {:>9.1f} {:>10.1f} {:>10} {:>10}  {}\n", ++rank,
                             c.candidate->id, whatif::kind_name(c.candidate->kind), money(c.candidate->cost_eur),
                             c.alone.closure_gain_h, c.alone.lateness_gain_h, c.alone.arrival_gain_h, per_text,
                             c.alone.feasible_gain,
                             c.alone.benefit.empty() ? "-" : join(c.alone.benefit));
    if (!c.alone.worse.empty()) std::cout << "     later: " << join(c.alone.worse) << "\n";
    for (const auto& n : c.alone.notes) std::cout << "     note: " << n << "\n";
  }
  if (!r.budget_eur) return;
  std::cout << fmt::format("\nportfolio under {} (greedy, re-planned after each pick):\n", money(*r.budget_eur));
  if (r.portfolio.empty()) std::cout << "  no affordable candidate gains anything\n";
  for (const auto& p : r.portfolio)
    std::cout << fmt::format("  {:<28} {:>11}  given the earlier picks (alone): closure -{:.1f} h ({:.1f}), lateness "
                             "-{:.1f} h ({:.1f}), arrivals -{:.1f} unit-h ({:.1f}); closure now {}, spent {}\n",
                             p.candidate->id, money(p.candidate->cost_eur), p.given_earlier.closure_gain_h,
                             p.alone.closure_gain_h, p.given_earlier.lateness_gain_h, p.alone.lateness_gain_h,
                             p.given_earlier.arrival_gain_h, p.alone.arrival_gain_h, planning::when(p.closure),
                             p.spent_eur > 0 ? money(p.spent_eur) : "nothing");
}

nlohmann::ordered_json report_json(const whatif::RankingReport& r) {
  using Json = nlohmann::ordered_json;
  Json j = {{"format", "milmob-upgrades/1"}, {"closure", planning::when(r.closure)},
            {"lateness_h", round1(r.lateness_h)}, {"feasible_units", r.feasible}, {"units", r.units},
            {"plans_made", r.plans_made}};
  Json ranked = Json::array();
  for (const auto& c : r.ranked) {
    Json x = {{"id", c.candidate->id}, {"kind", whatif::kind_name(c.candidate->kind)},
              {"target", c.candidate->target_text()}, {"change", c.candidate->change_text()},
              {"cost_eur", c.candidate->cost_eur}};
    const auto per = c.days_per_meur();
    x["closure_days_per_million_eur"] = per ? Json(std::round(*per * 1000) / 1000) : Json(nullptr);
    x["alone"] = gain_json(c.alone);
    ranked.push_back(std::move(x));
  }
  j["ranked"] = ranked;
  j["budget_eur"] = r.budget_eur ? Json(*r.budget_eur) : Json(nullptr);
  Json portfolio = Json::array();
  for (const auto& p : r.portfolio)
    portfolio.push_back({{"id", p.candidate->id}, {"cost_eur", p.candidate->cost_eur}, {"spent_eur", p.spent_eur},
                         {"closure", planning::when(p.closure)}, {"given_earlier", gain_json(p.given_earlier)},
                         {"alone", gain_json(p.alone)}});
  j["portfolio"] = portfolio;
  return j;
}

// A positive amount of euros: "250000000" or "2.5e8".
double parse_budget(const std::string& text) {
  char* end = nullptr;
  const double eur = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(eur) || eur <= 0)
    throw InputError("--budget", fmt::format("expected a positive amount in euros (e.g. 250000000), got '{}'", text));
  return eur;
}

int run_rank(const RankArgs& a) {
  const std::optional<double> budget = a.budget ? std::optional(parse_budget(*a.budget)) : std::nullopt;
  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  const scenario::LoadContext context{in->loaded.catalogue, in->loaded.places, a.input.limits};
  whatif::CandidateFile file = whatif::load_candidates(a.candidates, in->scenario(), context);
  if (!file.ok() || (!a.quiet && file.diagnostics.warning_count() > 0)) print_diagnostics(file.diagnostics, std::cerr);
  if (!file.ok()) return kExitBadInput;
  if (!a.only.empty()) {  // a subset, by id
    std::vector<std::string> ids;
    for (const auto& c : file.candidates) ids.push_back(c.id);
    for (const auto& id : a.only)
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        throw InputError("--only", fmt::format("{} has no candidate '{}'{}", a.candidates, id,
                                               did_you_mean(closest_names(id, ids))));
    std::erase_if(file.candidates, [&](const whatif::Candidate& c) {
      return std::find(a.only.begin(), a.only.end(), c.id) == a.only.end();
    });
  }
  const Network net = in->network.net();
  routing::Router router(net);
  whatif::Replanner replanner(in->loaded.catalogue, in->calendar, router);
  whatif::RankingReport report;
  {
    Progress p("rank-upgrades: re-planning each candidate", file.candidates.size(), progress);
    whatif::RankingOptions options{budget, a.disruptions,
                                   [&](int done, int) { p.update(static_cast<std::uint64_t>(done)); }};
    report = whatif::rank_upgrades(in->scenario(), file.candidates, replanner, options);
  }
  if (a.json)
    std::cout << report_json(report).dump(2) << "\n";
  else
    print_text(report);
  return kExitOk;
}

}  // namespace

void add_rank_upgrades_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<RankArgs>();
  CLI::App* cmd = app.add_subcommand(
      "rank-upgrades", "Value upgrade candidates by re-planning: days gained, per euro, units helped; best portfolio");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("--candidates", args->candidates, "Upgrade candidates file (YAML; docs/whatif.md)")->required();
  cmd->add_option("--budget", args->budget, "Budget in euros: pick the best portfolio under it");
  cmd->add_option("--only", args->only, "Rank only the candidate of this id (repeat)");
  cmd->add_option("--disruption", args->disruptions, "Plan under the scenario's disruption of this name (repeat)");
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print as JSON");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_rank(*args);
  });
}

}  // namespace milmob::cli
