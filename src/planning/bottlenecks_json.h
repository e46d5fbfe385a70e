#pragma once
// A bottleneck report as JSON (`milmob bottlenecks --json`, GET /plans/{id}/bottlenecks).
#include <nlohmann/json.hpp>

#include "planning/bottlenecks.h"

namespace milmob::planning {

nlohmann::ordered_json to_json(const BottleneckReport& report);

}  // namespace milmob::planning
