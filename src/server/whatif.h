#pragma once
// What a what-if cost: the force closure and each unit's arrival before and after, and in words
// what changed (units cut off, routes that moved, new causes of delay).
#include <nlohmann/json.hpp>

#include "planning/plan.h"

namespace milmob::server {

nlohmann::ordered_json closure_difference(const planning::Plan& before, const planning::Plan& after);

}  // namespace milmob::server
