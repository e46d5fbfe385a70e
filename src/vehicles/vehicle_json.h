#pragma once
// A catalogue vehicle as JSON (`milmob vehicles --json`, GET /vehicles): unknown figures are null.
#include <nlohmann/json.hpp>

#include "vehicles/vehicle.h"

namespace milmob::vehicles {

nlohmann::json to_json(const VehicleType& v);

}  // namespace milmob::vehicles
