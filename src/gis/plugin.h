#pragma once
// GDAL and the ~110 shared libraries it pulls in cost ~30 ms at every process start. Only the
// import reads GIS layers and only plan writes a GeoPackage, so GDAL lives in a plugin
// (milmob-gdal.so, next to the milmob binary) loaded when needed; route, info and vehicles
// start without it.
#include <memory>
#include <string>
#include <vector>

#include "gis/country_lookup.h"
#include "gis/features.h"
#include "gis/line_mapping.h"

namespace milmob::gis {

// Loads a country layer through the plugin (see CountryIndex::load for the rules).
// Throws InputError naming the file for bad input, std::runtime_error if the plugin is missing.
std::unique_ptr<CountryLookup> load_countries(const std::string& path, const std::string& code_field);

// Reads GIS line layers through the plugin (see read_features in gis/feature_reader.h).
// Throws InputError naming the file for bad input, std::runtime_error if the plugin is missing.
GisFeatures load_gis_features(const std::vector<std::string>& paths, const LineMapping& mapping);

// Writes a GeoPackage through the plugin (see write_geopackage in gis/geopackage_writer.h).
// Throws InputError naming the file, std::runtime_error if the plugin is missing.
void save_geopackage(const std::string& geojson, const std::string& path);

}  // namespace milmob::gis

// The plugin's entry points. Errors cross the boundary as text, never as exceptions.
// A new CountryIndex, or nullptr with *error set.
extern "C" milmob::gis::CountryLookup* milmob_gdal_load_countries(const char* path, const char* code_field,
                                                                  std::string* error);
// Returns true, or false with *error set.
extern "C" bool milmob_gdal_write_geopackage(const std::string* geojson, const char* path, std::string* error);
// Fills *out and returns true, or returns false with *error set.
extern "C" bool milmob_gdal_read_features(const std::vector<std::string>* paths,
                                          const milmob::gis::LineMapping* mapping, milmob::gis::GisFeatures* out,
                                          std::string* error);
// Returns true, or false with *error set.
extern "C" bool milmob_gdal_write_geopackage(const std::string* geojson, const char* path, std::string* error);
