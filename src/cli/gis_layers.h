#pragma once
// Reading GIS line layers into a network being built, and joining them to an OSM region: shared
// by `import` and by `check` (which builds a scenario's network to see what it reaches).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gis/line_mapping.h"
#include "gis/line_network.h"
#include "gis/plugin.h"
#include "network/builder.h"
#include "network/stitch.h"

namespace milmob::cli {

// What the GIS part of an import read and built.
struct GisImport {
  std::vector<std::string> inputs;
  gis::LineMapping mapping;
  gis::GisFeatures features;
  gis::LineNetworkReport network;
  std::optional<StitchReport> stitch;
};

nlohmann::json gis_json(const GisImport& g);
std::string gis_text(const GisImport& g);

// Reads the layers of g.inputs through the GDAL plugin, with the mapping file (none: the
// native attribute names).
void read_gis_layers(GisImport& g, const std::string& mapping_path, bool progress);

// Adds the lines read after what the builder holds, and stitches the two together when
// `stitch_to_osm` (the builder held an OSM region).
void add_gis_layers(GisImport& g, NetworkBuilder& builder, bool stitch_to_osm, double stitch_radius_m);

}  // namespace milmob::cli
