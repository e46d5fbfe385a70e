// `milmob transit`: a transit nation's view of the plan: convoys and vehicles per day, where
// they stop, host nation support (centre places, fuel), ports and railheads (docs/whatif.md).
#include <fmt/format.h>

#include <iostream>
#include <limits>

#include "cli/commands.h"
#include "cli/plan_files.h"
#include "cli/planning_inputs.h"
#include "common/output_set.h"
#include "common/error.h"
#include "common/progress.h"
#include "geo/distance.h"
#include "scenario/nations.h"
#include "scenario/vehicle_lookup.h"
#include "whatif/replan.h"
#include "whatif/transit.h"

namespace milmob::cli {

namespace {

struct TransitArgs {
  std::string scenario, nation, output;
  std::vector<std::string> disruptions;
  ScenarioInput input;
  bool json = false, quiet = false;
};

// The nation of a place: as the places table gives it, else that of the nearest network node.
std::string nation_of(const Network& net, const scenario::PlaceRef& place) {
  if (!place.country.empty()) return place.country;
  double best = std::numeric_limits<double>::infinity();
  std::string nation;
  for (NodeId n = 0; n < net.node_count(); ++n) {
    if (net.node_country.empty() || net.node_country[n] == kNoCountry) continue;
    const double d = geo::haversine_m(place.where, net.node_coord(n));
    if (d < best) best = d, nation = std::string(net.country_code(net.node_country[n]));
  }
  return nation;
}

int run_transit(const TransitArgs& a) {
  std::string nation = a.nation;
  for (char& c : nation) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!scenario::is_known_nation(nation))
    throw InputError("--nation", fmt::format("unknown nation '{}': expected an ISO 3166-1 alpha-3 code such as NLD",
                                             a.nation));
  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  const Network net = in->network.net();
  routing::Router router(net);
  whatif::Replanner replanner(in->loaded.catalogue, in->calendar, router);
  planning::Plan plan;
  {
    Progress p("transit: planning", 0, progress);
    plan = replanner.replan(in->scenario(), a.disruptions);
  }
  const scenario::Scenario& s = in->scenario();
  const whatif::TransitInputs inputs{
      plan, s,
      [&](const std::string& label) { return scenario::find_vehicle_type(s, in->loaded.catalogue, label); },
      [&](const scenario::PlaceRef& p) { return nation_of(net, p); }};
  const whatif::TransitReport report = whatif::transit_report(inputs, nation);
  if (!a.output.empty()) {
    OutputSet set(a.output, {"transit.json", "transit.csv", "transit.svg"});
    set.write("transit.json", whatif::to_json(report).dump(1) + "\n");
    set.write("transit.csv", whatif::transit_csv(report));
    set.write("transit.svg", whatif::transit_svg(report));
    set.commit();
  }
  if (a.json) {
    std::cout << whatif::to_json(report).dump(2) << "\n";
  } else {
    std::cout << whatif::transit_text(report);
    if (!a.output.empty()) std::cout << fmt::format("wrote {}/transit.json, transit.csv, transit.svg\n", a.output);
  }
  return kExitOk;
}

}  // namespace

void add_transit_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<TransitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "transit", "A transit nation's view: convoys and vehicles per day, stops, host nation support, ports, railheads");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("--nation", args->nation, "The transit nation (ISO 3166-1 alpha-3, e.g. NLD)")->required();
  cmd->add_option("-o,--output", args->output, "Directory for transit.json, transit.csv and the plot transit.svg");
  cmd->add_option("--disruption", args->disruptions, "Plan under the scenario's disruption of this name (repeat)");
  add_scenario_input_options(*cmd, args->input);
  cmd->add_flag("--json", args->json, "Print as JSON (transit.json)");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_transit(*args);
  });
}

}  // namespace milmob::cli
