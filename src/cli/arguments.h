#pragma once
// Parsing of argument values shared by several commands; errors name the option.
#include <string>

#include "geo/coord.h"
#include "routing/router.h"

namespace milmob::cli {

// "LON,LAT" in decimal degrees. Throws InputError(option, ...).
geo::LonLat parse_lonlat(const std::string& option, const std::string& text);
// "LON,LAT" or a place name ("Vlissingen", "Rukla": scenario/places.h), with suggestions for
// a name it does not know.
geo::LonLat parse_point(const std::string& option, const std::string& text);

// "ch", "astar" or "dijkstra" (CLI11 has already checked the value).
routing::Algorithm parse_algorithm(const std::string& name);

}  // namespace milmob::cli
