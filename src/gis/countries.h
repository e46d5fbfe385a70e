#pragma once
// Which country a point lies in. Import tags every network node with its country so that border
// crossings are edges whose two ends differ. The polygons come from any GDAL vector source;
// the shipped data is Natural Earth 1:50m (data/naturalearth/).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "geo/coord.h"
#include "gis/country_lookup.h"

namespace milmob::gis {

constexpr std::uint16_t kNoCountry = 0xFFFF;

// An immutable index of country polygons. Countries are numbered 0..size()-1 in order of their
// code, so the numbers only change when the set of codes does. Copies share the polygons.
class CountryIndex final : public CountryLookup {
 public:
  static constexpr double kDefaultMaxFallbackM = 2000.0;

  // Reads the first layer of a polygon dataset (GeoJSON, GeoPackage, Shapefile...), reprojected to
  // WGS84 if it declares another CRS. code_field holds the country code: Natural Earth's ADM0_A3 by
  // default, because its ISO_A3 is "-99" for France and Norway. Features sharing a code become one
  // country, named after the first of them. Throws InputError naming the file when it is missing or
  // unreadable, is not a vector dataset, has no layer, lacks either field, a feature has no code, or
  // the layer holds no polygons.
  static CountryIndex load(const std::string& path, const std::string& code_field = "ADM0_A3",
                           const std::string& name_field = "NAME");

  // The country containing p. Failing that (p on the coast or near a border, which a coarse dataset
  // misses by up to a few hundred metres), the country whose border is nearest to p if it is within
  // the fallback distance. Else kNoCountry. Where polygons overlap, the lowest index wins.
  // Thread-safe: lookup() only reads.
  std::uint16_t lookup(const geo::LonLat& p) const override;

  std::size_t size() const override;
  const std::string& code(std::uint16_t i) const override;  // "FRA"; throws std::out_of_range past size()
  const std::string& name(std::uint16_t i) const;  // "France"
  std::optional<std::uint16_t> find(std::string_view code) const;

  // How far from every border a point may be and still get the nearest country (default 2 km).
  // Throws std::invalid_argument unless m is finite and >= 0.
  void set_max_fallback_m(double m);

  struct Data;  // polygons and their search trees, defined in countries.cpp

 private:
  explicit CountryIndex(std::shared_ptr<const Data> data);

  std::shared_ptr<const Data> data_;
  double max_fallback_m_ = kDefaultMaxFallbackM;
};

}  // namespace milmob::gis
