#pragma once
// Named places for scenarios (`home: "Rukla"`, `port: "Vlissingen"`): the curated
// data/places.yaml (schema at the top of that file) first, then Natural Earth's populated
// places and ports. Names match without regard to case or Latin diacritics.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/coord.h"

namespace milmob::scenario {

struct Place {
  std::string name;
  std::vector<std::string> aliases;
  std::string kind;     // garrison | port | railhead | transshipment | border_crossing | assembly_area | airfield | city
  std::string country;  // ISO 3166 alpha-3; empty for Natural Earth ports (the layer has none)
  std::string source;   // public URL behind the entry
  geo::LonLat where;
  std::string origin;   // "curated" | "naturalearth-places" | "naturalearth-ports"
};

class PlaceTable {
 public:
  // Reads the curated YAML (every problem collected and thrown once as milmob::InputError,
  // one per line as "file:line: field: what was expected"), then the Natural Earth populated
  // places (fields name, nameascii, adm0_a3) and ports (field name) GeoJSON layers.
  static PlaceTable load(const std::string& curated_yaml, const std::string& ne_places_geojson,
                         const std::string& ne_ports_geojson);
  // The shipped data under data_dir() (common/data_path.h).
  static PlaceTable load_default();

  // Exact match on a name or alias after folding case and accents; a curated entry wins over
  // Natural Earth. With `kind` (e.g. "port"), only places of that kind match. nullptr if none.
  const Place* find(std::string_view name, std::string_view kind = {}) const;
  // Up to n known names closest to `name` by edit distance on the folded names, nearest first,
  // for "did you mean ...?"; names too far away to be a misspelling are left out.
  std::vector<std::string> suggest(std::string_view name, std::size_t n = 3) const;
  std::size_t size() const { return places_.size(); }
  const std::vector<Place>& all() const { return places_; }

 private:
  void add(Place place);

  std::vector<Place> places_;  // curated first, then Natural Earth places, then ports
  struct Key {
    std::string spelling;             // the first name or alias that folds to this key
    std::vector<std::size_t> places;  // indexes into places_, in load order
  };
  std::unordered_map<std::string, Key> index_;  // folded name or alias -> places
};

// Lower-cases ASCII and folds common Latin diacritics to ASCII (ė->e, ł->l, ß->ss, ...);
// other characters pass through unchanged. Surrounding whitespace is dropped.
std::string fold_name(std::string_view name);

}  // namespace milmob::scenario
