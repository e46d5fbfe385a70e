#pragma once
// The disruptions of a what-if request: names of the scenario's disruptions, or new ones drawn on
// the map ({"kind": "bridge_lost", "near": [lon, lat], "radius_m": 300, "at": "C+1", ...}),
// added to a copy of the scenario so that the planner's overlay applies them like any other.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario.h"

namespace milmob::server {

constexpr std::size_t kMaxDisruptionsPerRequest = 20;

struct WhatIfScenario {
  scenario::Scenario scenario;     // the plan's scenario with the new disruptions added
  std::vector<std::string> names;  // what the overlay applies: the plan's and the request's
};

// `base_names`: the disruptions the plan already had. Throws ApiError 422 naming the field
// ("disruptions[2].near").
WhatIfScenario whatif_scenario(const scenario::Scenario& base, const std::vector<std::string>& base_names,
                               const nlohmann::json& disruptions);

}  // namespace milmob::server
