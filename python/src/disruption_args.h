#pragma once
// What plan() and Plan.whatif() take as disruptions: names of the scenario's own, paths of
// disruption files (as `milmob whatif --disrupt` reads them) and dicts in the same schema, alone
// or in a list. Files and dicts add their disruptions to a copy of the scenario, as the command
// does, and are then applied by name.
#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

#include "python/src/scenario_handle.h"
#include "scenario/scenario.h"

namespace milmob::python {

namespace py = pybind11;

struct Disruptions {
  // nullptr: the scenario as loaded; else a copy with the disruptions of files and dicts added.
  std::shared_ptr<const scenario::Scenario> scenario;
  std::vector<std::string> names;  // applied, in order, without repeats
};

// `base` with `args` added. Raises ScenarioError (file, line, field) for a disruption file or
// dict with errors; an unknown name is left to the planner (InputError naming it).
Disruptions add_disruptions(const ScenarioHandle& s, Disruptions base, const py::handle& args);

}  // namespace milmob::python
