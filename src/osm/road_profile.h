#pragma once
// Which OSM ways become network edges, and the defaults applied where tags are silent.
// The tables are documented in docs/import.md; every default is an assumption of ours.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "network/network.h"

namespace milmob::osm {

// highway=* value -> road class; nullopt for ways that are not imported.
// service and track only with include_minor.
std::optional<RoadClass> road_class_of(std::string_view highway, bool include_minor);

// railway=rail (and light_rail when asked) with usage=* / service=* -> track kind.
std::optional<RoadClass> rail_class_of(std::string_view railway, std::string_view usage, std::string_view service,
                                       bool include_light_rail);

// The strategic network (`milmob import --strategic`): motorway, trunk and primary roads with
// their links, and main-line rail (usage=main). For country-size extracts that feed a
// Europe-wide layer.
bool is_strategic(RoadClass c);

// Default bridge load class (MLC) for a bridge without any tagged weight or MLC limit, by road
// class (DOMAIN.md: motorway/trunk 80, primary 60, secondary 50, tertiary 40,
// unclassified/residential 30, service/track 16). Links take their road's class.
class BridgeDefaults {
 public:
  BridgeDefaults();
  float mlc(RoadClass c) const { return mlc_[static_cast<std::size_t>(c)]; }
  // Overrides from "motorway=80,primary=60,..." (class names as in road_class_name()).
  // Throws InputError naming the option and the bad entry.
  void apply_overrides(std::string_view spec);
  std::string describe() const;

 private:
  std::array<float, static_cast<std::size_t>(RoadClass::Count)> mlc_{};
};

}  // namespace milmob::osm
