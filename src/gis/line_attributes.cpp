#include "gis/line_attributes.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "common/suggest.h"

namespace milmob::gis {

namespace {

struct AttributeInfo {
  const char* name;
  ValueType type;
};

constexpr std::array<AttributeInfo, static_cast<std::size_t>(Attribute::Count)> kAttributes{{
    {"mode", ValueType::Mode},
    {"name", ValueType::Text},
    {"road_class", ValueType::RoadClass},
    {"speed_kmh", ValueType::Number},
    {"length_m", ValueType::Number},
    {"oneway", ValueType::Bool},
    {"max_weight_t", ValueType::Number},
    {"max_axle_load_t", ValueType::Number},
    {"max_height_m", ValueType::Number},
    {"max_width_m", ValueType::Number},
    {"mlc_wheeled", ValueType::Number},
    {"mlc_tracked", ValueType::Number},
    {"gauge_mm", ValueType::WholeNumber},
    {"electrified", ValueType::Bool},
    {"bridge", ValueType::Bool},
    {"tunnel", ValueType::Bool},
    {"place_kind", ValueType::PlaceKind},
}};

constexpr std::pair<std::string_view, Mode> kModes[] = {
    {"road", Mode::Road}, {"rail", Mode::Rail}, {"sea", Mode::Sea}, {"transfer", Mode::Transfer}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<Mode> mode_of(std::string_view text) {
  for (const auto& [name, mode] : kModes)
    if (equal_ignoring_case(text, name)) return mode;
  return std::nullopt;
}

std::optional<RoadClass> road_class_of(std::string_view text) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(RoadClass::Count); ++i)
    if (equal_ignoring_case(text, road_class_name(static_cast<RoadClass>(i)))) return static_cast<RoadClass>(i);
  return std::nullopt;
}

std::optional<PlaceKind> place_kind_of(std::string_view text) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(PlaceKind::Count); ++i)
    if (equal_ignoring_case(text, place_kind_name(static_cast<PlaceKind>(i)))) return static_cast<PlaceKind>(i);
  return std::nullopt;
}

std::optional<bool> bool_of(std::string_view text) {
  for (const char* yes : {"true", "yes", "1", "y"})
    if (equal_ignoring_case(text, yes)) return true;
  for (const char* no : {"false", "no", "0", "n"})
    if (equal_ignoring_case(text, no)) return false;
  return std::nullopt;
}

template <std::size_t N, class F>
std::string names_of(F name, std::size_t first = 0) {
  std::string s;
  for (std::size_t i = first; i < N; ++i) s += (s.empty() ? "" : ", ") + std::string(name(i));
  return s;
}

}  // namespace

std::optional<double> number_value(std::string_view raw) {
  const std::string_view text = trim(raw);
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v) || v < 0) return std::nullopt;
  return v + 0.0;  // no -0
}

const char* attribute_name(Attribute a) { return kAttributes.at(static_cast<std::size_t>(a)).name; }

std::optional<Attribute> attribute_named(std::string_view name) {
  for (std::size_t i = 0; i < kAttributes.size(); ++i)
    if (name == kAttributes[i].name) return static_cast<Attribute>(i);
  return std::nullopt;
}

ValueType value_type(Attribute a) { return kAttributes.at(static_cast<std::size_t>(a)).type; }

std::optional<std::string> check_value(Attribute a, std::string_view raw) {
  const std::string_view text = trim(raw);
  switch (value_type(a)) {
    case ValueType::Mode:
      if (mode_of(text)) return std::nullopt;
      return "expected one of road, rail, sea, transfer";
    case ValueType::RoadClass:
      if (road_class_of(text)) return std::nullopt;
      return "expected a road class: one of " +
             names_of<static_cast<std::size_t>(RoadClass::Count)>([](std::size_t i) {
               return road_class_name(static_cast<RoadClass>(i));
             });
    case ValueType::PlaceKind:
      if (place_kind_of(text)) return std::nullopt;
      return "expected a place kind: one of " + names_of<static_cast<std::size_t>(PlaceKind::Count)>([](std::size_t i) {
               return place_kind_name(static_cast<PlaceKind>(i));
             });
    case ValueType::Number:
      if (number_value(text)) return std::nullopt;
      return "expected a number >= 0";
    case ValueType::WholeNumber: {
      const auto v = number_value(text);
      if (v && *v <= 65535 && std::floor(*v) == *v) return std::nullopt;
      return "expected a whole number from 0 to 65535";
    }
    case ValueType::Bool:
      if (bool_of(text)) return std::nullopt;
      return "expected true or false (also yes/no, 1/0, y/n)";
    case ValueType::Text: return std::nullopt;
  }
  return "expected a value";
}

Mode parse_mode(std::string_view text) { return mode_of(trim(text)).value(); }
RoadClass parse_road_class(std::string_view text) { return road_class_of(trim(text)).value(); }
PlaceKind parse_place_kind(std::string_view text) { return place_kind_of(trim(text)).value(); }
double parse_number(std::string_view text) { return number_value(text).value(); }
bool parse_bool(std::string_view text) { return bool_of(trim(text)).value(); }

bool class_fits_mode(RoadClass c, Mode m) {
  const bool rail = c >= RoadClass::RailMain;
  switch (m) {
    case Mode::Road: return !rail;
    case Mode::Rail: return rail;
    default: return true;
  }
}

RoadClass default_road_class(Mode m) {
  switch (m) {
    case Mode::Road: return RoadClass::Primary;
    case Mode::Rail: return RoadClass::RailMain;
    default: return RoadClass::Unclassified;
  }
}

float default_speed_kmh(Mode m, RoadClass c) {
  if (m == Mode::Sea) return 30;       // a RoRo ship at about 16 knots
  if (m == Mode::Transfer) return 5;   // loading and unloading, walking pace
  return milmob::default_speed_kmh(c);  // road and rail: as the OSM import (network.h)
}

}  // namespace milmob::gis
