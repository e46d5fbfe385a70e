// Built into the plugin milmob-gdal.so only.
#include <exception>

#include "gis/countries.h"
#include "gis/plugin.h"

extern "C" milmob::gis::CountryLookup* milmob_gdal_load_countries(const char* path, const char* code_field,
                                                                  std::string* error) {
  // Errors cross the plugin boundary as text, not as exceptions.
  try {
    return new milmob::gis::CountryIndex(milmob::gis::CountryIndex::load(path, code_field));
  } catch (const std::exception& e) {
    *error = e.what();
    return nullptr;
  }
}
