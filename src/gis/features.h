#pragma once
// What the GDAL plugin reads from GIS layers, as plain data: lines with their attributes and
// the places among the points, in WGS84, in file, layer and feature order. Turning them into
// nodes and edges happens outside the plugin (gis/line_network.h).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/coord.h"
#include "gis/line_attributes.h"

namespace milmob::gis {

struct LineFeature {
  // One polyline per LineString; a MultiLineString gives one per part. At least two points each.
  std::vector<std::vector<geo::LonLat>> parts;
  LineAttributes attributes;
  std::uint32_t layer = 0;  // index into GisFeatures::layers
  std::int64_t fid = 0;     // the feature id in its layer, for messages
};

struct PlaceFeature {
  PlaceKind kind = PlaceKind::Port;
  geo::LonLat where;
  std::string name;
};

// What one mapping entry read from one layer.
struct LayerRead {
  std::string file, layer;
  std::uint64_t lines = 0;   // line features kept
  std::uint64_t places = 0;  // points with a place kind
  std::uint64_t skipped = 0;  // other geometries, empty ones, points without a place kind
};

struct GisFeatures {
  std::vector<LineFeature> lines;
  std::vector<PlaceFeature> places;
  std::vector<LayerRead> layers;
};

// Whether `milmob import` reads an input with GDAL rather than libosmium: by its extension
// (.geojson, .json, .gpkg, .shp, any case).
inline bool is_gis_path(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == "geojson" || ext == "json" || ext == "gpkg" || ext == "shp";
}

}  // namespace milmob::gis
