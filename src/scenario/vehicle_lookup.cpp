#include "scenario/vehicle_lookup.h"

#include "common/suggest.h"

namespace milmob::scenario {

const vehicles::VehicleType* find_vehicle_type(const Scenario& scenario, const vehicles::Catalogue& catalogue,
                                               std::string_view name) {
  for (const auto& v : scenario.custom_vehicles)
    if (equal_ignoring_case(name, v.name)) return &v;
  return catalogue.find(name);
}

}  // namespace milmob::scenario
