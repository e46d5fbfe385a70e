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

float default_speed_kmh(RoadClass c) {
  // Assumption: free-flow speeds for heavy traffic in Europe (trucks are limited to 80-90 km/h
  // on motorways in most EU states; vehicles above 3.5 t to 60-80 km/h on other roads).
  switch (c) {
    case RoadClass::Motorway: return 90;
    case RoadClass::Trunk: return 80;
    case RoadClass::Primary: return 70;
    case RoadClass::Secondary: return 60;
    case RoadClass::Tertiary: return 50;
    case RoadClass::Unclassified: return 40;
    case RoadClass::Residential: return 30;
    case RoadClass::Service: return 20;
    case RoadClass::Track: return 15;
    case RoadClass::MotorwayLink: return 50;
    case RoadClass::TrunkLink: return 45;
    case RoadClass::PrimaryLink: return 40;
    case RoadClass::SecondaryLink: return 35;
    case RoadClass::TertiaryLink: return 30;
    case RoadClass::RailMain: return 100;
    case RoadClass::RailBranch: return 80;
    case RoadClass::RailIndustrial: return 40;
    case RoadClass::RailYard: return 20;
    case RoadClass::RailOther: return 60;
    case RoadClass::LightRail: return 50;
    case RoadClass::Count: break;
  }
  return 30;
}

}  // namespace milmob
