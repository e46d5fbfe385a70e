#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "vehicles/catalogue.h"

namespace milmob::cli {

namespace {

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json vehicle_json(const vehicles::VehicleType& v) {
  return {{"name", v.name},
          {"aliases", v.aliases},
          {"nation", v.nation},
          {"category", v.category},
          {"tracked", v.tracked},
          {"weight_t", number_or_null(v.weight_t)},
          {"length_m", number_or_null(v.length_m)},
          {"width_m", number_or_null(v.width_m)},
          {"height_m", number_or_null(v.height_m)},
          {"axle_load_t", number_or_null(v.axle_load_t)},
          {"mlc", number_or_null(v.mlc)},
          {"mlc_source", v.mlc_computed ? "computed" : "published"},
          {"road_speed_kmh", number_or_null(v.road_speed_kmh)},
          {"sources", v.sources},
          {"notes", v.notes}};
}

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
      for (const auto& v : cat.all()) j.push_back(vehicle_json(v));
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
