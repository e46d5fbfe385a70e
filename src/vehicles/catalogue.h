#pragma once
// The vehicle catalogue: data/vehicles.yaml (schema at the top of that file), loaded and
// validated once; vehicles are then looked up by name or alias, case-insensitively.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vehicles/vehicle.h"

namespace milmob::vehicles {

class Catalogue {
 public:
  // Throws milmob::InputError listing every problem found, one per line, each as
  // "file:line: field: what was expected". Vehicles without a published MLC get one
  // computed from weight (mlc_computed = true).
  static Catalogue load(const std::string& path);

  const std::vector<VehicleType>& all() const { return vehicles_; }
  // By name or alias, ignoring ASCII case; nullptr if none.
  const VehicleType* find(std::string_view name_or_alias) const;
  // Names in file order.
  std::vector<std::string> names() const;

 private:
  std::vector<VehicleType> vehicles_;
  std::unordered_map<std::string, std::size_t> index_;  // lower-cased name or alias -> vehicle
};

// $MILMOB_DATA/vehicles.yaml when MILMOB_DATA is set, else the shipped data/vehicles.yaml.
std::string default_catalogue_path();

}  // namespace milmob::vehicles
