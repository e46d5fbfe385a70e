#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/planning_inputs.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "common/progress.h"
#include "gis/plugin.h"
#include "planning/plan_output.h"
#include "planning/report_html.h"

namespace milmob::cli {

namespace {

struct PlanArgs {
  std::string scenario, output;
  std::vector<std::string> disruptions;
  ScenarioInput input;
  bool json = false, quiet = false;
  int improve = 0;
};

// Each file is written to a temporary name and renamed: a failed run leaves the previous
// outputs as they were, never a half-written file.
void write_outputs(const std::string& dir, const planning::Plan& plan) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir, fmt::format("cannot create the output directory: {}", ec.message()));
  const auto write = [&](const char* name, const std::string& text) {
    write_file_atomically(dir + "/" + name, [&](std::ostream& out) { out << text; });
  };
  write("plan.json", planning::to_json(plan).dump(1) + "\n");
  write("closure.csv", planning::closure_csv(plan));
  write("march_tables.csv", planning::march_tables_csv(plan));
  write("bookings.csv", planning::bookings_csv(plan));
  const std::string routes = planning::routes_geojson(plan).dump() + "\n";
  write("routes.geojson", routes);
  gis::save_geopackage(routes, dir + "/routes.gpkg");
  write("report.html", planning::report_html(plan));
}

int run_plan(const PlanArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  const auto in = load_planning_inputs(a.scenario, a.input, progress);
  if (!in) return kExitBadInput;
  planning::Plan plan;
  {
    Progress p("plan: units", 0, progress);
    planning::PlanOptions options;
    options.improve_replans = a.improve;
    plan = plan_scenario(*in, a.disruptions, options);
  }
  write_outputs(a.output, plan);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (a.json) {
    nlohmann::ordered_json j = {{"output", a.output}, {"closure", planning::when(plan.closure)},
                                {"all_feasible", plan.all_feasible()}, {"seconds", std::round(seconds * 1000) / 1000}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << planning::closure_text(plan)
              << fmt::format("wrote {}/plan.json, closure.csv, march_tables.csv, bookings.csv, routes.geojson, routes.gpkg, "
                                 "report.html ({:.2f} s)\n",
                             a.output, seconds);
  }
  return plan.all_feasible() ? kExitOk : kExitNoRoute;
}

}  // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Plan a scenario's deployment by road, HET, rail and sea: march units, timetables, bookings, closure and the cause of delays");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML; docs/scenario.md)")->required();
  cmd->add_option("-o,--output", args->output,
                  "Directory for plan.json, closure.csv, march_tables.csv, bookings.csv, routes.geojson, routes.gpkg, report.html")
      ->required();
  cmd->add_option("--catalogue", args->input.catalogue_path, "Vehicle catalogue (default: data/vehicles.yaml)");
  cmd->add_option("--places", args->input.places_path, "Curated places table (default: data/places.yaml)");
  cmd->add_option("--disruption", args->disruptions,
                  "Apply the scenario's disruption of this name (repeat; 'all' for every one): a what-if");
  cmd->add_option("--improve", args->improve,
                  "Re-plans allowed to improve the order of priority and due date by re-insertion (default 0)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", args->json, "Print a JSON summary");
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    exit_code = run_plan(*args);
  });
}

}  // namespace milmob::cli
