#pragma once
// How the fields of a user's GIS layers become network attributes: the mapping file given to
// `milmob import --mapping` (docs/import.md, "GIS layers"), or the native field names when there
// is none. Parsed here, outside the GDAL plugin, and handed to it as plain data.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gis/line_attributes.h"

namespace milmob::gis {

// Where one attribute's value comes from: a constant, or a field of the layer.
struct FieldRule {
  std::string field;     // the layer field read; empty for a constant
  std::string constant;  // the value of every feature, when field is empty (checked)
  // Field text -> attribute value (checked). Empty: the field's text is the value.
  std::map<std::string, std::string> values;
  // For a null or empty field, or a text missing from `values` (checked).
  std::optional<std::string> default_value;
  double scale = 1;  // multiplies numbers read from the field, not table values or defaults
  // Native names: a layer without the field is fine. A mapping file's fields must exist.
  bool optional_field = false;
  long line = 0;  // in the mapping file, for messages
};

// The rules for one layer (or every layer), from one entry of `layers:`.
struct LayerMapping {
  std::optional<std::string> layer;  // the layer name in the file; nullopt: every layer
  std::string where;                 // OGR SQL attribute filter; empty: every feature
  long where_line = 0;
  std::array<std::optional<FieldRule>, static_cast<std::size_t>(Attribute::Count)> rules;
  long line = 0;      // of the entry, in the mapping file
  std::string label;  // "layers[0]" or "native field names", for messages

  const std::optional<FieldRule>& rule(Attribute a) const { return rules[static_cast<std::size_t>(a)]; }
};

struct LineMapping {
  std::string file;  // the mapping file; empty for the native names
  double node_tolerance_m = 1.0;  // line ends closer than this become one node
  bool split_at_vertices = false;  // every vertex a node, not only the ends
  // Each entry reads the features of its layer (or of every layer) that pass its filter; a layer
  // that no entry names is not read. Two entries may read the same layer with different filters.
  std::vector<LayerMapping> layers;
};

// Every layer, every attribute read from the field of its native name when the layer has it.
LineMapping native_mapping();

// Reads a mapping file. Every mistake is reported at once in one InputError, one line each:
// "FILE:LINE: layers[0].speed_kmh.default: expected a number >= 0, got 'fast'".
LineMapping load_line_mapping(const std::string& path);
// The same from text in memory; `name` stands for the file in messages.
LineMapping parse_line_mapping(const std::string& text, const std::string& name);

}  // namespace milmob::gis
