#include "osm/road_profile.h"

#include <charconv>
#include <fmt/format.h>

#include "common/error.h"

namespace milmob::osm {

std::optional<RoadClass> road_class_of(std::string_view h, bool include_minor) {
  static constexpr std::pair<std::string_view, RoadClass> kRoads[] = {
      {"motorway", RoadClass::Motorway},         {"trunk", RoadClass::Trunk},
      {"primary", RoadClass::Primary},           {"secondary", RoadClass::Secondary},
      {"tertiary", RoadClass::Tertiary},         {"unclassified", RoadClass::Unclassified},
      {"residential", RoadClass::Residential},   {"motorway_link", RoadClass::MotorwayLink},
      {"trunk_link", RoadClass::TrunkLink},      {"primary_link", RoadClass::PrimaryLink},
      {"secondary_link", RoadClass::SecondaryLink}, {"tertiary_link", RoadClass::TertiaryLink},
  };
  for (const auto& [name, c] : kRoads)
    if (h == name) return c;
  if (include_minor) {
    if (h == "service") return RoadClass::Service;
    if (h == "track") return RoadClass::Track;
  }
  return std::nullopt;
}

std::optional<RoadClass> rail_class_of(std::string_view railway, std::string_view usage, std::string_view service,
                                       bool include_light_rail) {
  if (railway == "light_rail") return include_light_rail ? std::optional(RoadClass::LightRail) : std::nullopt;
  if (railway != "rail") return std::nullopt;
  if (service == "yard" || service == "siding" || service == "spur" || service == "crossover")
    return RoadClass::RailYard;
  if (usage == "main") return RoadClass::RailMain;
  if (usage == "branch") return RoadClass::RailBranch;
  if (usage == "industrial" || usage == "military") return RoadClass::RailIndustrial;
  return RoadClass::RailOther;
}

bool is_strategic(RoadClass c) {
  switch (c) {
    case RoadClass::Motorway:
    case RoadClass::Trunk:
    case RoadClass::Primary:
    case RoadClass::MotorwayLink:
    case RoadClass::TrunkLink:
    case RoadClass::PrimaryLink:
    case RoadClass::RailMain: return true;
    default: return false;
  }
}

BridgeDefaults::BridgeDefaults() {
  auto set = [&](RoadClass c, float v) { mlc_[static_cast<std::size_t>(c)] = v; };
  mlc_.fill(kNoLimit);  // rail bridges carry no road load class
  set(RoadClass::Motorway, 80), set(RoadClass::MotorwayLink, 80);
  set(RoadClass::Trunk, 80), set(RoadClass::TrunkLink, 80);
  set(RoadClass::Primary, 60), set(RoadClass::PrimaryLink, 60);
  set(RoadClass::Secondary, 50), set(RoadClass::SecondaryLink, 50);
  set(RoadClass::Tertiary, 40), set(RoadClass::TertiaryLink, 40);
  set(RoadClass::Unclassified, 30), set(RoadClass::Residential, 30);
  set(RoadClass::Service, 16), set(RoadClass::Track, 16);
}

void BridgeDefaults::apply_overrides(std::string_view spec) {
  const std::string option = "--bridge-mlc";
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos)
      throw InputError(option, fmt::format("'{}': expected CLASS=MLC, e.g. primary=60", item));
    const std::string_view cls = item.substr(0, eq), val = item.substr(eq + 1);
    float v = 0;
    const auto [ptr, ec] = std::from_chars(val.data(), val.data() + val.size(), v);
    if (ec != std::errc{} || ptr != val.data() + val.size() || !(v > 0) || v > 200)
      throw InputError(option, fmt::format("'{}': expected a load class between 1 and 200", item));
    bool found = false;
    for (std::size_t i = 0; i < mlc_.size(); ++i)
      if (cls == road_class_name(static_cast<RoadClass>(i))) mlc_[i] = v, found = true;
    if (!found) throw InputError(option, fmt::format("'{}': unknown road class '{}'", item, cls));
  }
}

std::string BridgeDefaults::describe() const {
  std::string s;
  for (std::size_t i = 0; i < mlc_.size(); ++i)
    if (mlc_[i] != kNoLimit) s += fmt::format("{}{}={}", s.empty() ? "" : ",", road_class_name(static_cast<RoadClass>(i)), mlc_[i]);
  return s;
}

}  // namespace milmob::osm
