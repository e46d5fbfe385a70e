#pragma once
// A loaded scenario written back in its own format (JSON is YAML): names as written, defaults
// made explicit, times as "C+3 06:00". Loading the output gives the same scenario, so the
// output is canonical: `milmob check --dump` of it is byte-identical.
#include <nlohmann/json.hpp>

#include "scenario/scenario.h"

namespace milmob::scenario {

nlohmann::ordered_json to_document(const Scenario& scenario);

}  // namespace milmob::scenario
