#pragma once
// How large a scenario milmob accepts (docs/limits.md). Every scenario command takes each as an
// option (--max-units, ...), and so does `milmob serve` for scenarios sent in request bodies.
// The defaults are generous: a corps of ~50,000 troops is ~150 battalion-sized units with
// ~15,000 vehicles and ~1 MB of YAML; each default is at least ten times that. A refusal names
// the limit and its option.
#include <cstddef>
#include <cstdint>

namespace milmob::scenario {

struct Limits {
  std::size_t max_scenario_bytes = 16u << 20;  // the file or request text, before parsing
  std::size_t max_units = 5000;                 // entries of `units:`
  std::uint64_t max_vehicles = 250000;          // vehicles of all units (sum of equipment counts)
  std::size_t max_disruptions = 1000;           // entries of `disruptions:`
  int max_yaml_depth = 64;                      // nested lists and mappings; a scenario needs ~6
  // YAML nodes after expanding aliases: each *alias counts the nodes it names. Refuses "billion
  // laughs" documents (anchors of lists of aliases of anchors ...) before they are walked.
  std::uint64_t max_yaml_nodes = 2000000;
};

}  // namespace milmob::scenario
