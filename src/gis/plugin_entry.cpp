// Built into the plugin milmob-gdal.so only.
#include <exception>

#include "gis/countries.h"
#include "gis/feature_reader.h"
#include "gis/geopackage_writer.h"
#include "gis/plugin.h"

extern "C" milmob::gis::CountryLookup* milmob_gdal_load_countries(const char* path, const char* code_field,
                                                                  std::string* error) {
  try {
    return new milmob::gis::CountryIndex(milmob::gis::CountryIndex::load(path, code_field));
  } catch (const std::exception& e) {
    *error = e.what();
    return nullptr;
  }
}

extern "C" bool milmob_gdal_read_features(const std::vector<std::string>* paths,
                                          const milmob::gis::LineMapping* mapping, milmob::gis::GisFeatures* out,
                                          std::string* error) {
  try {
    *out = milmob::gis::read_features(*paths, *mapping);
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

extern "C" bool milmob_gdal_write_geopackage(const std::string* geojson, const char* path, std::string* error) {
  try {
    milmob::gis::write_geopackage(*geojson, path);
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}
