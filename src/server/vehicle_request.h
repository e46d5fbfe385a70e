#pragma once
// The vehicle of a route request: "vehicle" (a catalogue name or alias, or a custom type of the
// server's scenario) and/or "limits" (explicit figures overriding the type's).
#include <nlohmann/json.hpp>

#include "scenario/scenario.h"
#include "vehicles/catalogue.h"

namespace milmob::server {

// Throws ApiError 422 naming the field; `scenario` may be null.
vehicles::VehicleLimits vehicle_from_request(const nlohmann::json& body, const vehicles::Catalogue& catalogue,
                                             const scenario::Scenario* scenario);

}  // namespace milmob::server
