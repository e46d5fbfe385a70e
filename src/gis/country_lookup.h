#pragma once
// The country of a point, as the import needs it. An interface, so that the command can get a
// CountryIndex from the GDAL plugin (gis/plugin.h) without linking GDAL itself.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/coord.h"

namespace milmob::gis {

class CountryLookup {
 public:
  virtual ~CountryLookup() = default;
  // Index of the country of p, or 0xFFFF when none.
  virtual std::uint16_t lookup(const geo::LonLat& p) const = 0;
  virtual std::size_t size() const = 0;
  virtual const std::string& code(std::uint16_t i) const = 0;
};

}  // namespace milmob::gis
