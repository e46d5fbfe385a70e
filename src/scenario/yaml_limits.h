#pragma once
// A pass over a YAML text's parser events, before the document is built: refuses documents
// nested deeper than Limits::max_yaml_depth, documents whose aliases expand beyond
// Limits::max_yaml_nodes ("billion laughs"), and aliases to a node that contains them (a cycle,
// which would make every later walk of the document endless). Linear in the text's size.
#include <optional>
#include <string>

#include "scenario/limits.h"

namespace milmob::scenario {

struct YamlShapeProblem {
  long line = 0, column = 0;  // 1-based
  std::string message;
};

// The first problem, or nothing. Syntax errors are left to the parser that builds the document.
std::optional<YamlShapeProblem> check_yaml_shape(const std::string& text, const Limits& limits);

}  // namespace milmob::scenario
