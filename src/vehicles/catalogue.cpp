#include "vehicles/catalogue.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "common/data_path.h"
#include "common/error.h"
#include "common/yaml_input.h"
#include "vehicles/mlc.h"

#ifndef MILMOB_DATA_DIR
#define MILMOB_DATA_DIR "data"
#endif

namespace milmob::vehicles {
namespace {

constexpr std::array<std::string_view, 7> kCategories{"mbt", "ifv", "spg", "apc", "truck", "het", "other"};

// A numeric field: its key, where it goes, a plausible upper bound (catches kilograms or
// millimetres typed as tonnes or metres) and the source keys that may back it.
struct NumberField {
  std::string_view key;
  double VehicleType::*member;
  double max;
  std::string_view unit;
  std::array<std::string_view, 2> source_keys;
};
constexpr std::array<NumberField, 7> kNumbers{{
    {"weight_t", &VehicleType::weight_t, 500, "tonnes", {"weight_t", ""}},
    {"length_m", &VehicleType::length_m, 50, "metres", {"length_m", "dimensions"}},
    {"width_m", &VehicleType::width_m, 10, "metres", {"width_m", "dimensions"}},
    {"height_m", &VehicleType::height_m, 10, "metres", {"height_m", "dimensions"}},
    {"axle_load_t", &VehicleType::axle_load_t, 50, "tonnes", {"axle_load_t", ""}},
    {"road_speed_kmh", &VehicleType::road_speed_kmh, 200, "km/h", {"road_speed_kmh", ""}},
    {"mlc", &VehicleType::mlc, 200, "class", {"mlc", ""}},
}};

constexpr std::array<std::string_view, 9> kSourceKeys{
    "weight_t", "dimensions", "length_m", "width_m", "height_m", "axle_load_t", "road_speed_kmh", "mlc", "transport"};

constexpr std::string_view kVehicleKeys =
    "name, aliases, nation, category, tracked, weight_t, length_m, width_m, height_m, axle_load_t, "
    "mlc, road_speed_kmh, transport, sources, notes";

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Reads one catalogue file, collecting every problem instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::string file) : errors_(std::move(file)) {}

  std::vector<VehicleType> read(const YAML::Node& root);
  const InputErrors& errors() const { return errors_; }

 private:
  // The vehicle being read: where it is, for messages.
  struct Context {
    std::size_t index;
    long line;
    std::string name;
    std::map<std::string, long, std::less<>> key_lines;
    std::set<std::string, std::less<>> reported;  // keys with an error already
  };

  void error(long line, const std::string& field, const std::string& message) { errors_.add(line, field, message); }
  void error(Context& c, long line, std::string_view key, const std::string& message) {
    c.reported.emplace(key);
    const std::string field = fmt::format("vehicles[{}].{}", c.index, key);
    error(line, field, c.name.empty() ? message : fmt::format("{} (vehicle \"{}\")", message, c.name));
  }

  std::optional<VehicleType> read_vehicle(const YAML::Node& node, std::size_t index);
  void read_field(Context& c, VehicleType& v, std::string_view key, const YAML::Node& value, long line);
  std::optional<std::string> read_string(Context& c, std::string_view key, const YAML::Node& value, long line);
  std::optional<bool> read_bool(Context& c, std::string_view key, const YAML::Node& value, long line);
  void read_number(Context& c, VehicleType& v, const NumberField& f, const YAML::Node& value, long line);
  void read_aliases(Context& c, VehicleType& v, const YAML::Node& value, long line);
  void read_sources(Context& c, VehicleType& v, const YAML::Node& value, long line);
  void read_transport(Context& c, VehicleType& v, const YAML::Node& value, long line);
  void check_required(Context& c, const VehicleType& v);
  void check_unique(Context& c, const VehicleType& v);

  InputErrors errors_;
  struct Owner {
    std::string name;
    long line;
  };
  std::map<std::string, Owner> names_;  // lower-cased name or alias -> first user
};

std::vector<VehicleType> Reader::read(const YAML::Node& root) {
  std::vector<VehicleType> out;
  const YAML::Node list = top_level_list(root, "vehicles", errors_);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto v = read_vehicle(list[i], i)) out.push_back(std::move(*v));
  }
  return out;
}

std::optional<VehicleType> Reader::read_vehicle(const YAML::Node& node, std::size_t index) {
  Context c{index, yaml_line(node, 1), {}, {}, {}};
  if (!node.IsMap()) {
    error(c.line, fmt::format("vehicles[{}]", index), fmt::format("expected a mapping ({}), got {}", kVehicleKeys, yaml_describe(node)));
    return std::nullopt;
  }
  // The name first, so every other message can say which vehicle it is about.
  if (const YAML::Node name = node["name"]; name.IsDefined() && name.IsScalar()) c.name = name.Scalar();

  VehicleType v;
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const long line = yaml_line(kv.first, c.line);
    if (!c.key_lines.emplace(key, line).second) {
      error(c, line, key, "given twice");
      continue;
    }
    read_field(c, v, key, kv.second, line);
  }
  check_required(c, v);
  check_unique(c, v);
  if (std::isnan(v.mlc) && v.weight_t > 0) {
    v.mlc = mlc_from_weight(v.weight_t, v.tracked);
    v.mlc_computed = true;
  }
  return v;
}

void Reader::read_field(Context& c, VehicleType& v, std::string_view key, const YAML::Node& value, long line) {
  for (const NumberField& f : kNumbers) {
    if (key == f.key) return read_number(c, v, f, value, line);
  }
  if (key == "name") {
    if (auto s = read_string(c, key, value, line)) v.name = *s;
  } else if (key == "aliases") {
    read_aliases(c, v, value, line);
  } else if (key == "nation") {
    auto s = read_string(c, key, value, line);
    const auto upper = [](unsigned char ch) { return ch >= 'A' && ch <= 'Z'; };
    if (s && (s->size() != 3 || !std::all_of(s->begin(), s->end(), upper)))
      error(c, line, key, fmt::format("expected an ISO 3166 alpha-3 code such as DEU, got '{}'", *s));
    else if (s)
      v.nation = *s;
  } else if (key == "category") {
    auto s = read_string(c, key, value, line);
    if (s && !contains(kCategories, *s))
      error(c, line, key, fmt::format("unknown category '{}'; expected one of mbt, ifv, spg, apc, truck, het, other", *s));
    else if (s)
      v.category = *s;
  } else if (key == "tracked") {
    if (auto b = read_bool(c, key, value, line)) v.tracked = *b;
  } else if (key == "sources") {
    read_sources(c, v, value, line);
  } else if (key == "transport") {
    read_transport(c, v, value, line);
  } else if (key == "notes") {
    if (!value.IsNull()) {
      if (auto s = read_string(c, key, value, line)) v.notes = *s;
    }
  } else {
    error(c, line, key.empty() ? "?" : key, fmt::format("unknown field; expected one of {}", kVehicleKeys));
  }
}

std::optional<std::string> Reader::read_string(Context& c, std::string_view key, const YAML::Node& value, long line) {
  if (!value.IsScalar() || value.Scalar().find_first_not_of(" \t") == std::string::npos) {
    error(c, line, key, fmt::format("expected a non-empty text, got {}", yaml_describe(value)));
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<bool> Reader::read_bool(Context& c, std::string_view key, const YAML::Node& value, long line) {
  bool b = false;
  if (value.IsScalar() && YAML::convert<bool>::decode(value, b)) return b;
  error(c, line, key, fmt::format("expected true or false, got {}", yaml_describe(value)));
  return std::nullopt;
}

void Reader::read_number(Context& c, VehicleType& v, const NumberField& f, const YAML::Node& value, long line) {
  if (value.IsNull()) return;  // unknown; weight_t's absence is reported by check_required
  double x = 0;
  const bool numeric = value.IsScalar() && YAML::convert<double>::decode(value, x) && std::isfinite(x);
  const bool whole = f.key != "mlc" || x == std::floor(x);
  if (!numeric || x <= 0 || x > f.max || !whole) {
    const std::string what = f.key == "mlc" ? "a whole class" : fmt::format("a number of {}", f.unit);
    error(c, line, f.key, fmt::format("expected {}, greater than 0 and at most {}, or null if unknown; got {}", what, f.max,
                                      yaml_describe(value)));
    return;
  }
  v.*f.member = x;
}

void Reader::read_aliases(Context& c, VehicleType& v, const YAML::Node& value, long line) {
  if (value.IsNull()) return;
  if (!value.IsSequence()) {
    error(c, line, "aliases", fmt::format("expected a list of names, got {}", yaml_describe(value)));
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (auto s = read_string(c, fmt::format("aliases[{}]", i), value[i], yaml_line(value[i], line))) v.aliases.push_back(*s);
  }
}

void Reader::read_sources(Context& c, VehicleType& v, const YAML::Node& value, long line) {
  if (!value.IsMap()) {
    error(c, line, "sources", fmt::format("expected a mapping from field to URL, got {}", yaml_describe(value)));
    return;
  }
  for (const auto& kv : value) {
    const std::string key = kv.first.Scalar();
    const long key_line = yaml_line(kv.first, line);
    const std::string field = "sources." + key;
    if (!contains(kSourceKeys, key)) {
      error(c, key_line, field, fmt::format("unknown source key; expected one of {}", fmt::join(kSourceKeys, ", ")));
      continue;
    }
    std::vector<std::string> urls;
    if (kv.second.IsScalar()) {
      urls.push_back(kv.second.Scalar());
    } else if (kv.second.IsSequence()) {
      for (const auto& u : kv.second) urls.push_back(u.IsScalar() ? u.Scalar() : std::string());
    }
    const bool ok = !urls.empty() && std::all_of(urls.begin(), urls.end(), [](const std::string& u) { return is_http_url(u); });
    if (!ok) {
      error(c, key_line, field, fmt::format("expected a public http(s) URL or a list of them, got {}", yaml_describe(kv.second)));
      continue;
    }
    v.sources[key] = fmt::format("{}", fmt::join(urls, "; "));
  }
}

void Reader::read_transport(Context& c, VehicleType& v, const YAML::Node& value, long line) {
  if (value.IsNull()) return;
  if (!value.IsMap()) {
    error(c, line, "transport", fmt::format("expected a mapping {{rail: bool, het: bool, air: [aircraft]}}, got {}", yaml_describe(value)));
    return;
  }
  for (const auto& kv : value) {
    const std::string key = kv.first.Scalar();
    const std::string field = "transport." + key;
    const long key_line = yaml_line(kv.first, line);
    if (key == "rail") {
      v.transport.rail = read_bool(c, field, kv.second, key_line);
    } else if (key == "het") {
      v.transport.het = read_bool(c, field, kv.second, key_line);
    } else if (key == "air" && kv.second.IsSequence()) {
      for (const auto& a : kv.second) {
        if (auto s = read_string(c, field, a, key_line)) v.transport.air.push_back(*s);
      }
    } else if (key == "air") {
      error(c, key_line, field, fmt::format("expected a list of aircraft types, got {}", yaml_describe(kv.second)));
    } else {
      error(c, key_line, field, "unknown field; expected rail, het or air");
    }
  }
}

// Required fields, and a source behind every figure given (DOMAIN.md: no figure without one).
void Reader::check_required(Context& c, const VehicleType& v) {
  const auto missing = [&](std::string_view key, std::string_view expected) {
    if (!c.key_lines.contains(key)) error(c, c.line, key, fmt::format("missing; expected {}", expected));
  };
  missing("name", "a unique name");
  missing("nation", "an ISO 3166 alpha-3 code such as DEU");
  missing("category", "one of mbt, ifv, spg, apc, truck, het, other");
  missing("tracked", "true or false");
  missing("sources", "a mapping from field to URL, at least weight_t");
  // read_number accepts null for every figure, but weight is the one every limit needs.
  if (const auto it = c.key_lines.find("weight_t"); it == c.key_lines.end()) {
    error(c, c.line, "weight_t", "missing; expected the combat or gross weight in tonnes");
  } else if (std::isnan(v.weight_t) && !c.reported.contains("weight_t")) {
    error(c, it->second, "weight_t", "required; expected the combat or gross weight in tonnes, got null");
  }
  if (!c.key_lines.contains("sources")) return;
  for (const NumberField& f : kNumbers) {
    if (std::isnan(v.*f.member)) continue;
    const bool sourced = std::any_of(f.source_keys.begin(), f.source_keys.end(),
                                     [&](std::string_view k) { return !k.empty() && v.sources.contains(std::string(k)); });
    if (!sourced)
      error(c, c.key_lines.at(std::string(f.key)), f.key, fmt::format("has no source; expected sources.{} with a URL", f.source_keys[0]));
  }
  const bool has_transport = v.transport.rail || v.transport.het || !v.transport.air.empty();
  if (has_transport && !v.sources.contains("transport"))
    error(c, c.key_lines.at("transport"), "transport", "has no source; expected sources.transport with a URL");
}

// Names and aliases share one namespace, compared without case, since --vehicle matches either.
void Reader::check_unique(Context& c, const VehicleType& v) {
  const auto claim = [&](const std::string& n, std::string_view key, long line) {
    const auto [it, fresh] = names_.emplace(lower(n), Owner{v.name, line});
    if (!fresh)
      error(c, line, key, fmt::format("duplicate name '{}': already used by \"{}\" at line {}", n, it->second.name, it->second.line));
  };
  if (!v.name.empty()) claim(v.name, "name", c.key_lines.at("name"));
  const long alias_line = c.key_lines.contains("aliases") ? c.key_lines.at("aliases") : c.line;
  for (std::size_t i = 0; i < v.aliases.size(); ++i) claim(v.aliases[i], fmt::format("aliases[{}]", i), alias_line);
}

}  // namespace

Catalogue Catalogue::load(const std::string& path) {
  const YAML::Node root = load_yaml_file(path, "the vehicle catalogue");
  Reader reader(path);
  Catalogue catalogue;
  catalogue.vehicles_ = reader.read(root);
  reader.errors().throw_if_any();
  for (std::size_t i = 0; i < catalogue.vehicles_.size(); ++i) {
    const VehicleType& v = catalogue.vehicles_[i];
    catalogue.index_.emplace(lower(v.name), i);
    for (const auto& a : v.aliases) catalogue.index_.emplace(lower(a), i);
  }
  return catalogue;
}

const VehicleType* Catalogue::find(std::string_view name_or_alias) const {
  const auto it = index_.find(lower(name_or_alias));
  return it == index_.end() ? nullptr : &vehicles_[it->second];
}

std::vector<std::string> Catalogue::names() const {
  std::vector<std::string> out;
  out.reserve(vehicles_.size());
  for (const auto& v : vehicles_) out.push_back(v.name);
  return out;
}

std::string default_catalogue_path() { return data_dir() + "/vehicles.yaml"; }

}  // namespace milmob::vehicles
