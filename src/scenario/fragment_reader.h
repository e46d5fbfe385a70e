#pragma once
// Files that go with a scenario (a disruption file for a what-if, a list of upgrade candidates)
// read with the scenario loader's own readers: places, way selectors, nations and times resolve
// as in the scenario itself, and every problem is reported with its file, line and field.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenario/loader.h"
#include "scenario/yaml_reader.h"

namespace milmob::scenario {

class FragmentReader {
 public:
  // `base`: the scenario the file goes with; its C-day resolves times, its resources' names
  // resolve places. `base_dir` resolves relative paths.
  FragmentReader(const Scenario& base, const LoadContext& context, Diagnostics& diag, std::string base_dir);
  ~FragmentReader();
  FragmentReader(const FragmentReader&) = delete;
  FragmentReader& operator=(const FragmentReader&) = delete;

  // A place name (data/places.yaml, preferring `kind`), [lon, lat] or {lon, lat}.
  std::optional<PlaceRef> place(MapReader& map, const std::string& key, Need need, std::string_view kind = {});
  // map["place"]: the name of one of the scenario's resources (port, railhead, centre, ...) or a place.
  std::optional<PlaceRef> resource_place(MapReader& map);
  // `way` (an OSM way id) or `near` + `radius_m`, with `mode`: as in overrides and disruptions.
  void selector(MapReader& map, WaySelector& select);
  std::optional<std::string> nation(MapReader& map, const std::string& key, Need need);
  // root["disruptions"], read exactly as the scenario's `disruptions` section (docs/scenario.md).
  std::vector<Disruption> disruptions(MapReader& root);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The root node of a YAML file; nullopt with the problem (unreadable, not text, syntax, empty)
// in `diag`. `what` names the file's kind for messages ("a disruption file").
std::optional<YAML::Node> read_yaml_file(const std::string& path, Diagnostics& diag, const std::string& what,
                                         const Limits& limits = {});

struct DisruptionFile {
  explicit DisruptionFile(std::string file) : diagnostics(std::move(file)) {}
  std::vector<Disruption> disruptions;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.error_count() == 0; }
};

// A file holding a `disruptions:` list in the scenario's format, for `milmob whatif --disrupt`.
// Its names must differ from the scenario's own disruptions.
DisruptionFile load_disruption_file(const std::string& path, const Scenario& base, const LoadContext& context);
// The same from a document already parsed (the Python module's dicts): `file` names it in
// messages, `base_dir` resolves its relative paths.
DisruptionFile read_disruption_document(const YAML::Node& doc, const std::string& file, const std::string& base_dir,
                                        const Scenario& base, const LoadContext& context);

}  // namespace milmob::scenario
