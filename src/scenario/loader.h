#pragma once
// Reads and validates a scenario file (docs/scenario.md). Every problem is collected with its
// file, line, column and field path; the scenario is usable only when there is no error.
#include <optional>
#include <string>

#include "scenario/coverage.h"
#include "scenario/diagnostics.h"
#include "scenario/limits.h"
#include "scenario/places.h"
#include "scenario/scenario.h"
#include "vehicles/catalogue.h"

namespace milmob::scenario {

class HolidayCalendar;

// What names in a scenario resolve against.
struct LoadContext {
  const vehicles::Catalogue& catalogue;
  const PlaceTable& places;
  Limits limits = {};  // how large a scenario may be (docs/limits.md)
};

struct LoadResult {
  explicit LoadResult(std::string file) : diagnostics(std::move(file)) {}
  Scenario scenario;  // as far as it could be read; trust it only when ok()
  Diagnostics diagnostics;
  std::vector<PlaceUse> place_uses;  // for check_coverage once a network is at hand
  bool ok() const { return diagnostics.error_count() == 0; }
};

// The default of Limits::max_scenario_bytes (a brigade's file is ~100 KB).
constexpr std::size_t kMaxScenarioBytes = Limits{}.max_scenario_bytes;

LoadResult load_scenario(const std::string& path, const LoadContext& context);
// The same from text already in memory; `name` stands for the file in messages, `base_dir`
// resolves relative paths.
LoadResult load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir,
                              const LoadContext& context);

}  // namespace milmob::scenario
