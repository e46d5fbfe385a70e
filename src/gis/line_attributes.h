#pragma once
// The attributes a GIS line or point brings to the network, the words that name their values,
// and the defaults where a layer is silent (docs/import.md, "GIS layers"). Plain C++: shared by
// the mapping file parser (no GDAL) and the layer reader in the GDAL plugin.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "network/network.h"

namespace milmob::gis {

// What one line feature says about the edges made from it, defaults applied.
struct LineAttributes {
  Mode mode = Mode::Road;
  RoadClass road_class = RoadClass::Primary;
  float speed_kmh = 0;
  std::optional<double> length_m;  // from the layer; else the geodesic length of the geometry
  bool oneway = false;
  EdgeLimits limits;
  std::uint16_t gauge_mm = 0;
  std::uint16_t flags = 0;  // edge_flag::kBridge, kTunnel, kElectrified
  std::string name;
};

// The attributes a mapping can fill, each with the type of its values.
enum class Attribute : std::uint8_t {
  Mode, Name, RoadClass, SpeedKmh, LengthM, Oneway, MaxWeightT, MaxAxleLoadT, MaxHeightM, MaxWidthM,
  MlcWheeled, MlcTracked, GaugeMm, Electrified, Bridge, Tunnel, PlaceKind, Count
};
enum class ValueType : std::uint8_t { Mode, RoadClass, PlaceKind, Number, WholeNumber, Bool, Text };

// The native name of an attribute: the field it is read from without a mapping, and its key in
// a mapping file ("speed_kmh").
const char* attribute_name(Attribute a);
std::optional<Attribute> attribute_named(std::string_view name);
ValueType value_type(Attribute a);

// Checks that text is a valid value for an attribute; returns what was expected otherwise
// ("expected a number", "expected one of road, rail, sea, transfer"). Numbers must be finite and
// >= 0; whole numbers (gauge) at most 65535. Words ignore case; surrounding blanks are ignored.
std::optional<std::string> check_value(Attribute a, std::string_view text);

// A finite number >= 0 (blanks around it allowed); nullopt for anything else.
std::optional<double> number_value(std::string_view text);

// Readers of checked text (check_value first: these assume it is valid).
Mode parse_mode(std::string_view text);
RoadClass parse_road_class(std::string_view text);
PlaceKind parse_place_kind(std::string_view text);
double parse_number(std::string_view text);
bool parse_bool(std::string_view text);  // true/false, yes/no, 1/0, y/n

// Whether a road class suits a mode: road classes for road, rail_* for rail, any for sea and
// transfer (which ignore it).
bool class_fits_mode(RoadClass c, Mode m);
// The class of a line whose layer gives none: primary road, main-line rail; unclassified for
// sea and transfer.
RoadClass default_road_class(Mode m);
// Speed where the layer gives none (km/h), our assumption: the OSM import's table for road and
// rail classes (so a stitched strategic road is no faster than its detailed twin), sea 30 (a
// RoRo ship), transfer 5 (loading at a railhead, port or airfield).
float default_speed_kmh(Mode m, RoadClass c);

}  // namespace milmob::gis
