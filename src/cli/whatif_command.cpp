// `milmob whatif`: the scenario planned as it is and again under disruptions (the scenario's
// own, by name, and those of disruption files), and what changed.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/plan_files.h"
#include "cli/planning_inputs.h"
#include "common/progress.h"
#include "scenario/fragment_reader.h"
#include "whatif/plan_diff.h"
#include "whatif/replan.h"

namespace milmob::cli {

namespace {

struct WhatifArgs {
  std::string scenario, output;
  std::vector<std::string> disruptions, files;
  ScenarioInput input;
  bool json = false, quiet = false;
};

int run_whatif(const WhatifArgs& a) {
  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  // The disruption files' disruptions join a copy of the scenario and are applied by name.
  scenario::Scenario disrupted = in->scenario();
  std::vector<std::string> applied = a.disruptions;
  for (const std::string& file : a.files) {
    const scenario::LoadContext context{in->loaded.catalogue, in->loaded.places, a.input.limits};
    const scenario::DisruptionFile d = scenario::load_disruption_file(file, disrupted, context);
    if (!d.ok()) {
      print_diagnostics(d.diagnostics, std::cerr);
      return kExitBadInput;
    }
    for (const scenario::Disruption& x : d.disruptions) {
      disrupted.disruptions.push_back(x);
      applied.push_back(x.name);
    }
  }
  const Network net = in->network.net();
  routing::Router router(net);
  whatif::Replanner replanner(in->loaded.catalogue, in->calendar, router);
  planning::Plan before, after;
  {
    Progress p("whatif: planning without and with the disruptions", 2, progress);
    before = replanner.replan(in->scenario());
    p.update(1);
    after = replanner.replan(disrupted, applied);
    p.update(2);
  }
  const whatif::PlanDiff diff = whatif::compare_plans(before, after);
  if (!a.output.empty()) {
    write_plan_files(a.output, after, whatif::whatif_section_html(diff),
                     {{"whatif.json", whatif::to_json(diff).dump(1) + "\n"}});
  }
  if (a.json) {
    std::cout << whatif::to_json(diff).dump(2) << "\n";
  } else {
    std::cout << whatif::diff_text(diff);
    for (const std::string& note : diff.notes) std::cout << "note: " << note << "\n";
    if (!a.output.empty())
      std::cout << fmt::format("wrote {}/whatif.json and the plan under the disruptions: plan.json, closure.csv, "
                               "march_tables.csv, bookings.csv, routes.geojson, report.html\n",
                               a.output);
  }
  return after.all_feasible() ? kExitOk : kExitNoRoute;
}

}  // namespace

void add_whatif_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<WhatifArgs>();
  CLI::App* cmd = app.add_subcommand(
      "whatif", "Re-plan under disruptions and show what changed: closure, each unit's arrival, routes, waits");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("--disrupt", args->files,
                  "Disruption file: a `disruptions:` list in the scenario's format (repeat; docs/whatif.md)");
  cmd->add_option("--disruption", args->disruptions,
                  "Apply the scenario's disruption of this name (repeat; 'all' for every one)");
  cmd->add_option("-o,--output", args->output,
                  "Directory for whatif.json and the disrupted plan's files (plan.json, ..., report.html)");
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print the comparison as JSON (whatif.json)");
  cmd->callback([args, &global, &exit_code] {
    if (args->disruptions.empty() && args->files.empty())
      throw CLI::RequiredError("--disrupt FILE or --disruption NAME (at least one)");
    args->quiet = global.quiet;
    exit_code = run_whatif(*args);
  });
}

}  // namespace milmob::cli
