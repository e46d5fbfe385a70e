#include "gis/plugin.h"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>

#include "common/error.h"

namespace milmob::gis {

namespace {

using LoadFn = CountryLookup* (*)(const char*, const char*, std::string*);

// The plugin lies next to the executable; $MILMOB_PLUGIN_DIR overrides (tests, installs).
std::string plugin_path() {
  if (const char* dir = std::getenv("MILMOB_PLUGIN_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/milmob-gdal.so";
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : exe.parent_path()) / "milmob-gdal.so";
}

LoadFn load_entry() {
  static LoadFn fn = [] {
    const std::string path = plugin_path();
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // kept open for the process
    if (handle == nullptr) throw std::runtime_error("cannot load the GDAL plugin " + path + ": " + ::dlerror());
    auto* entry = reinterpret_cast<LoadFn>(::dlsym(handle, "milmob_gdal_load_countries"));
    if (entry == nullptr) throw std::runtime_error("the GDAL plugin " + path + " has no entry point");
    return entry;
  }();
  return fn;
}

}  // namespace

std::unique_ptr<CountryLookup> load_countries(const std::string& path, const std::string& code_field) {
  std::string error;
  std::unique_ptr<CountryLookup> index(load_entry()(path.c_str(), code_field.c_str(), &error));
  if (!index) throw InputError(error);  // already names the file
  return index;
}

}  // namespace milmob::gis
