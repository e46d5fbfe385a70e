#include "scenario/places.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "common/data_path.h"
#include "common/error.h"
#include "common/suggest.h"
#include "common/yaml_input.h"

namespace milmob::scenario {
namespace {

constexpr std::array<std::string_view, 8> kKinds{"garrison",      "port",          "railhead", "transshipment",
                                                 "border_crossing", "assembly_area", "airfield", "city"};
constexpr std::string_view kKindList =
    "garrison, port, railhead, transshipment, border_crossing, assembly_area, airfield or city";
constexpr std::string_view kPlaceKeys = "name, aliases, kind, country, lon, lat, source, notes";
constexpr std::string_view kNaturalEarthSource = "https://www.naturalearthdata.com/";

// --- Folding ---------------------------------------------------------------------------------

// Latin-1 Supplement and Latin Extended-A (plus Romanian comma-below letters) mapped to ASCII;
// enough for the place names of Europe that Natural Earth and our YAML spell with accents.
struct Fold {
  char32_t first, last;
  std::string_view ascii;
};
constexpr std::array<Fold, 48> kFolds{{
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},  {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},   {0xCC, 0xCF, "i"},
    {0xD0, 0xD0, "d"},   {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},   {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},
    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},  {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},   {0xE6, 0xE6, "ae"},
    {0xE7, 0xE7, "c"},   {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},   {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},   {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},   {0xFE, 0xFE, "th"},
    {0xFF, 0xFF, "y"},   {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},
    {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"},
    {0x176, 0x178, "y"}, {0x179, 0x17E, "z"}, {0x218, 0x21B, "st"},
}};

std::string_view fold_code_point(char32_t c) {
  for (const Fold& f : kFolds) {
    if (c < f.first || c > f.last) continue;
    // U+0218..U+021B are Ș ș Ț ț: two letters in one range.
    if (f.first == 0x218) return c < 0x21A ? std::string_view("s") : std::string_view("t");
    return f.ascii;
  }
  return {};
}

// Length of the UTF-8 sequence starting with `lead`, 0 if it is not a lead byte.
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

// --- Curated YAML ----------------------------------------------------------------------------

// Reads the curated file, collecting every problem instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::string file) : errors_(std::move(file)) {}

  std::vector<Place> read(const YAML::Node& root);
  const InputErrors& errors() const { return errors_; }

 private:
  struct Context {
    std::size_t index;
    long line;
    std::string name;
    std::map<std::string, long, std::less<>> key_lines;
  };

  void error(long line, const std::string& field, const std::string& message) { errors_.add(line, field, message); }
  void error(const Context& c, long line, std::string_view key, const std::string& message) {
    const std::string field = fmt::format("places[{}].{}", c.index, key);
    error(line, field, c.name.empty() ? message : fmt::format("{} (place \"{}\")", message, c.name));
  }

  std::optional<Place> read_place(const YAML::Node& node, std::size_t index);
  void read_field(Context& c, Place& p, std::string_view key, const YAML::Node& value, long line);
  std::optional<std::string> read_text(const Context& c, std::string_view key, const YAML::Node& value, long line);
  std::optional<double> read_degrees(const Context& c, std::string_view key, const YAML::Node& value, long line,
                                     double limit);
  void check_required(const Context& c);
  void check_unique(const Context& c, const Place& p);

  InputErrors errors_;
  struct Owner {
    std::string name;
    long line;
  };
  std::map<std::string, Owner> names_;  // folded name or alias -> first user
};

std::vector<Place> Reader::read(const YAML::Node& root) {
  std::vector<Place> out;
  const YAML::Node list = top_level_list(root, "places", errors_);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto p = read_place(list[i], i)) out.push_back(std::move(*p));
  }
  return out;
}

std::optional<Place> Reader::read_place(const YAML::Node& node, std::size_t index) {
  Context c{index, yaml_line(node, 1), {}, {}};
  if (!node.IsMap()) {
    error(c.line, fmt::format("places[{}]", index), fmt::format("expected a mapping ({}), got {}", kPlaceKeys, yaml_describe(node)));
    return std::nullopt;
  }
  // The name first, so every other message can say which place it is about.
  if (const YAML::Node name = node["name"]; name.IsDefined() && name.IsScalar()) c.name = name.Scalar();

  Place p;
  p.origin = "curated";
  p.where = {std::nan(""), std::nan("")};
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const long line = yaml_line(kv.first, c.line);
    if (!c.key_lines.emplace(key, line).second) {
      error(c, line, key, "given twice");
      continue;
    }
    read_field(c, p, key, kv.second, line);
  }
  check_required(c);
  check_unique(c, p);
  return p;
}

void Reader::read_field(Context& c, Place& p, std::string_view key, const YAML::Node& value, long line) {
  if (key == "name") {
    if (auto s = read_text(c, key, value, line)) p.name = *s;
  } else if (key == "aliases") {
    if (value.IsNull()) return;
    if (!value.IsSequence()) {
      error(c, line, key, fmt::format("expected a list of names, got {}", yaml_describe(value)));
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto s = read_text(c, fmt::format("aliases[{}]", i), value[i], yaml_line(value[i], line))) p.aliases.push_back(*s);
    }
  } else if (key == "kind") {
    auto s = read_text(c, key, value, line);
    if (s && std::find(kKinds.begin(), kKinds.end(), *s) == kKinds.end())
      error(c, line, key, fmt::format("unknown kind '{}'; expected one of {}", *s, kKindList));
    else if (s)
      p.kind = *s;
  } else if (key == "country") {
    auto s = read_text(c, key, value, line);
    const auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
    if (s && (s->size() != 3 || !std::all_of(s->begin(), s->end(), upper)))
      error(c, line, key, fmt::format("expected an ISO 3166 alpha-3 code such as LTU, got '{}'", *s));
    else if (s)
      p.country = *s;
  } else if (key == "lon") {
    if (auto x = read_degrees(c, key, value, line, 180.0)) p.where.lon = *x;
  } else if (key == "lat") {
    if (auto x = read_degrees(c, key, value, line, 90.0)) p.where.lat = *x;
  } else if (key == "source") {
    auto s = read_text(c, key, value, line);
    if (s && !is_http_url(*s))
      error(c, line, key, fmt::format("expected a public http(s) URL, got '{}'", *s));
    else if (s)
      p.source = *s;
  } else if (key == "notes") {
    if (!value.IsNull()) read_text(c, key, value, line);  // free text, for readers of the file only
  } else {
    error(c, line, key.empty() ? "?" : key, fmt::format("unknown field; expected one of {}", kPlaceKeys));
  }
}

std::optional<std::string> Reader::read_text(const Context& c, std::string_view key, const YAML::Node& value, long line) {
  if (!value.IsScalar() || value.Scalar().find_first_not_of(" \t") == std::string::npos) {
    error(c, line, key, fmt::format("expected a non-empty text, got {}", yaml_describe(value)));
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<double> Reader::read_degrees(const Context& c, std::string_view key, const YAML::Node& value, long line,
                                           double limit) {
  double x = 0;
  const bool numeric = value.IsScalar() && YAML::convert<double>::decode(value, x) && std::isfinite(x);
  if (!numeric || x < -limit || x > limit) {
    error(c, line, key, fmt::format("expected WGS84 degrees from {} to {}, got {}", -limit, limit, yaml_describe(value)));
    return std::nullopt;
  }
  return x;
}

void Reader::check_required(const Context& c) {
  const auto missing = [&](std::string_view key, std::string_view expected) {
    if (!c.key_lines.contains(key)) error(c, c.line, key, fmt::format("missing; expected {}", expected));
  };
  missing("name", "a unique name");
  missing("kind", fmt::format("one of {}", kKindList));
  missing("country", "an ISO 3166 alpha-3 code such as LTU");
  missing("lon", "WGS84 longitude in degrees");
  missing("lat", "WGS84 latitude in degrees");
  missing("source", "a public http(s) URL for the coordinates or the fact");
}

// Names and aliases share one namespace, compared folded, since find() matches either.
void Reader::check_unique(const Context& c, const Place& p) {
  const auto claim = [&](const std::string& n, std::string_view key, long line) {
    const auto [it, fresh] = names_.emplace(fold_name(n), Owner{p.name, line});
    if (!fresh)
      error(c, line, key, fmt::format("duplicate name '{}': already used by \"{}\" at line {}", n, it->second.name, it->second.line));
  };
  if (!p.name.empty()) claim(p.name, "name", c.key_lines.at("name"));
  const long alias_line = c.key_lines.contains("aliases") ? c.key_lines.at("aliases") : c.line;
  for (std::size_t i = 0; i < p.aliases.size(); ++i) claim(p.aliases[i], fmt::format("aliases[{}]", i), alias_line);
}

std::vector<Place> read_curated(const std::string& path) {
  const YAML::Node root = load_yaml_file(path, "the places file");
  Reader reader(path);
  auto places = reader.read(root);
  reader.errors().throw_if_any();
  return places;
}

// --- Natural Earth GeoJSON -------------------------------------------------------------------

std::string text_property(const nlohmann::json& properties, const char* key) {
  const auto it = properties.find(key);
  return it != properties.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Point features of a Natural Earth layer: `name_key` (and `ascii_key`, if given, as an alias)
// name the place; `country_key`, if given, holds its ADM0_A3 code. GeoJSON carries no line
// numbers, so problems name the feature index instead.
std::vector<Place> read_natural_earth(const std::string& path, std::string_view origin, std::string_view kind,
                                      const char* name_key, const char* ascii_key, const char* country_key) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the Natural Earth layer");
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path, fmt::format("not valid JSON: {}", e.what()));
  }
  const auto features = root.find("features");
  if (!root.is_object() || features == root.end() || !features->is_array())
    throw InputError(path, "features: expected a GeoJSON FeatureCollection");

  std::vector<Place> out;
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const nlohmann::json& f = (*features)[i];
    const nlohmann::json properties = f.value("properties", nlohmann::json::object());
    const nlohmann::json geometry = f.value("geometry", nlohmann::json::object());
    const nlohmann::json coords = geometry.value("coordinates", nlohmann::json::array());
    Place p;
    p.name = text_property(properties, name_key);
    if (p.name.empty()) {
      errors.push_back(fmt::format("{}: features[{}].properties.{}: expected a name", path, i, name_key));
      continue;
    }
    if (geometry.value("type", "") != "Point" || coords.size() < 2 || !coords[0].is_number() || !coords[1].is_number()) {
      errors.push_back(fmt::format("{}: features[{}].geometry: expected a Point (place \"{}\")", path, i, p.name));
      continue;
    }
    p.where = {coords[0].get<double>(), coords[1].get<double>()};
    if (!geo::is_valid(p.where)) {
      errors.push_back(fmt::format("{}: features[{}].geometry: coordinates out of range (place \"{}\")", path, i, p.name));
      continue;
    }
    if (ascii_key != nullptr) {
      const std::string ascii = text_property(properties, ascii_key);
      if (!ascii.empty() && ascii != p.name) p.aliases.push_back(ascii);
    }
    if (country_key != nullptr) p.country = text_property(properties, country_key);
    p.kind = kind;
    p.source = kNaturalEarthSource;
    p.origin = origin;
    out.push_back(std::move(p));
  }
  if (!errors.empty()) throw InputError(fmt::format("{}", fmt::join(errors, "\n")));
  return out;
}

}  // namespace

std::string fold_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    const auto lead = static_cast<unsigned char>(name[i]);
    const std::size_t length = utf8_length(lead);
    if (length == 1) {
      out += static_cast<char>(lead >= 'A' && lead <= 'Z' ? lead - 'A' + 'a' : lead);
      ++i;
      continue;
    }
    if (length == 0 || i + length > name.size()) {  // not UTF-8: keep the byte as it is
      out += name[i];
      ++i;
      continue;
    }
    char32_t c = lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3Fu);
    const std::string_view ascii = fold_code_point(c);
    if (ascii.empty())
      out.append(name.substr(i, length));
    else
      out += ascii;
    i += length;
  }
  const auto first = out.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(" \t") - first + 1);
}

void PlaceTable::add(Place place) {
  const std::size_t at = places_.size();
  places_.push_back(std::move(place));
  const Place& p = places_.back();
  const auto claim = [&](const std::string& spelling) {
    const std::string key = fold_name(spelling);
    if (key.empty()) return;
    auto [it, fresh] = index_.try_emplace(key, Key{spelling, {}});
    if (std::find(it->second.places.begin(), it->second.places.end(), at) == it->second.places.end())
      it->second.places.push_back(at);
  };
  claim(p.name);
  for (const auto& a : p.aliases) claim(a);
}

PlaceTable PlaceTable::load(const std::string& curated_yaml, const std::string& ne_places_geojson,
                            const std::string& ne_ports_geojson) {
  PlaceTable table;
  // Load order is precedence order: find() returns the first match.
  for (auto& p : read_curated(curated_yaml)) table.add(std::move(p));
  for (auto& p : read_natural_earth(ne_places_geojson, "naturalearth-places", "city", "name", "nameascii", "adm0_a3"))
    table.add(std::move(p));
  for (auto& p : read_natural_earth(ne_ports_geojson, "naturalearth-ports", "port", "name", nullptr, nullptr))
    table.add(std::move(p));
  return table;
}

PlaceTable PlaceTable::load_default() {
  const std::string dir = data_dir();
  return load(dir + "/places.yaml", dir + "/naturalearth/ne_10m_populated_places_europe.geojson",
              dir + "/naturalearth/ne_10m_ports_europe.geojson");
}

const Place* PlaceTable::find(std::string_view name, std::string_view kind) const {
  const auto it = index_.find(fold_name(name));
  if (it == index_.end()) return nullptr;
  for (const std::size_t i : it->second.places) {
    if (kind.empty() || places_[i].kind == kind) return &places_[i];
  }
  return nullptr;
}

std::vector<std::string> PlaceTable::suggest(std::string_view name, std::size_t n) const {
  const std::string folded = fold_name(name);
  const std::size_t limit = misspelling_limit(folded);
  std::vector<std::pair<std::size_t, const std::string*>> candidates;  // distance, spelling
  for (const auto& [key, entry] : index_) {
    const std::size_t longer = std::max(key.size(), folded.size());
    const std::size_t shorter = std::min(key.size(), folded.size());
    if (longer - shorter > limit) continue;  // cheap bound before the full distance
    const std::size_t d = edit_distance(folded, key);
    if (d <= limit) candidates.emplace_back(d, &entry.spelling);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : *a.second < *b.second; });
  std::vector<std::string> out;
  for (const auto& c : candidates) {
    if (out.size() == n) break;
    out.push_back(*c.second);
  }
  return out;
}

}  // namespace milmob::scenario
