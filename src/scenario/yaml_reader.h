#pragma once
// Reads a YAML mapping field by field for the scenario loader: every wrong or missing field is
// reported with its position and path, the reading goes on, and the fields left over at the end
// are reported as unknown (with the closest known name).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenario/diagnostics.h"

namespace milmob::scenario {

// 1-based line and column of a node; {0, 0} when yaml-cpp has none.
std::pair<long, long> position(const YAML::Node& node);
void report_error(Diagnostics& diag, const YAML::Node& at, const std::string& path, std::string message);
void report_warning(Diagnostics& diag, const YAML::Node& at, const std::string& path, std::string message);
// "null", "'text'", "a list" or "a mapping".
std::string describe(const YAML::Node& node);

enum class Need { Optional, Required };

class MapReader {
 public:
  // `node` must be a mapping; otherwise (and for an absent optional section) valid() is false.
  MapReader(const YAML::Node& node, std::string path, Diagnostics& diag);
  ~MapReader();  // reports the keys nobody asked for
  MapReader(const MapReader&) = delete;
  MapReader& operator=(const MapReader&) = delete;

  bool valid() const { return valid_; }
  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const;
  Diagnostics& diag() const { return diag_; }

  // The raw value (marked as known); undefined when absent, with an error if required.
  YAML::Node get(const std::string& key, Need need = Need::Optional);
  bool has(const std::string& key) const;

  std::optional<std::string> text(const std::string& key, Need need = Need::Optional);
  std::optional<double> number(const std::string& key, Need need, double min, double max);
  std::optional<int> integer(const std::string& key, Need need, int min, int max);
  std::optional<bool> flag(const std::string& key, Need need = Need::Optional);
  // One of `choices`; anything else is reported with the list.
  std::optional<std::string> choice(const std::string& key, Need need, const std::vector<std::string>& choices);

  // Keys read by someone else (e.g. through get) that must not count as unknown.
  void known(const std::string& key);

 private:
  YAML::Node node_;
  std::string path_;
  Diagnostics& diag_;
  bool valid_ = false;
  std::vector<std::string> asked_;
};

// Scalar readers shared with list items: report at `node` under `path`.
std::optional<double> read_number(const YAML::Node& node, const std::string& path, Diagnostics& diag, double min,
                                  double max);
std::optional<int> read_integer(const YAML::Node& node, const std::string& path, Diagnostics& diag, int min, int max);
std::optional<std::string> read_text(const YAML::Node& node, const std::string& path, Diagnostics& diag);

// Calls item(node, "path[i]") for each element of a list; reports anything but a list
// (an absent optional list is fine). Returns false if `node` is not a usable list.
bool for_each_item(const YAML::Node& node, const std::string& path, Diagnostics& diag,
                   const std::function<void(const YAML::Node&, const std::string&)>& item);

}  // namespace milmob::scenario
