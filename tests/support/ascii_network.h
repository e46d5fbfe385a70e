#pragma once
// Builds a small network from an ASCII map and a table of ways, so a routing test reads like
// the situation it checks:
//
//   a---b---c
//       |   |
//       d---e
//
// with ways {"abc", {{"highway","primary"}}}, {"bde", {{"highway","secondary"},{"bridge","yes"},{"maxweight","30"}}}.
// Every letter is a node; one grid cell is 0.001 degrees (about 76 m east-west, 111 m north-south
// at 47 N). Tags go through the same parsers and rules as the OSM import.
#include <map>
#include <string>
#include <vector>

#include "network/network_data.h"

namespace milmob::testing {

struct AsciiWay {
  std::string nodes;                         // letters in travel order of the way
  std::map<std::string, std::string> tags;  // OSM tags
};

NetworkData ascii_network(const std::string& map, const std::vector<AsciiWay>& ways);

// The coordinate of a letter of the map (for route requests).
geo::LonLat ascii_point(const std::string& map, char letter);

}  // namespace milmob::testing
