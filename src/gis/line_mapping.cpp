#include "gis/line_mapping.h"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

#include "common/yaml_input.h"

namespace milmob::gis {

namespace {

constexpr const char* kTopKeys = "node_tolerance_m, split_at_vertices, layers";
constexpr const char* kRuleKeys = "field, values, default, scale";
constexpr double kMaxToleranceM = 1000;  // beyond this, "coinciding" ends are different places

std::string attribute_list() {
  std::string s;
  for (std::size_t i = 0; i < static_cast<std::size_t>(Attribute::Count); ++i)
    s += (s.empty() ? "" : ", ") + std::string(attribute_name(static_cast<Attribute>(i)));
  return s;
}

bool is_number(ValueType t) { return t == ValueType::Number || t == ValueType::WholeNumber; }

class MappingParser {
 public:
  explicit MappingParser(const std::string& path) : errors_(path) { mapping_.file = path; }

  LineMapping parse(const YAML::Node& root) {
    if (!root.IsMap()) {
      errors_.add(yaml_line(root, 1), "mapping",
                  fmt::format("expected a mapping with the keys {}, got {}", kTopKeys, yaml_describe(root)));
      errors_.throw_if_any();
    }
    bool has_layers = false;
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      const long line = yaml_line(kv.first, 1);
      if (key == "node_tolerance_m") {
        const auto v = number(kv.second, line, key, "expected a distance in metres from 0 to 1000");
        if (v && *v > kMaxToleranceM)
          errors_.add(line, key, fmt::format("expected a distance in metres from 0 to 1000, got {}", yaml_describe(kv.second)));
        else if (v)
          mapping_.node_tolerance_m = *v;
      } else if (key == "split_at_vertices") {
        if (const auto b = boolean(kv.second, line, key)) mapping_.split_at_vertices = *b;
      } else if (key == "layers") {
        has_layers = true;
        read_layers(kv.second, line);
      } else {
        errors_.add(line, key, fmt::format("unknown key; expected one of {}", kTopKeys));
      }
    }
    // A file with options only keeps the native field names for every layer.
    if (!has_layers) mapping_.layers = native_mapping().layers;
    errors_.throw_if_any();
    return std::move(mapping_);
  }

 private:
  void read_layers(const YAML::Node& list, long line) {
    if (!list.IsSequence() || list.size() == 0) {
      errors_.add(yaml_line(list, line), "layers",
                  fmt::format("expected a non-empty list of layer mappings, got {}", yaml_describe(list)));
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) read_layer(list[i], fmt::format("layers[{}]", i), yaml_line(list[i], line));
  }

  void read_layer(const YAML::Node& node, const std::string& label, long line) {
    LayerMapping layer;
    layer.line = line;
    layer.label = label;
    if (!node.IsMap()) {
      errors_.add(line, label, fmt::format("expected a mapping with 'layer', 'where' and attributes, got {}", yaml_describe(node)));
      return;
    }
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      const std::string path = label + "." + key;
      const long key_line = yaml_line(kv.first, line);
      if (key == "layer" || key == "where") {
        if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
          errors_.add(key_line, path, fmt::format("expected {}, got {}",
                                                  key == "layer" ? "a layer name" : "an attribute filter such as \"STATUS = 'open'\"",
                                                  yaml_describe(kv.second)));
        } else if (key == "layer") {
          layer.layer = kv.second.Scalar();
        } else {
          layer.where = kv.second.Scalar();
          layer.where_line = key_line;
        }
      } else if (const auto attribute = attribute_named(key)) {
        layer.rules[static_cast<std::size_t>(*attribute)] = read_rule(kv.second, *attribute, path, key_line);
      } else {
        errors_.add(key_line, path, fmt::format("unknown key; expected layer, where or an attribute: {}", attribute_list()));
      }
    }
    mapping_.layers.push_back(std::move(layer));
  }

  // `mode: road` (a constant) or `{field: TYPE, values: {...}, default: ..., scale: ...}`.
  std::optional<FieldRule> read_rule(const YAML::Node& node, Attribute a, const std::string& path, long line) {
    FieldRule rule;
    rule.line = line;
    if (node.IsScalar()) {
      if (const auto v = value(node, a, path, line)) {
        rule.constant = *v;
        return rule;
      }
      return std::nullopt;
    }
    if (!node.IsMap()) {
      errors_.add(line, path, fmt::format("expected a constant or a mapping with the keys {}, got {}", kRuleKeys, yaml_describe(node)));
      return std::nullopt;
    }
    bool ok = true;
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      const std::string key_path = path + "." + key;
      const long key_line = yaml_line(kv.first, line);
      if (key == "field") {
        if (kv.second.IsScalar() && !kv.second.Scalar().empty()) {
          rule.field = kv.second.Scalar();
        } else {
          errors_.add(key_line, key_path, fmt::format("expected the name of a field of the layer, got {}", yaml_describe(kv.second)));
          ok = false;
        }
      } else if (key == "values") {
        ok = read_values(kv.second, a, key_path, key_line, rule) && ok;
      } else if (key == "default") {
        if (const auto v = value(kv.second, a, key_path, key_line)) rule.default_value = *v;
        else ok = false;
      } else if (key == "scale") {
        if (!is_number(value_type(a))) {
          errors_.add(key_line, key_path, fmt::format("a scale applies to numbers only, not to {}", attribute_name(a)));
          ok = false;
        } else if (const auto s = number(kv.second, key_line, key_path, "expected a number above 0"); s && *s > 0) {
          rule.scale = *s;
        } else {
          if (s) errors_.add(key_line, key_path, fmt::format("expected a number above 0, got {}", yaml_describe(kv.second)));
          ok = false;
        }
      } else {
        errors_.add(key_line, key_path, fmt::format("unknown key; expected one of {}", kRuleKeys));
        ok = false;
      }
    }
    if (!node["field"]) {
      errors_.add(line, path + ".field", "missing; expected the name of the field to read (or a constant instead of a mapping)");
      ok = false;
    }
    return ok ? std::optional(rule) : std::nullopt;
  }

  bool read_values(const YAML::Node& node, Attribute a, const std::string& path, long line, FieldRule& rule) {
    if (!node.IsMap() || node.size() == 0) {
      errors_.add(line, path, fmt::format("expected a mapping from field value to {}, got {}", attribute_name(a), yaml_describe(node)));
      return false;
    }
    bool ok = true;
    for (const auto& kv : node) {
      const long key_line = yaml_line(kv.first, line);
      if (!kv.first.IsScalar()) {
        errors_.add(key_line, path, fmt::format("expected field values as keys, got {}", yaml_describe(kv.first)));
        ok = false;
        continue;
      }
      if (const auto v = value(kv.second, a, path + "." + kv.first.Scalar(), key_line)) rule.values[kv.first.Scalar()] = *v;
      else ok = false;
    }
    return ok;
  }

  // A checked value of attribute a.
  std::optional<std::string> value(const YAML::Node& node, Attribute a, const std::string& path, long line) {
    const std::optional<std::string> problem =
        node.IsScalar() ? check_value(a, node.Scalar()) : std::optional<std::string>("expected a value");
    if (!problem) return node.Scalar();
    errors_.add(line, path, fmt::format("{}, got {}", *problem, yaml_describe(node)));
    return std::nullopt;
  }

  std::optional<double> number(const YAML::Node& node, long line, const std::string& path, const char* expected) {
    // Any number >= 0; callers narrow the range.
    if (node.IsScalar())
      if (const auto v = number_value(node.Scalar())) return v;
    errors_.add(line, path, fmt::format("{}, got {}", expected, yaml_describe(node)));
    return std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& node, long line, const std::string& path) {
    if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) return node.Scalar() == "true";
    errors_.add(line, path, fmt::format("expected true or false, got {}", yaml_describe(node)));
    return std::nullopt;
  }

  InputErrors errors_;
  LineMapping mapping_;
};

}  // namespace

LineMapping native_mapping() {
  LineMapping m;
  LayerMapping every;
  every.label = "native field names";
  for (std::size_t i = 0; i < static_cast<std::size_t>(Attribute::Count); ++i) {
    FieldRule rule;
    rule.field = attribute_name(static_cast<Attribute>(i));
    rule.optional_field = true;
    every.rules[i] = rule;
  }
  m.layers.push_back(std::move(every));
  return m;
}

LineMapping load_line_mapping(const std::string& path) {
  return MappingParser(path).parse(load_yaml_file(path, "the GIS mapping file"));
}

LineMapping parse_line_mapping(const std::string& text, const std::string& name) {
  return MappingParser(name).parse(load_yaml_text(text, name));
}

}  // namespace milmob::gis
