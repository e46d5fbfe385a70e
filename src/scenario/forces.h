#pragma once
// What a force needs to move (`milmob forces`): per unit and per force package, its vehicles,
// weight, RoRo lane metres, rail wagons, ships and aircraft sorties, and the strictest limits
// its vehicles put on a route. The loading rules are assumptions, stated in forces.cpp and
// docs/scenario.md, and use the scenario's own ships and aircraft when it lists them.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario.h"
#include "vehicles/catalogue.h"

namespace milmob::scenario {

struct Requirements {
  std::string id, name;
  int vehicles = 0, personnel = 0;
  std::map<std::string, int> by_category;  // mbt, ifv, truck, ... -> count
  std::map<std::string, int> by_type;
  double weight_t = 0, lane_metres = 0;
  int rail_wagons = 0, ships = 0, sorties = 0;
  std::string ship_type, aircraft_type;  // what ships and sorties were counted in
  // Strictest limits: the heaviest / largest vehicle and which one it is.
  double max_weight_t = 0, max_mlc_tracked = 0, max_mlc_wheeled = 0, max_height_m = 0, max_width_m = 0,
         max_axle_load_t = 0;
  std::string heaviest, tallest, widest;
  std::vector<std::string> notes;  // figures left out, vehicles no aircraft can lift, ...
};

struct ForceReport {
  std::vector<Requirements> units, packages;
  Requirements total;
};

// Every equipment type must resolve in the scenario's custom vehicles or the catalogue.
ForceReport force_requirements(const Scenario& scenario, const vehicles::Catalogue& catalogue);

nlohmann::ordered_json to_json(const ForceReport& report);
std::string to_text(const ForceReport& report);

}  // namespace milmob::scenario
