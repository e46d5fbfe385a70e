#include "common/yaml_input.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/error.h"

namespace milmob {

YAML::Node load_yaml_file(const std::string& path, std::string_view what) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(path, fmt::format("cannot open {}", what));
  } catch (const YAML::ParserException& e) {
    throw InputError(path, e.mark.line + 1, "yaml", e.msg);
  }
}

YAML::Node load_yaml_text(const std::string& text, const std::string& name) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(name, e.mark.line + 1, "yaml", e.msg);
  }
}

long yaml_line(const YAML::Node& node, long fallback) {
  if (!node.IsDefined()) return fallback;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback : mark.line + 1;
}

std::string yaml_describe(const YAML::Node& node) {
  if (node.IsNull()) return "null";
  if (node.IsScalar()) return fmt::format("'{}'", node.Scalar());
  return node.IsSequence() ? "a list" : "a mapping";
}

void InputErrors::add(long line, std::string_view field, const std::string& message) {
  errors_.emplace_back(line, InputError(file_, line, std::string(field), message).what());
}

void InputErrors::throw_if_any() const {
  if (errors_.empty()) return;
  // Checks that run after an entry is read report lines above later ones: sort by line.
  auto sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string all;
  for (const auto& [line, message] : sorted) all += (all.empty() ? "" : "\n") + message;
  throw InputError(all);
}

bool is_http_url(std::string_view s) {
  const bool scheme = s.starts_with("https://") || s.starts_with("http://");
  return scheme && s.size() > 8 && s.find_first_of(" \t\r\n\f\v") == std::string_view::npos;
}

YAML::Node top_level_list(const YAML::Node& root, const std::string& key, InputErrors& errors) {
  const YAML::Node list = root.IsMap() ? root[key] : YAML::Node();
  if (!root.IsMap() || !list.IsDefined()) {
    errors.add(yaml_line(root, 1), key, fmt::format("expected a mapping with a '{}' list at the top of the file", key));
    return {};
  }
  for (const auto& kv : root)
    if (kv.first.Scalar() != key)
      errors.add(yaml_line(kv.first, 1), kv.first.Scalar(), fmt::format("unknown top-level key; expected only '{}'", key));
  if (!list.IsSequence() || list.size() == 0) {
    errors.add(yaml_line(list, 1), key, fmt::format("expected a non-empty list of {}, got {}", key, yaml_describe(list)));
    return {};
  }
  return list;
}

}  // namespace milmob
