#include "server/vehicle_request.h"

#include <fmt/format.h>

#include <cmath>

#include "scenario/vehicle_lookup.h"
#include "server/api_error.h"
#include "server/json_body.h"
#include "vehicles/mlc.h"

namespace milmob::server {

namespace {

// The same plausible ranges as the command line's: anything outside is a typo, not a vehicle.
struct LimitField {
  const char* key;
  double max;
  double vehicles::VehicleLimits::*target;
};
constexpr LimitField kLimitFields[] = {
    {"weight_t", 500, &vehicles::VehicleLimits::weight_t},   {"axle_load_t", 100, &vehicles::VehicleLimits::axle_load_t},
    {"height_m", 10, &vehicles::VehicleLimits::height_m},    {"width_m", 10, &vehicles::VehicleLimits::width_m},
    {"mlc", 200, &vehicles::VehicleLimits::mlc},             {"speed_kmh", 200, &vehicles::VehicleLimits::max_speed_kmh},
};

}  // namespace

vehicles::VehicleLimits vehicle_from_request(const nlohmann::json& body, const vehicles::Catalogue& catalogue,
                                             const scenario::Scenario* scenario) {
  const nlohmann::json* name = member(body, "vehicle");
  const nlohmann::json* limits = member(body, "limits");
  if (name == nullptr && limits == nullptr)
    throw ApiError(422, "missing_field", "give \"vehicle\" (a name from GET /vehicles) or \"limits\" (weight_t, mlc, ...)",
                   "vehicle");
  vehicles::VehicleLimits v;
  if (name != nullptr) {
    if (!name->is_string()) throw ApiError(422, "bad_field", "expected a vehicle name", "vehicle");
    const std::string n = name->get<std::string>();
    const vehicles::VehicleType* t =
        scenario != nullptr ? scenario::find_vehicle_type(*scenario, catalogue, n) : catalogue.find(n);
    if (t == nullptr) throw ApiError(422, "unknown_vehicle", fmt::format("unknown vehicle '{}'; GET /vehicles lists them", n), "vehicle");
    v = vehicles::limits_of(*t);
  }
  if (limits == nullptr) return v;
  if (!limits->is_object()) throw ApiError(422, "bad_field", "expected an object of limits", "limits");
  for (const auto& [key, value] : limits->items()) {
    const std::string field = "limits." + key;
    if (key == "tracked") {
      v.tracked = bool_member(*limits, "tracked", field);
      continue;
    }
    const LimitField* f = nullptr;
    for (const auto& candidate : kLimitFields)
      if (key == candidate.key) f = &candidate;
    if (f == nullptr)
      throw ApiError(422, "unknown_field", "not a limit; known: weight_t, axle_load_t, height_m, width_m, mlc, tracked, speed_kmh",
                     field);
    const double x = number_member(*limits, key.c_str(), field);
    if (!(x > 0 && x <= f->max))
      throw ApiError(422, "out_of_range", fmt::format("expected a number above 0 and at most {:g}, got {:g}", f->max, x), field);
    v.*(f->target) = x;
  }
  // A changed weight makes a catalogue MLC stale unless it was given too.
  if (member(*limits, "mlc") == nullptr && member(*limits, "weight_t") != nullptr)
    v.mlc = vehicles::mlc_from_weight(v.weight_t, v.tracked);
  if (name == nullptr) {
    if (!std::isfinite(v.weight_t) && !std::isfinite(v.mlc))
      throw ApiError(422, "missing_field", "limits need at least weight_t or mlc", "limits.weight_t");
    v.label = fmt::format("{}{:g} t{}", v.tracked ? "tracked " : "", std::isfinite(v.weight_t) ? v.weight_t : 0.0,
                          std::isfinite(v.mlc) ? fmt::format(" MLC {:g}", v.mlc) : "");
  }
  return v;
}

}  // namespace milmob::server
