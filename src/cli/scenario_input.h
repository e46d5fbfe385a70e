#pragma once
// Loading a scenario for a command (check, forces): the catalogue and places it resolves
// against, and its diagnostics printed the same way everywhere.
#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

#include "scenario/loader.h"

namespace milmob::cli {

struct ScenarioInput {
  std::string catalogue_path;  // empty: the shipped catalogue
  std::string places_path;     // empty: the shipped places table
  scenario::Limits limits = {};  // --max-units, --max-vehicles, ... (docs/limits.md)
};

struct LoadedScenario {
  vehicles::Catalogue catalogue;
  scenario::PlaceTable places;
  scenario::LoadResult result;
};

LoadedScenario load_scenario_input(const std::string& path, const ScenarioInput& input);

// --catalogue, --places and the scenario limits, for every command that reads a scenario.
void add_scenario_input_options(CLI::App& command, ScenarioInput& input);

// One line per diagnostic, in file order.
void print_diagnostics(const scenario::Diagnostics& diagnostics, std::ostream& out);

}  // namespace milmob::cli
