#include "cli/arguments.h"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

#include "common/error.h"
#include "common/suggest.h"
#include "scenario/places.h"

namespace milmob::cli {

geo::LonLat parse_lonlat(const std::string& option, const std::string& text) {
  const auto comma = text.find(',');
  auto number = [&](std::string_view s, double& out) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size() && !s.empty();
  };
  geo::LonLat p;
  if (comma == std::string::npos || !number(std::string_view(text).substr(0, comma), p.lon) ||
      !number(std::string_view(text).substr(comma + 1), p.lat))
    throw InputError(option, fmt::format("'{}': expected LON,LAT in decimal degrees, e.g. 9.52,47.14", text));
  if (!geo::is_valid(p))
    throw InputError(option, fmt::format("'{}': longitude must lie in -180..180 and latitude in -90..90", text));
  return p;
}

geo::LonLat parse_point(const std::string& option, const std::string& text) {
  // Anything with a digit before a comma is meant as coordinates: report it as such.
  const auto comma = text.find(',');
  const bool coordinates = comma != std::string::npos &&
                           text.find_first_of("0123456789") < comma && text.find_first_not_of(" +-.0123456789,") == std::string::npos;
  if (coordinates) return parse_lonlat(option, text);
  const scenario::PlaceTable places = scenario::PlaceTable::load_default();
  if (const scenario::Place* place = places.find(text)) return place->where;
  throw InputError(option, fmt::format("unknown place '{}'{}; give LON,LAT or a name from data/places.yaml or "
                                       "Natural Earth",
                                       text, did_you_mean(places.suggest(text))));
}

routing::Algorithm parse_algorithm(const std::string& name) {
  if (name == "dijkstra") return routing::Algorithm::Dijkstra;
  if (name == "astar") return routing::Algorithm::AStar;
  return routing::Algorithm::CH;
}

}  // namespace milmob::cli
