#include "scenario/fragment_reader.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/loader_internal.h"
#include "scenario/yaml_limits.h"

namespace milmob::scenario {

struct FragmentReader::State {
  Scenario scenario;  // a copy: the loader writes what it reads into it
  std::vector<PlaceUse> uses;
  detail::Loader loader;
  State(const Scenario& base, const LoadContext& context, Diagnostics& diag, std::string base_dir)
      : scenario(base), loader{context, diag, scenario, std::move(base_dir), true, {}, {}, {}, uses} {}
};

FragmentReader::FragmentReader(const Scenario& base, const LoadContext& context, Diagnostics& diag,
                               std::string base_dir)
    : state_(std::make_unique<State>(base, context, diag, std::move(base_dir))) {}

FragmentReader::~FragmentReader() = default;

std::optional<PlaceRef> FragmentReader::place(MapReader& map, const std::string& key, Need need,
                                              std::string_view kind) {
  return state_->loader.place(map, key, need, kind);
}

std::optional<PlaceRef> FragmentReader::resource_place(MapReader& map) { return state_->loader.resource_place(map); }

void FragmentReader::selector(MapReader& map, WaySelector& select) { state_->loader.selector(map, select); }

std::optional<std::string> FragmentReader::nation(MapReader& map, const std::string& key, Need need) {
  return state_->loader.nation(map, key, need);
}

std::vector<Disruption> FragmentReader::disruptions(MapReader& root) {
  state_->scenario.disruptions.clear();
  state_->loader.read_disruptions(root);
  return std::move(state_->scenario.disruptions);
}

std::optional<YAML::Node> read_yaml_file(const std::string& path, Diagnostics& diag, const std::string& what,
                                         const Limits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    diag.error(0, 0, "", fmt::format("cannot open {} (no such file, or not a regular file)", what));
    return std::nullopt;
  }
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > limits.max_scenario_bytes) {
    diag.error(0, 0, "", fmt::format("file too large for {}: {} bytes, more than the limit of {} bytes (--max-scenario-bytes)",
                                     what, size, limits.max_scenario_bytes));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().find('\0') != std::string::npos) {
    diag.error(0, 0, "", fmt::format("not a text file (it contains NUL bytes): expected {} in YAML", what));
    return std::nullopt;
  }
  if (const auto problem = check_yaml_shape(text.str(), limits)) {
    diag.error(problem->line, problem->column, "", problem->message);
    return std::nullopt;
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    diag.error(e.mark.line + 1, e.mark.column + 1, "", fmt::format("YAML syntax: {}", e.msg));
    return std::nullopt;
  }
  if (!doc.IsDefined() || doc.IsNull()) {
    diag.error(0, 0, "", fmt::format("empty file: expected {}", what));
    return std::nullopt;
  }
  return doc;
}

DisruptionFile load_disruption_file(const std::string& path, const Scenario& base, const LoadContext& context) {
  DisruptionFile result(path);
  const auto doc = read_yaml_file(path, result.diagnostics, "a disruption file", context.limits);
  if (!doc) return result;
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return read_disruption_document(*doc, path, dir.empty() ? "." : dir, base, context);
}

DisruptionFile read_disruption_document(const YAML::Node& doc, const std::string& file, const std::string& base_dir,
                                        const Scenario& base, const LoadContext& context) {
  DisruptionFile result(file);
  Diagnostics& diag = result.diagnostics;
  if (!doc.IsMap()) {
    report_error(diag, doc, "",
                 fmt::format("expected a mapping with a `disruptions:` list (as in a scenario), got {}", describe(doc)));
    return result;
  }
  FragmentReader reader(base, context, diag, base_dir);
  {
    MapReader root(doc, "", diag);
    root.text("description");
    if (!root.has("disruptions"))
      report_error(diag, doc, "disruptions", "expected a `disruptions:` list, as in a scenario (docs/scenario.md)");
    result.disruptions = reader.disruptions(root);
  }
  for (std::size_t i = 0; i < result.disruptions.size(); ++i)
    for (const Disruption& own : base.disruptions)
      if (own.name == result.disruptions[i].name) {
        const YAML::Node name = doc["disruptions"][i]["name"];
        report_error(diag, name, fmt::format("disruptions[{}].name", i),
                     fmt::format("the scenario already has a disruption named '{}': choose another name, or "
                                 "apply the scenario's own with --disruption",
                                 own.name));
      }
  if (result.disruptions.empty() && result.ok())
    report_error(diag, doc, "disruptions", "expected at least one disruption");
  return result;
}

}  // namespace milmob::scenario
