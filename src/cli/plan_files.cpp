#include "cli/plan_files.h"

#include <fmt/format.h>

#include <filesystem>

#include "common/output_set.h"
#include "common/error.h"
#include "gis/plugin.h"
#include "planning/plan_output.h"
#include "planning/report_html.h"

namespace milmob::cli {

void make_output_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir, fmt::format("cannot create the output directory: {}", ec.message()));
}

const std::vector<std::string> kPlanDirectoryFiles = {"plan.json",      "closure.csv", "march_tables.csv",
                                                      "bookings.csv",   "routes.geojson", "routes.gpkg",
                                                      "report.html",    "whatif.json"};

void write_plan_files(const std::string& dir, const planning::Plan& plan, const std::string& extra_html,
                      const std::vector<std::pair<std::string, std::string>>& extra_files) {
  OutputSet set(dir, kPlanDirectoryFiles);
  set.write("plan.json", planning::to_json(plan).dump(1) + "\n");
  set.write("closure.csv", planning::closure_csv(plan));
  set.write("march_tables.csv", planning::march_tables_csv(plan));
  set.write("bookings.csv", planning::bookings_csv(plan));
  const std::string routes = planning::routes_geojson(plan).dump() + "\n";
  set.write("routes.geojson", routes);
  set.write_path("routes.gpkg", [&](const std::string& path) { gis::save_geopackage(routes, path); });
  set.write("report.html", planning::report_html(plan, extra_html));
  for (const auto& [name, text] : extra_files) set.write(name, text);
  set.commit();
}

}  // namespace milmob::cli
