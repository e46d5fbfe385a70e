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
  loaded.result = scenario::load_scenario(path, {loaded.catalogue, loaded.places});
  return loaded;
}

void print_diagnostics(const scenario::Diagnostics& diagnostics, std::ostream& out) {
  for (const auto& d : diagnostics.sorted()) out << d.to_string() << "\n";
}

void add_scenario_input_options(CLI::App& command, ScenarioInput& input) {
  command.add_option("--catalogue", input.catalogue_path, "Vehicle catalogue (default: data/vehicles.yaml)");
  command.add_option("--places", input.places_path, "Curated places table (default: data/places.yaml)");
}

}  // namespace milmob::cli
