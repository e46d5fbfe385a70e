#pragma once
// Turns the tags of one road or rail way into edge attributes.
#include <functional>
#include <string_view>

#include "network/network.h"
#include "osm/road_profile.h"
#include "osm/tag_parsers.h"

namespace milmob::osm {

// Read access to a way's tags: nullptr when absent.
using TagLookup = std::function<const char*(const char* key)>;
// Called for a tag value that could not be read.
using UnparsedSink = std::function<void(const char* key, std::string_view value)>;

struct WayAttributes {
  float speed_kmh = 0;
  std::uint16_t flags = 0;
  EdgeLimits limits;
  bool forward = true, backward = true;  // directions of travel allowed
  std::int8_t layer = 0;
  std::uint16_t gauge_mm = 0, gauge2_mm = 0;
};

WayAttributes road_attributes(const TagLookup& tag, RoadClass cls, const BridgeDefaults& defaults,
                              const UnparsedSink& unparsed);
WayAttributes rail_attributes(const TagLookup& tag, RoadClass cls, const UnparsedSink& unparsed);

}  // namespace milmob::osm
