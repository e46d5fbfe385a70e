#include "network/network.h"

namespace milmob {

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::Road: return "road";
    case Mode::Rail: return "rail";
    case Mode::Sea: return "sea";
    case Mode::Air: return "air";
    case Mode::Transfer: return "transfer";
  }
  return "unknown";
}

const char* road_class_name(RoadClass c) {
  static constexpr const char* kNames[] = {
      "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential", "service",
      "track", "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
      "rail_main", "rail_branch", "rail_industrial", "rail_yard", "rail_other", "light_rail"};
  static_assert(std::size(kNames) == static_cast<std::size_t>(RoadClass::Count));
  const auto i = static_cast<std::size_t>(c);
  return i < std::size(kNames) ? kNames[i] : "unknown";
}

const char* place_kind_name(PlaceKind k) {
  static constexpr const char* kNames[] = {"port", "airfield", "military", "border_control",
                                           "rail_station", "rail_yard", "loading_ramp"};
  static_assert(std::size(kNames) == static_cast<std::size_t>(PlaceKind::Count));
  const auto i = static_cast<std::size_t>(k);
  return i < std::size(kNames) ? kNames[i] : "unknown";
}

std::string_view Network::country_code(std::uint16_t c) const {
  return c < countries.size() ? countries.at(c) : std::string_view{};
}

}  // namespace milmob
