#pragma once
// The network a scenario names (its `network` section), built for a command: a network file
// is mapped as it is; OSM extracts and GIS layers are imported in memory, stitched where both
// come, with the scenario's added links.
#include <optional>

#include "network/file.h"
#include "network/network_data.h"
#include "scenario/scenario.h"

namespace milmob::cli {

struct BuiltNetwork {
  std::optional<MappedNetwork> mapped;
  NetworkData data;
  Network net() const { return mapped ? mapped->net() : data.view(); }
};

struct NetworkBuildOptions {
  bool import_osm = true;  // false: give up (nullopt) when the scenario names OSM extracts
  bool countries = true;   // the country of every node (borders: permissions, windows)
  bool progress = false;
};

// Throws InputError for unreadable inputs.
std::optional<BuiltNetwork> build_scenario_network(const scenario::NetworkSpec& spec, const NetworkBuildOptions& options);

}  // namespace milmob::cli
