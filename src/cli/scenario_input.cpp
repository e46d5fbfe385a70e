#include "cli/scenario_input.h"

#include <ostream>

#include "common/data_path.h"

namespace milmob::cli {

LoadedScenario load_scenario_input(const std::string& path, const ScenarioInput& input) {
  auto catalogue =
      vehicles::Catalogue::load(input.catalogue_path.empty() ? vehicles::default_catalogue_path() : input.catalogue_path);
  auto places = input.places_path.empty()
                    ? scenario::PlaceTable::load_default()
                    : scenario::PlaceTable::load(input.places_path,
                                                 data_dir() + "/naturalearth/ne_10m_populated_places_europe.geojson",
                                                 data_dir() + "/naturalearth/ne_10m_ports_europe.geojson");
  // The loader keeps references to both: build the result in place.
  LoadedScenario loaded{std::move(catalogue), std::move(places), scenario::LoadResult(path)};
  loaded.result = scenario::load_scenario(path, {loaded.catalogue, loaded.places, input.limits});
  return loaded;
}

void print_diagnostics(const scenario::Diagnostics& diagnostics, std::ostream& out) {
  for (const auto& d : diagnostics.sorted()) out << d.to_string() << "\n";
}

void add_scenario_input_options(CLI::App& command, ScenarioInput& input) {
  command.add_option("--catalogue", input.catalogue_path, "Vehicle catalogue (default: data/vehicles.yaml)");
  command.add_option("--places", input.places_path, "Curated places table (default: data/places.yaml)");
  scenario::Limits& l = input.limits;
  command.add_option("--max-scenario-bytes", l.max_scenario_bytes, "Largest scenario file (bytes)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group("Scenario limits");
  command.add_option("--max-units", l.max_units, "Most units in a scenario")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group("Scenario limits");
  command.add_option("--max-vehicles", l.max_vehicles, "Most vehicles in all units of a scenario")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group("Scenario limits");
  command.add_option("--max-disruptions", l.max_disruptions, "Most disruptions in a scenario or disruption file")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group("Scenario limits");
  command.add_option("--max-yaml-depth", l.max_yaml_depth, "Deepest nesting of lists and mappings in a YAML input")
      ->capture_default_str()
      ->check(CLI::Range(8, 1000))
      ->group("Scenario limits");
  command.add_option("--max-yaml-nodes", l.max_yaml_nodes, "Most YAML nodes in a YAML input, aliases expanded")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group("Scenario limits");
}

}  // namespace milmob::cli
