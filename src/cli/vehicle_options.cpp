#include "cli/vehicle_options.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "common/error.h"
#include "vehicles/mlc.h"

namespace milmob::cli {

namespace {
// Plausible ranges: anything outside is a typo, not a vehicle.
void check_range(const char* option, const std::optional<double>& v, double max, const char* unit) {
  if (v && (!std::isfinite(*v) || *v <= 0 || *v > max))
    throw InputError(option, fmt::format("expected a number above 0 and at most {:g} {}, got {:g}", max, unit, *v));
}
}  // namespace

void VehicleOptions::add_to(CLI::App& cmd) {
  cmd.add_option("--vehicle", names, "Vehicle from the catalogue (see 'milmob vehicles'); repeat to compare");
  cmd.add_option("--catalogue", catalogue, "Vehicle catalogue (default: the shipped data/vehicles.yaml)");
  cmd.add_option("--weight", weight_t, "Gross weight (t)");
  cmd.add_option("--axle-load", axle_load_t, "Heaviest axle load (t)");
  cmd.add_option("--height", height_m, "Height (m)");
  cmd.add_option("--width", width_m, "Width (m)");
  cmd.add_option("--mlc", mlc, "Military load class (default: computed from --weight)");
  cmd.add_flag("--tracked", tracked, "A tracked vehicle (its MLC is checked against mlc:tracked)");
  cmd.add_option("--speed", speed_kmh, "Maximum road speed (km/h)");
}

std::vector<vehicles::VehicleLimits> VehicleOptions::resolve() const {
  if (names.empty()) return resolve(vehicles::Catalogue());
  return resolve(vehicles::Catalogue::load(catalogue.empty() ? vehicles::default_catalogue_path() : catalogue));
}

std::vector<vehicles::VehicleLimits> VehicleOptions::resolve(const vehicles::Catalogue& cat) const {
  check_range("--weight", weight_t, 500, "t");
  check_range("--axle-load", axle_load_t, 100, "t");
  check_range("--height", height_m, 10, "m");
  check_range("--width", width_m, 10, "m");
  check_range("--mlc", mlc, 200, "");
  check_range("--speed", speed_kmh, 200, "km/h");

  auto apply_explicit = [&](vehicles::VehicleLimits& v, bool mlc_from_weight) {
    if (weight_t) v.weight_t = *weight_t;
    if (axle_load_t) v.axle_load_t = *axle_load_t;
    if (height_m) v.height_m = *height_m;
    if (width_m) v.width_m = *width_m;
    if (tracked) v.tracked = true;
    if (speed_kmh) v.max_speed_kmh = *speed_kmh;
    if (mlc) v.mlc = *mlc;
    else if (mlc_from_weight && std::isfinite(v.weight_t)) v.mlc = vehicles::mlc_from_weight(v.weight_t, v.tracked);
  };

  std::vector<vehicles::VehicleLimits> out;
  if (names.empty()) {
    if (!weight_t && !mlc)
      throw InputError("--vehicle", "give a vehicle from the catalogue (--vehicle NAME) or its limits (--weight T ...)");
    vehicles::VehicleLimits v;
    apply_explicit(v, true);
    v.label = fmt::format("{}{:g} t{}", tracked ? "tracked " : "", weight_t.value_or(0),
                          std::isfinite(v.mlc) ? fmt::format(" MLC {:g}", v.mlc) : "");
    out.push_back(v);
    return out;
  }
  for (const auto& name : names) {
    const vehicles::VehicleType* t = cat.find(name);
    if (t == nullptr)
      throw InputError("--vehicle", fmt::format("unknown vehicle '{}'; known: {}", name, fmt::join(cat.names(), ", ")));
    vehicles::VehicleLimits v = vehicles::limits_of(*t);
    // A changed weight makes the catalogue MLC stale unless it was given too.
    apply_explicit(v, weight_t.has_value());
    out.push_back(v);
  }
  return out;
}

}  // namespace milmob::cli
