#include "osm/way_attributes.h"

#include <cstring>
#include <limits>
#include <optional>

namespace milmob::osm {

namespace {

// A parsed value as the network stores it: a float. A value beyond float's range
// ("maxspeed=1e300") is no figure a sign shows, and is reported like any unreadable value.
std::optional<float> as_float(const ParsedValue& p) {
  if (p.kind != ParsedValue::Kind::Value || !(p.value <= std::numeric_limits<float>::max())) return std::nullopt;
  return static_cast<float>(p.value);
}

// The first of `keys` that is tagged, parsed as a limit. Physical variants come first: they are
// what the vehicle meets (maxheight:physical is the real clearance, maxheight the signed one).
float limit_from(const TagLookup& tag, std::initializer_list<const char*> keys,
                 ParsedValue (*parse)(std::string_view), const UnparsedSink& unparsed) {
  for (const char* key : keys) {
    const char* v = tag(key);
    if (v == nullptr) continue;
    const ParsedValue p = parse(v);
    if (const auto x = as_float(p)) return *x;
    if (p.kind == ParsedValue::Kind::NoLimit) return kNoLimit;
    unparsed(key, v);
  }
  return kNoLimit;
}

std::int8_t layer_of(const TagLookup& tag, const UnparsedSink& unparsed) {
  const char* v = tag("layer");
  if (v == nullptr) return 0;
  if (const auto l = parse_layer(v)) return static_cast<std::int8_t>(*l);
  unparsed("layer", v);
  return 0;
}

// maxspeed where tagged and readable ("none" keeps the default), else the class default.
float speed_of(const TagLookup& tag, RoadClass cls, const UnparsedSink& unparsed) {
  if (const char* v = tag("maxspeed")) {
    const ParsedValue p = parse_speed_kmh(v);
    if (const auto x = as_float(p)) return *x;
    if (p.kind != ParsedValue::Kind::NoLimit) unparsed("maxspeed", v);
  }
  return default_speed_kmh(cls);
}

bool is_yes(const TagLookup& tag, const char* key) {
  const char* v = tag(key);
  return v != nullptr && parse_yes(v);
}

// Legal access for heavy vehicles: the most specific tag wins (hgv, then motor_vehicle, then
// vehicle, then access). Our rule for military traffic under a movement credit: legal
// restrictions are recorded and reported on the route, never enforced (DOMAIN.md).
std::uint16_t access_flags(const TagLookup& tag) {
  for (const char* key : {"hgv", "motor_vehicle", "vehicle", "access"}) {
    const char* v = tag(key);
    if (v == nullptr) continue;
    switch (parse_access(v)) {
      case Access::No:
      case Access::Private: return edge_flag::kHgvForbidden;
      case Access::Destination: return edge_flag::kAccessDestination;
      case Access::Military: return edge_flag::kMilitaryAccess;
      case Access::Yes: return 0;
      case Access::Unknown: continue;
    }
  }
  return 0;
}

}  // namespace

WayAttributes road_attributes(const TagLookup& tag, RoadClass cls, const BridgeDefaults& defaults,
                              const UnparsedSink& unparsed) {
  WayAttributes a;
  a.speed_kmh = speed_of(tag, cls, unparsed);

  Oneway oneway = Oneway::Unknown;
  if (const char* v = tag("oneway")) {
    oneway = parse_oneway(v);
    if (oneway == Oneway::Unknown) unparsed("oneway", v);
  }
  const char* junction = tag("junction");
  const bool roundabout = junction != nullptr && (std::strcmp(junction, "roundabout") == 0 || std::strcmp(junction, "circular") == 0);
  if (oneway == Oneway::Unknown && (roundabout || cls == RoadClass::Motorway || cls == RoadClass::MotorwayLink))
    oneway = Oneway::Forward;  // implied (OSM wiki, Key:oneway)
  a.forward = oneway != Oneway::Backward;
  a.backward = oneway != Oneway::Forward;
  if (roundabout) a.flags |= edge_flag::kRoundabout;

  EdgeLimits& l = a.limits;
  l.max_weight_t = limit_from(tag, {"maxweight", "maxweightrating", "maxweight:hgv"}, parse_weight_t, unparsed);
  l.max_axle_load_t = limit_from(tag, {"maxaxleload"}, parse_weight_t, unparsed);
  l.max_height_m = limit_from(tag, {"maxheight:physical", "maxheight"}, parse_length_m, unparsed);
  l.max_width_m = limit_from(tag, {"maxwidth:physical", "maxwidth"}, parse_length_m, unparsed);
  const float mlc = limit_from(tag, {"mlc"}, parse_mlc, unparsed);
  l.mlc_wheeled = limit_from(tag, {"mlc:wheeled"}, parse_mlc, unparsed);
  l.mlc_tracked = limit_from(tag, {"mlc:tracked"}, parse_mlc, unparsed);
  if (l.mlc_wheeled == kNoLimit) l.mlc_wheeled = mlc;
  if (l.mlc_tracked == kNoLimit) l.mlc_tracked = mlc;

  if (is_yes(tag, "bridge")) {
    a.flags |= edge_flag::kBridge;
    const bool load_tagged = l.max_weight_t != kNoLimit || l.max_axle_load_t != kNoLimit ||
                             l.mlc_wheeled != kNoLimit || l.mlc_tracked != kNoLimit;
    if (!load_tagged) {
      l.mlc_wheeled = l.mlc_tracked = defaults.mlc(cls);
      if (l.mlc_wheeled != kNoLimit) a.flags |= edge_flag::kMlcDefaulted;
    }
  }
  if (is_yes(tag, "tunnel")) a.flags |= edge_flag::kTunnel;
  a.flags |= access_flags(tag);
  a.layer = layer_of(tag, unparsed);
  return a;
}

WayAttributes rail_attributes(const TagLookup& tag, RoadClass cls, const UnparsedSink& unparsed) {
  WayAttributes a;
  a.speed_kmh = speed_of(tag, cls, unparsed);
  if (const char* v = tag("gauge")) {
    std::vector<int> g = parse_gauge_mm(v);
    // The network stores a gauge in 16 bits; "gauge=66971" is a typo, not a gauge of 67 m.
    std::erase_if(g, [](int mm) { return mm > std::numeric_limits<std::uint16_t>::max(); });
    if (g.empty()) unparsed("gauge", v);
    if (!g.empty()) a.gauge_mm = static_cast<std::uint16_t>(g[0]);
    if (g.size() > 1) a.gauge2_mm = static_cast<std::uint16_t>(g[1]);
  }
  if (const char* v = tag("electrified"); v != nullptr && std::strcmp(v, "no") != 0) a.flags |= edge_flag::kElectrified;
  if (is_yes(tag, "bridge")) a.flags |= edge_flag::kBridge;
  if (is_yes(tag, "tunnel")) a.flags |= edge_flag::kTunnel;
  a.limits.max_axle_load_t = limit_from(tag, {"maxaxleload"}, parse_weight_t, unparsed);
  a.layer = layer_of(tag, unparsed);
  return a;
}

}  // namespace milmob::osm
