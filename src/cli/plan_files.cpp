#include "cli/plan_files.h"

#include <fmt/format.h>

#include <filesystem>

#include "common/atomic_file.h"
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

void write_plan_files(const std::string& dir, const planning::Plan& plan, const std::string& extra_html) {
  make_output_dir(dir);
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
  write("report.html", planning::report_html(plan, extra_html));
}

}  // namespace milmob::cli
