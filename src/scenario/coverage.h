#pragma once
// Does the network reach the places a scenario names? A home outside the OSM extract, a
// railhead with no track near it, a port 30 km from the nearest road: each would make planning
// start with a long straight connection or fail, so `milmob check` warns about it up front.
#include <string>
#include <vector>

#include "network/network.h"
#include "scenario/diagnostics.h"
#include "scenario/scenario.h"

namespace milmob::scenario {

// A place the scenario uses, where in the file, and which mode must reach it.
struct PlaceUse {
  std::string path;
  long line = 0, column = 0;
  PlaceRef place;
  Mode mode = Mode::Road;
};

// Warns about each use farther than max_km from the nearest node of its mode in `net` or end of
// one of the scenario's added links (they are part of the network; a ferry's ends count as
// roads, its berths being on land). Returns how many places were checked.
std::size_t check_coverage(const std::vector<PlaceUse>& uses, const Network& net,
                           const std::vector<AddedLink>& added_links, Diagnostics& diag, double max_km = 10);

}  // namespace milmob::scenario
