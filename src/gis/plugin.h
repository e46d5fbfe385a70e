#pragma once
// GDAL and the ~110 shared libraries it pulls in cost ~30 ms at every process start. Only the
// import reads GIS layers, so GDAL lives in a plugin (milmob-gdal.so, next to the milmob
// binary) that the import loads when it needs it; route, info and vehicles start without it.
#include <memory>
#include <string>

#include "gis/country_lookup.h"

namespace milmob::gis {

// Loads a country layer through the plugin (see CountryIndex::load for the rules).
// Throws InputError naming the file for bad input, std::runtime_error if the plugin is missing.
std::unique_ptr<CountryLookup> load_countries(const std::string& path, const std::string& code_field);

}  // namespace milmob::gis

// The plugin's one entry point: a new CountryIndex, or nullptr with *error set.
extern "C" milmob::gis::CountryLookup* milmob_gdal_load_countries(const char* path, const char* code_field,
                                                                  std::string* error);
