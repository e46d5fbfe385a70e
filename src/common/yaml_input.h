#pragma once
// Reading YAML input files (vehicle catalogue, places, scenarios) the same way everywhere:
// every problem is collected with its file, line and field, and reported at once.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace milmob {

// Parses a YAML file; InputError naming the file (and line, for a syntax error) otherwise.
// `what` says what the file is ("the vehicle catalogue").
YAML::Node load_yaml_file(const std::string& path, std::string_view what);
// The same from text in memory; `name` stands for the file in messages.
YAML::Node load_yaml_text(const std::string& text, const std::string& name);

// 1-based line of a node, or `fallback` when yaml-cpp has no position for it.
long yaml_line(const YAML::Node& node, long fallback);

// "null", "'text'", "a list" or "a mapping": what was found, for messages.
std::string yaml_describe(const YAML::Node& node);

class InputErrors {
 public:
  explicit InputErrors(std::string file) : file_(std::move(file)) {}
  void add(long line, std::string_view field, const std::string& message);
  bool empty() const { return errors_.empty(); }
  // One InputError with every message, one per line, in file order; nothing if none.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<std::pair<long, std::string>> errors_;  // line, message
};

// A public http(s) address without spaces: what a `source` field must hold.
bool is_http_url(std::string_view s);

// The list under a file's single top-level key (`vehicles:`); an empty node, with the problem
// reported, when the file is not shaped that way.
YAML::Node top_level_list(const YAML::Node& root, const std::string& key, InputErrors& errors);

}  // namespace milmob
