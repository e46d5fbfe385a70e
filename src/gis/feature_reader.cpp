#include "gis/feature_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <utility>

#include "common/error.h"
#include "gis/gdal_util.h"

namespace milmob::gis {

namespace {

constexpr const char* kExpected = "expected GIS line layers: GeoJSON, GeoPackage, Shapefile...";
constexpr std::size_t kAttributeCount = static_cast<std::size_t>(Attribute::Count);

std::string trimmed(const char* s) {
  std::string_view v(s);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  return std::string(v);
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "'" : ", '") + n + "'";
  return s;
}

// Feature values that cannot be read: all counted, the first few kept, reported at once.
class ValueErrors {
 public:
  void add(std::string message) {
    if (listed_.size() < kMaxListedValueErrors) listed_.push_back(std::move(message));
    ++count_;
  }
  void throw_if_any() const {
    if (count_ == 0) return;
    std::string all;
    for (const auto& m : listed_) all += (all.empty() ? "" : "\n") + m;
    if (count_ > listed_.size()) all += fmt::format("\nand {} more values that cannot be read", count_ - listed_.size());
    throw InputError(all);
  }

 private:
  std::vector<std::string> listed_;
  std::size_t count_ = 0;
};

// A value of one attribute of one feature before it is typed. Only text straight from a field
// still needs checking and scaling: constants, table values and defaults were checked with the
// mapping file.
struct RawValue {
  std::string text;
  bool from_field = false;
};

// Reads one layer as one mapping entry says.
class LayerReader {
 public:
  LayerReader(const std::string& path, OGRLayer& layer, const LayerMapping& entry, const std::string& mapping_file,
              std::uint32_t layer_index, ValueErrors& errors, GisFeatures& out)
      : path_(path), layer_(layer), entry_(entry), mapping_file_(mapping_file), layer_index_(layer_index),
        errors_(errors), out_(out), name_(layer.GetName()) {
    resolve_fields();
    to_wgs84_ = transform_to_wgs84(layer, path);
  }

  void read(LayerRead& counts) {
    if (!entry_.where.empty() && layer_.SetAttributeFilter(entry_.where.c_str()) != OGRERR_NONE) {
      throw InputError(path_, fmt::format("layer '{}': the filter \"{}\" of {}:{} ({}.where) is not valid{}", name_,
                                          entry_.where, mapping_file_, entry_.where_line, entry_.label,
                                          QuietGdalErrors::last_message()));
    }
    layer_.ResetReading();
    for (auto& feature : layer_) read_feature(*feature, counts);
    layer_.SetAttributeFilter(nullptr);  // another entry may read the same layer
  }

 private:
  void resolve_fields() {
    const OGRFeatureDefn& defn = *layer_.GetLayerDefn();
    field_index_.fill(-1);
    for (std::size_t a = 0; a < kAttributeCount; ++a) {
      const auto& rule = entry_.rules[a];
      if (!rule || rule->field.empty()) continue;
      field_index_[a] = defn.GetFieldIndex(rule->field.c_str());
      if (field_index_[a] < 0 && !rule->optional_field) {
        throw InputError(path_, fmt::format("layer '{}' has no field '{}' (mapped to {} at {}:{}; fields are: {})", name_,
                                            rule->field, attribute_name(static_cast<Attribute>(a)), mapping_file_,
                                            rule->line, field_names(defn)));
      }
    }
  }

  std::string where(const OGRFeature& f) const {
    return fmt::format("{}: layer '{}' feature {}", path_, name_, f.GetFID());
  }

  void read_feature(OGRFeature& f, LayerRead& counts) {
    const OGRGeometry* g = f.GetGeometryRef();
    if (g == nullptr || g->IsEmpty()) {
      ++counts.skipped;
      return;
    }
    // Curves (CircularString, CompoundCurve...) become polylines, as GDAL approximates them.
    std::unique_ptr<OGRGeometry> geometry(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
    const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
    const bool line = type == wkbLineString || type == wkbMultiLineString;
    const bool point = type == wkbPoint || type == wkbMultiPoint;
    if (!line && !point) {
      ++counts.skipped;
      return;
    }
    if (to_wgs84_ && geometry->transform(to_wgs84_.get()) != OGRERR_NONE) {
      errors_.add(where(f) + ": geometry cannot be transformed to WGS84" + QuietGdalErrors::last_message());
      return;
    }
    if (line) {
      read_line(f, *geometry, counts);
    } else {
      read_points(f, *geometry, counts);
    }
  }

  void read_line(const OGRFeature& f, const OGRGeometry& geometry, LayerRead& counts) {
    LineFeature feature;
    feature.layer = layer_index_;
    feature.fid = f.GetFID();
    const auto add_part = [&](const OGRLineString& ls) {
      std::vector<geo::LonLat> part;
      for (int i = 0; i < ls.getNumPoints(); ++i) {
        const geo::LonLat p{ls.getX(i), ls.getY(i)};
        if (!geo::is_valid(p)) return false;
        if (part.empty() || !(part.back() == p)) part.push_back(p);  // repeated vertices add nothing
      }
      if (part.size() >= 2) feature.parts.push_back(std::move(part));
      return true;
    };
    bool valid = true;
    if (wkbFlatten(geometry.getGeometryType()) == wkbLineString) {
      valid = add_part(*geometry.toLineString());
    } else {
      for (const OGRLineString* ls : *geometry.toMultiLineString()) valid = valid && add_part(*ls);
    }
    if (!valid) {
      errors_.add(where(f) + ": a vertex lies outside longitude/latitude range (expected WGS84 degrees, or a layer "
                             "that declares its CRS)");
      return;
    }
    if (feature.parts.empty()) {  // all its vertices in one place
      ++counts.skipped;
      return;
    }
    ++counts.lines;
    feature.attributes = line_attributes(f);
    out_.lines.push_back(std::move(feature));
  }

  void read_points(const OGRFeature& f, const OGRGeometry& geometry, LayerRead& counts) {
    const auto kind = text(f, Attribute::PlaceKind);
    if (!kind) {
      ++counts.skipped;
      return;
    }
    const auto name = text(f, Attribute::Name);
    const auto add = [&](const OGRPoint& p) {
      const geo::LonLat where_at{p.getX(), p.getY()};
      if (!geo::is_valid(where_at)) {
        errors_.add(where(f) + ": the point lies outside longitude/latitude range (expected WGS84 degrees, or a layer "
                               "that declares its CRS)");
        return;
      }
      out_.places.push_back({parse_place_kind(*kind), where_at, name.value_or("")});
    };
    ++counts.places;
    if (wkbFlatten(geometry.getGeometryType()) == wkbPoint) {
      add(*geometry.toPoint());
    } else {
      for (const OGRPoint* p : *geometry.toMultiPoint()) add(*p);
    }
  }

  LineAttributes line_attributes(const OGRFeature& f) {
    LineAttributes at;
    if (const auto mode = text(f, Attribute::Mode)) at.mode = parse_mode(*mode);
    at.road_class = default_road_class(at.mode);
    if (const auto cls = text(f, Attribute::RoadClass)) {
      const RoadClass c = parse_road_class(*cls);
      if (class_fits_mode(c, at.mode)) {
        at.road_class = c;
      } else {
        errors_.add(fmt::format("{}: road_class '{}' does not suit mode {} (expected {})", where(f), *cls,
                                mode_name(at.mode),
                                at.mode == Mode::Road ? "a road class such as primary" : "a rail class such as rail_main"));
      }
    }
    // Zero counts as absent: a shapefile cannot store a null number and writes 0 instead.
    const auto positive = [&](Attribute a) {
      const auto v = number(f, a);
      return v && *v > 0 ? v : std::nullopt;
    };
    at.speed_kmh = static_cast<float>(positive(Attribute::SpeedKmh).value_or(default_speed_kmh(at.mode, at.road_class)));
    at.length_m = positive(Attribute::LengthM);
    const auto limit = [&](Attribute a) { return static_cast<float>(positive(a).value_or(kNoLimit)); };
    at.limits.max_weight_t = limit(Attribute::MaxWeightT);
    at.limits.max_axle_load_t = limit(Attribute::MaxAxleLoadT);
    at.limits.max_height_m = limit(Attribute::MaxHeightM);
    at.limits.max_width_m = limit(Attribute::MaxWidthM);
    at.limits.mlc_wheeled = limit(Attribute::MlcWheeled);
    at.limits.mlc_tracked = limit(Attribute::MlcTracked);
    at.gauge_mm = static_cast<std::uint16_t>(number(f, Attribute::GaugeMm).value_or(0));
    at.oneway = flag(f, Attribute::Oneway);
    if (flag(f, Attribute::Bridge)) at.flags |= edge_flag::kBridge;
    if (flag(f, Attribute::Tunnel)) at.flags |= edge_flag::kTunnel;
    if (flag(f, Attribute::Electrified)) at.flags |= edge_flag::kElectrified;
    at.name = text(f, Attribute::Name).value_or("");
    return at;
  }

  std::optional<RawValue> raw(const OGRFeature& f, Attribute a) {
    const auto& rule = entry_.rule(a);
    if (!rule) return std::nullopt;
    if (rule->field.empty()) return RawValue{rule->constant, false};
    const int i = field_index_[static_cast<std::size_t>(a)];
    if (i < 0) return std::nullopt;  // a native field the layer does not have
    const std::string value = f.IsFieldSetAndNotNull(i) ? trimmed(f.GetFieldAsString(i)) : "";
    const auto fallback = [&]() -> std::optional<RawValue> {
      if (rule->default_value) return RawValue{*rule->default_value, false};
      return std::nullopt;
    };
    if (value.empty()) return fallback();
    if (rule->values.empty()) return RawValue{value, true};
    if (const auto it = rule->values.find(value); it != rule->values.end()) return RawValue{it->second, false};
    if (rule->default_value) return fallback();
    std::vector<std::string> keys;
    for (const auto& [key, mapped] : rule->values) keys.push_back(key);
    errors_.add(fmt::format("{}: field '{}' = '{}': not among the values of {}.{} at {}:{} (expected one of {})",
                            where(f), rule->field, value, entry_.label, attribute_name(a), mapping_file_, rule->line,
                            quoted_list(keys)));
    return std::nullopt;
  }

  void bad_value(const OGRFeature& f, Attribute a, const std::string& value, const std::string& expected) {
    errors_.add(fmt::format("{}: field '{}' = '{}': {} for {}", where(f), entry_.rule(a)->field, value, expected,
                            attribute_name(a)));
  }

  // A checked word or text.
  std::optional<std::string> text(const OGRFeature& f, Attribute a) {
    auto v = raw(f, a);
    if (!v) return std::nullopt;
    if (v->from_field) {
      if (const auto problem = check_value(a, v->text)) {
        bad_value(f, a, v->text, *problem);
        return std::nullopt;
      }
    }
    return std::move(v->text);
  }

  // A number in the attribute's unit: field values scaled, whole numbers rounded after scaling.
  std::optional<double> number(const OGRFeature& f, Attribute a) {
    const auto v = raw(f, a);
    if (!v) return std::nullopt;
    if (!v->from_field) return parse_number(v->text);
    auto n = number_value(v->text);
    if (!n) {
      bad_value(f, a, v->text, "expected a number >= 0");
      return std::nullopt;
    }
    *n *= entry_.rule(a)->scale;
    if (value_type(a) == ValueType::WholeNumber) {
      *n = std::round(*n);
      if (*n > 65535) {
        bad_value(f, a, v->text, "expected a whole number from 0 to 65535");
        return std::nullopt;
      }
    }
    return n;
  }

  bool flag(const OGRFeature& f, Attribute a) {
    const auto v = text(f, a);
    return v && parse_bool(*v);
  }

  const std::string& path_;
  OGRLayer& layer_;
  const LayerMapping& entry_;
  const std::string& mapping_file_;
  std::uint32_t layer_index_;
  ValueErrors& errors_;
  GisFeatures& out_;
  std::string name_;
  std::array<int, kAttributeCount> field_index_{};
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84_;
};

}  // namespace

GisFeatures read_features(const std::vector<std::string>& paths, const LineMapping& mapping) {
  struct FileRead {
    std::string path;
    std::vector<std::string> layers, layers_read;
    std::size_t found = 0;  // lines and places
  };
  GisFeatures out;
  ValueErrors errors;
  std::vector<bool> entry_used(mapping.layers.size(), false);
  std::vector<FileRead> files;
  for (const std::string& path : paths) {
    GDALDatasetUniquePtr dataset = open_vector_file(path, kExpected);
    QuietGdalErrors quiet;
    FileRead& file = files.emplace_back(FileRead{path, {}, {}, out.lines.size() + out.places.size()});
    for (int i = 0; i < dataset->GetLayerCount(); ++i) {
      OGRLayer& layer = *dataset->GetLayer(i);
      const std::string name = layer.GetName();
      file.layers.push_back(name);
      for (std::size_t e = 0; e < mapping.layers.size(); ++e) {
        const LayerMapping& entry = mapping.layers[e];
        if (entry.layer && *entry.layer != name) continue;
        entry_used[e] = true;
        if (file.layers_read.empty() || file.layers_read.back() != name) file.layers_read.push_back(name);
        out.layers.push_back({path, name, 0, 0, 0});
        LayerReader(path, layer, entry, mapping.file, static_cast<std::uint32_t>(out.layers.size() - 1), errors, out)
            .read(out.layers.back());
      }
    }
    file.found = out.lines.size() + out.places.size() - file.found;
  }
  // Mistakes of the mapping first, then of the data.
  for (std::size_t e = 0; e < mapping.layers.size(); ++e) {
    const LayerMapping& entry = mapping.layers[e];
    if (entry_used[e] || !entry.layer) continue;
    std::vector<std::string> all;
    for (const auto& file : files) all.push_back(fmt::format("{}: {}", file.path, quoted_list(file.layers)));
    throw InputError(mapping.file, entry.line, entry.label + ".layer",
                     fmt::format("no input has a layer '{}' (layers are {})", *entry.layer, fmt::join(all, "; ")));
  }
  for (const auto& file : files)
    if (file.layers_read.empty())
      throw InputError(file.path, fmt::format("none of its layers ({}) is named in the mapping {}",
                                              quoted_list(file.layers), mapping.file));
  errors.throw_if_any();
  for (const auto& file : files)
    if (file.found == 0)
      throw InputError(file.path, fmt::format("no line features in layer {} (expected LineString or MultiLineString "
                                              "features, or Points with a place kind)",
                                              quoted_list(file.layers_read)));
  return out;
}

}  // namespace milmob::gis
