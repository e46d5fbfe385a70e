#pragma once
// Reads the lines and places of GIS files (GeoJSON, GeoPackage, Shapefile, any GDAL vector
// format) as a mapping says, reprojected to WGS84. Linked into the GDAL plugin; the command
// reaches it through gis/plugin.h.
#include <string>
#include <vector>

#include "gis/features.h"
#include "gis/line_mapping.h"

namespace milmob::gis {

// How many unreadable feature values one error lists before "and N more".
constexpr std::size_t kMaxListedValueErrors = 20;

// LineString and MultiLineString features (curves are linearised) become lines; Point and
// MultiPoint features with a place kind become places; other geometries are skipped and
// counted. Throws InputError naming the file for a missing or unreadable file, a mapped field
// missing from a layer (listing the fields it has), a bad `where` filter, a mapping entry whose
// layer no file has, a file that yields neither lines nor places, and for feature values that
// cannot be read (file, layer, feature id, field and value of each; all collected first).
GisFeatures read_features(const std::vector<std::string>& paths, const LineMapping& mapping);

}  // namespace milmob::gis
