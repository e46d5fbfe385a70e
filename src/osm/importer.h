#pragma once
// Reads OpenStreetMap files (PBF or XML) with libosmium into a NetworkBuilder: roads, railways
// and the places that matter to deployments. Countries are assigned afterwards (gis module).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "network/builder.h"
#include "osm/road_profile.h"

namespace milmob::osm {

struct ImportOptions {
  std::vector<std::string> inputs;
  bool include_minor_roads = false;  // highway=service and track
  bool include_light_rail = false;
  bool strategic = false;  // only the strategic network (is_strategic)
  BridgeDefaults bridge_defaults;
  bool progress = false;
};

// What the import saw beyond the network itself.
struct ImportReport {
  std::uint64_t ways_read = 0;
  std::uint64_t road_ways = 0, rail_ways = 0;
  std::uint64_t degenerate_road_ways = 0, degenerate_rail_ways = 0;  // fewer than two nodes: skipped
  std::uint64_t missing_node_locations = 0;  // way nodes outside the extract
  std::map<std::string, std::uint64_t> unparsed_values;  // tag key -> count of values we could not read
  std::vector<std::string> unparsed_examples;            // a few "way 123 maxweight='heavy'"
};

// Throws InputError naming the file for a missing, truncated or non-OSM input.
NetworkBuilder import_osm(const ImportOptions& options, ImportReport& report);

}  // namespace milmob::osm
