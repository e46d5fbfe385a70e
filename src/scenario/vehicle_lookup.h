#pragma once
// A vehicle type a scenario names: its own custom types first, then the catalogue; by name or
// alias, without regard to ASCII case. nullptr when neither has it.
#include <string_view>

#include "scenario/scenario.h"
#include "vehicles/catalogue.h"

namespace milmob::scenario {

const vehicles::VehicleType* find_vehicle_type(const Scenario& scenario, const vehicles::Catalogue& catalogue,
                                               std::string_view name);

}  // namespace milmob::scenario
