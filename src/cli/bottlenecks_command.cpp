#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/planning_inputs.h"
#include "common/progress.h"
#include "planning/bottlenecks.h"
#include "planning/bottlenecks_json.h"
#include "planning/plan_output.h"

namespace milmob::cli {

namespace {

struct BottleneckArgs {
  std::string scenario;
  std::vector<std::string> disruptions;
  ScenarioInput input;
  bool json = false, quiet = false;
};

int run_bottlenecks(const BottleneckArgs& a) {
  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  const Network net = in->network.net();
  routing::Router router(net);
  planning::BottleneckReport report;
  {
    Progress p("bottlenecks: re-planning", 1000, progress);
    report = planning::bottlenecks(in->scenario(), in->loaded.catalogue, in->calendar, router, a.disruptions,
                                   [&p](double done) { p.update(static_cast<std::uint64_t>(done * 1000)); });
  }
  if (a.json) {
    const nlohmann::ordered_json j = planning::to_json(report);
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("force closure {}, total lateness {:.1f} h\n\n", planning::when(report.closure),
                           report.lateness_h);
  std::cout << fmt::format("{:<34} {:<34} {:>11} {:>12} {:>9} {:>8}\n", "what", "change", "closure", "closure -h",
                           "late -h", "earlier");
  const auto cut = [](const std::string& s) { return s.size() > 34 ? s.substr(0, 33) + "~" : s; };
  for (const auto& m : report.changes)
    std::cout << fmt::format("{:<34} {:<34} {:>11} {:>12.1f} {:>9.1f} {:>8}\n", cut(m.what), cut(m.change),
                             planning::when(m.closure), m.closure_gain_h, m.lateness_gain_h, m.units_earlier);
  std::cout << fmt::format("\nutilisation of the plan as it is (share of the nominal capacity, on the days used)\n"
                           "{:<34} {:<22} {:>9} {:<17} {:>5} {:>6} {:>6} {:>5}\n",
                           "resource", "kind", "capacity", "", "days", "peak", "mean", "full");
  for (const auto& u : report.utilisation)
    std::cout << fmt::format("{:<34} {:<22} {:>9} {:<17} {:>5} {:>5.0f}% {:>5.0f}% {:>5}\n", cut(u.resource), u.kind,
                             u.capacity > 0 ? fmt::format("{:g}", u.capacity) : "-", u.unit, u.days.size(),
                             100 * u.peak_share, 100 * u.mean_share, u.days_at_capacity);
  return kExitOk;
}

}  // namespace

void add_bottlenecks_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<BottleneckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "bottlenecks", "What each rule and resource costs the force: re-plan with each eased, each disruption applied");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("--disruption", args->disruptions, "Plan with the scenario's disruption of this name (repeat)");
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print as JSON");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_bottlenecks(*args);
  });
}

}  // namespace milmob::cli
