#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "vehicles/catalogue.h"
#include "vehicles/vehicle_json.h"

namespace milmob::cli {

namespace {

std::string cell(double v, const char* format = "{:.2f}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(format), v) : "-";
}

}  // namespace

void add_vehicles_command(CLI::App& app, const GlobalOptions&, int&) {
  struct Args {
    std::string catalogue;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("vehicles", "List the vehicle catalogue with the source of every figure");
  cmd->add_option("--catalogue", args->catalogue, "Vehicle catalogue (default: the shipped data/vehicles.yaml)");
  cmd->add_flag("--json", args->json, "Print the catalogue as JSON");
  cmd->callback([args] {
    const auto cat = vehicles::Catalogue::load(args->catalogue.empty() ? vehicles::default_catalogue_path() : args->catalogue);
    if (args->json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& v : cat.all()) j.push_back(vehicles::to_json(v));
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << fmt::format("{:<34} {:<5} {:<7} {:>7} {:>6} {:>5} {:>5} {:>9} {:>6}\n", "vehicle", "cat", "kind",
                             "t", "L m", "W m", "H m", "MLC", "km/h");
    for (const auto& v : cat.all())
      std::cout << fmt::format("{:<34} {:<5} {:<7} {:>7} {:>6} {:>5} {:>5} {:>9} {:>6}\n", v.name, v.category,
                               v.tracked ? "tracked" : "wheeled", cell(v.weight_t, "{:.1f}"), cell(v.length_m),
                               cell(v.width_m), cell(v.height_m),
                               cell(v.mlc, "{:.0f}") + (v.mlc_computed ? " (c)" : ""), cell(v.road_speed_kmh, "{:.0f}"));
    std::cout << "(c) = MLC computed from weight (DOMAIN.md approximation); sources: milmob vehicles --json\n";
  });
}

}  // namespace milmob::cli
