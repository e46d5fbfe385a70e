#pragma once
// A transit nation's view of a plan (DESIGN.md question 5): per C-day the march units and
// vehicles in the nation, the vehicle-km they drive there and the fuel that takes, where they
// stop (night stops at convoy support centres or by the roadside, halts, waits), the centre
// places booked against the places offered, and the nation's ports, railheads, transshipment
// points and airfields with their use.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/plan.h"
#include "scenario/scenario.h"
#include "vehicles/vehicle.h"

namespace milmob::whatif {

// Fuel per vehicle-km, from the vehicle's weight: tracked 6.2 l per tonne per 100 km (the
// Leopard 2A4's 340 l/100 km on roads at 55.1 t, https://mgs-augustdorf.info/en/sammlung/panzer/details/Kampfpanzer-Leopard-2-A4.php),
// wheeled 1.5 l per tonne per 100 km (assumption: 45 l/100 km for a 30 t truck); 40 l/100 km
// for a vehicle of unknown weight (assumption).
double fuel_litres_per_km(const vehicles::VehicleType* type);

struct TransitDay {
  int day = 0;  // C+day
  int march_units = 0, vehicles = 0;  // with any step in the nation that day
  std::vector<std::string> units;     // their units
  double vehicle_km = 0, fuel_m3 = 0;
  int night_stop_vehicles = 0, roadside_vehicles = 0;  // of night stops starting that day
  int halts = 0;                                       // halts of march units in the nation
  double centre_places_booked = 0, centre_places_offered = 0;  // the nation's centres that night
};

// Where march units stop in the nation: one row per day, place and activity.
struct TransitStop {
  int day = 0;
  std::string activity;  // night_stop, halt, window_wait, ...
  std::string where;     // the centre, or lon,lat
  std::string detail;
  int march_units = 0, vehicles = 0;
  double hours = 0;  // march-unit hours
};

struct TransitFacility {
  std::string kind;  // port, railhead, transshipment, airfield, convoy_support_centre
  std::string name;
  std::string capacity;  // "2 berths, 400 vehicles a day"
  double used_vehicles = 0;
};

struct TransitReport {
  std::string nation, scenario;
  std::vector<TransitDay> days;  // from the first day a march unit is in the nation to the last
  std::vector<TransitStop> stops;
  std::vector<TransitFacility> facilities;
  int march_units = 0, vehicles = 0;  // that enter the nation at all
  double vehicle_km = 0, fuel_m3 = 0;
  std::vector<std::string> notes;
};

struct TransitInputs {
  const planning::Plan& plan;
  const scenario::Scenario& scenario;
  // The type of a vehicle class label (nullptr if unknown), and the nation of a place (empty if unknown).
  std::function<const vehicles::VehicleType*(const std::string&)> vehicle_type;
  std::function<std::string(const scenario::PlaceRef&)> nation_of;
};

TransitReport transit_report(const TransitInputs& in, const std::string& nation);

nlohmann::ordered_json to_json(const TransitReport& r);
std::string transit_text(const TransitReport& r);
std::string transit_csv(const TransitReport& r);  // the per-day table
// Vehicles and centre places per day (bars) and fuel per day, as one SVG document.
std::string transit_svg(const TransitReport& r);

}  // namespace milmob::whatif
