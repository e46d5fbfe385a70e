#include "gis/plugin.h"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>

#include "common/error.h"

namespace milmob::gis {

namespace {

// The plugin lies next to the executable; $MILMOB_PLUGIN_DIR overrides (tests, installs).
std::string plugin_path() {
  if (const char* dir = std::getenv("MILMOB_PLUGIN_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/milmob-gdal.so";
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : exe.parent_path()) / "milmob-gdal.so";
}

void* plugin_handle() {
  static void* handle = [] {
    const std::string path = plugin_path();
    void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // kept open for the process
    if (h == nullptr) throw std::runtime_error("cannot load the GDAL plugin " + path + ": " + ::dlerror());
    return h;
  }();
  return handle;
}

template <class Fn>
Fn entry_point(const char* name) {
  auto* fn = reinterpret_cast<Fn>(::dlsym(plugin_handle(), name));
  if (fn == nullptr) throw std::runtime_error(std::string("the GDAL plugin ") + plugin_path() + " has no entry point " + name);
  return fn;
}

}  // namespace

std::unique_ptr<CountryLookup> load_countries(const std::string& path, const std::string& code_field) {
  static const auto load = entry_point<decltype(&milmob_gdal_load_countries)>("milmob_gdal_load_countries");
  std::string error;
  std::unique_ptr<CountryLookup> index(load(path.c_str(), code_field.c_str(), &error));
  if (!index) throw InputError(error);  // already names the file
  return index;
}

GisFeatures load_gis_features(const std::vector<std::string>& paths, const LineMapping& mapping) {
  static const auto read = entry_point<decltype(&milmob_gdal_read_features)>("milmob_gdal_read_features");
  GisFeatures features;
  std::string error;
  if (!read(&paths, &mapping, &features, &error)) throw InputError(error);  // already names the file
  return features;
}

void save_geopackage(const std::string& geojson, const std::string& path) {
  static const auto write = entry_point<decltype(&milmob_gdal_write_geopackage)>("milmob_gdal_write_geopackage");
  std::string error;
  if (!write(&geojson, path.c_str(), &error)) throw InputError(error);  // already names the file
}

}  // namespace milmob::gis
