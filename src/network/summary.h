#pragma once
// What a network holds, for `milmob import` and `milmob info`.
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "network/network.h"

namespace milmob {

struct ModeSummary {
  std::uint64_t edges = 0;     // directed edges
  std::uint64_t segments = 0;  // stretches between junctions, each direction counted once
  std::uint64_t osm_ways = 0;  // distinct OSM ways (edges from GIS layers have none)
  double km = 0;               // length of the segments
};

struct NetworkSummary {
  std::uint64_t nodes = 0, edges = 0;
  std::map<std::string, ModeSummary> modes;
  std::uint64_t bridges = 0;                 // road bridge segments
  std::uint64_t bridges_tagged_limits = 0;   // ... with a tagged weight or MLC limit
  std::uint64_t bridges_default_mlc = 0;     // ... with the default load class of their road class
  std::uint64_t tunnels = 0;
  std::uint64_t height_limited = 0, weight_limited = 0, legal_restricted = 0;  // road segments
  std::uint64_t border_crossings = 0;        // road segments whose ends lie in different countries
  std::map<std::string, std::uint64_t> countries;  // nodes per country ("" = none found)
  std::map<std::string, std::uint64_t> places;     // places per kind
  std::map<int, double> rail_km_by_gauge;          // gauge mm (0 = untagged) -> km
};

NetworkSummary summarize(const Network& net);
nlohmann::json to_json(const NetworkSummary& s);
std::string to_text(const NetworkSummary& s);

}  // namespace milmob
