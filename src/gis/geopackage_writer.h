#pragma once
// A plan's routes as a GeoPackage that QGIS opens: the features of routes.geojson
// (planning/plan_output.h) in one layer per mode of travel ("road", "rail", "sea", "air",
// "het") and one per kind of point ("night_stop", "border_crossing"), in WGS84.
#include <string>

namespace milmob::gis {

// Writes `geojson` (a FeatureCollection whose features carry a "kind" and, for routes, a "mode")
// to `path`, through a temporary file renamed into place: a failure leaves what was there.
// Throws InputError naming the file.
void write_geopackage(const std::string& geojson, const std::string& path);

}  // namespace milmob::gis
