#include "scenario/yaml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "common/suggest.h"

namespace milmob::scenario {

std::pair<long, long> position(const YAML::Node& node) {
  if (!node.IsDefined()) return {0, 0};
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {0, 0};
  return {mark.line + 1, mark.column + 1};
}

void report_error(Diagnostics& diag, const YAML::Node& at, const std::string& path, std::string message) {
  const auto [line, column] = position(at);
  diag.error(line, column, path, std::move(message));
}

void report_warning(Diagnostics& diag, const YAML::Node& at, const std::string& path, std::string message) {
  const auto [line, column] = position(at);
  diag.warning(line, column, path, std::move(message));
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsScalar()) {
    std::string s = node.Scalar();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return fmt::format("'{}'", s);
  }
  return node.IsSequence() ? "a list" : "a mapping";
}

MapReader::MapReader(const YAML::Node& node, std::string path, Diagnostics& diag)
    : node_(node), path_(std::move(path)), diag_(diag) {
  if (!node.IsDefined() || node.IsNull()) return;  // absent: the caller decides whether that is wrong
  if (!node.IsMap()) {
    report_error(diag_, node, path_, fmt::format("expected a mapping (key: value lines), got {}", describe(node)));
    return;
  }
  valid_ = true;
  // yaml-cpp keeps both of two equal keys and lookups see only one: YAML forbids them, and a
  // planner who wrote `count` twice meant one of them.
  std::map<std::string, long> lines;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) continue;
    const auto [it, fresh] = lines.emplace(kv.first.Scalar(), position(kv.first).first);
    if (!fresh)
      report_error(diag_, kv.first, path_of(kv.first.Scalar()),
                   fmt::format("duplicate key (first at line {}); YAML keys must be unique", it->second));
  }
}

MapReader::~MapReader() {
  if (!valid_) return;
  for (const auto& kv : node_) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : describe(kv.first);
    if (std::find(asked_.begin(), asked_.end(), key) != asked_.end()) continue;
    std::vector<std::string> fields = asked_;
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
    report_error(diag_, kv.first, path_of(key),
                 fmt::format("unknown field{}; expected one of: {}", did_you_mean(closest_names(key, fields, 1)),
                             fmt::join(fields, ", ")));
  }
}

std::string MapReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void MapReader::known(const std::string& key) { asked_.push_back(key); }

bool MapReader::has(const std::string& key) const {
  if (!valid_) return false;
  const YAML::Node value = std::as_const(node_)[key];
  return value.IsDefined() && !value.IsNull();
}

YAML::Node MapReader::get(const std::string& key, Need need) {
  asked_.push_back(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node value = std::as_const(node_)[key];
  if ((!value.IsDefined() || value.IsNull()) && need == Need::Required) {
    report_error(diag_, node_, path_of(key), "missing required field");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!value.IsDefined() || value.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  return value;
}

std::optional<std::string> read_text(const YAML::Node& node, const std::string& path, Diagnostics& diag) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    report_error(diag, node, path, fmt::format("expected a text, got {}", describe(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> read_number(const YAML::Node& node, const std::string& path, Diagnostics& diag, double min,
                                  double max) {
  double value = 0;
  bool ok = node.IsScalar();
  if (ok) {
    const std::string& s = node.Scalar();
    const char* begin = s.data() + (s.starts_with('+') ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), value);
    ok = !s.empty() && ec == std::errc() && end == s.data() + s.size() && std::isfinite(value);
  }
  if (!ok) {
    report_error(diag, node, path, fmt::format("expected a number, got {}", describe(node)));
    return std::nullopt;
  }
  if (value < min || value > max) {
    report_error(diag, node, path, fmt::format("expected a number from {} to {}, got {}", min, max, node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<int> read_integer(const YAML::Node& node, const std::string& path, Diagnostics& diag, int min,
                                int max) {
  long value = 0;
  bool ok = node.IsScalar();
  if (ok) {
    const std::string& s = node.Scalar();
    const char* begin = s.data() + (s.starts_with('+') ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), value);
    ok = !s.empty() && ec == std::errc() && end == s.data() + s.size();
  }
  if (!ok) {
    report_error(diag, node, path, fmt::format("expected a whole number, got {}", describe(node)));
    return std::nullopt;
  }
  if (value < min || value > max) {
    report_error(diag, node, path, fmt::format("expected a whole number from {} to {}, got {}", min, max, value));
    return std::nullopt;
  }
  return static_cast<int>(value);
}

std::optional<std::string> MapReader::text(const std::string& key, Need need) {
  const YAML::Node value = get(key, need);
  if (!value.IsDefined()) return std::nullopt;
  return read_text(value, path_of(key), diag_);
}

std::optional<double> MapReader::number(const std::string& key, Need need, double min, double max) {
  const YAML::Node value = get(key, need);
  if (!value.IsDefined()) return std::nullopt;
  return read_number(value, path_of(key), diag_, min, max);
}

std::optional<int> MapReader::integer(const std::string& key, Need need, int min, int max) {
  const YAML::Node value = get(key, need);
  if (!value.IsDefined()) return std::nullopt;
  return read_integer(value, path_of(key), diag_, min, max);
}

std::optional<bool> MapReader::flag(const std::string& key, Need need) {
  const YAML::Node value = get(key, need);
  if (!value.IsDefined()) return std::nullopt;
  if (value.IsScalar() && (value.Scalar() == "true" || value.Scalar() == "false")) return value.Scalar() == "true";
  report_error(diag_, value, path_of(key), fmt::format("expected true or false, got {}", describe(value)));
  return std::nullopt;
}

std::optional<std::string> MapReader::choice(const std::string& key, Need need,
                                             const std::vector<std::string>& choices) {
  const auto value = text(key, need);
  if (!value) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return value;
  report_error(diag_, std::as_const(node_)[key], path_of(key),
               fmt::format("expected one of {}, got '{}'{}", fmt::join(choices, ", "), *value,
                           did_you_mean(closest_names(*value, choices, 1))));
  return std::nullopt;
}

bool for_each_item(const YAML::Node& node, const std::string& path, Diagnostics& diag,
                   const std::function<void(const YAML::Node&, const std::string&)>& item) {
  if (!node.IsDefined() || node.IsNull()) return false;
  if (!node.IsSequence()) {
    report_error(diag, node, path, fmt::format("expected a list (lines starting with '- '), got {}", describe(node)));
    return false;
  }
  for (std::size_t i = 0; i < node.size(); ++i) item(node[i], fmt::format("{}[{}]", path, i));
  return true;
}

}  // namespace milmob::scenario
