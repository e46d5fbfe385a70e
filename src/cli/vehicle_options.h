#pragma once
// --vehicle NAME and the explicit limits (--weight, --axle-load, --height, --width, --mlc,
// --tracked, --speed) shared by the commands that route vehicles.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vehicles/catalogue.h"

namespace milmob::cli {

struct VehicleOptions {
  std::vector<std::string> names;
  std::string catalogue;
  std::optional<double> weight_t, axle_load_t, height_m, width_m, mlc, speed_kmh;
  bool tracked = false;

  void add_to(CLI::App& cmd);
  // One constraint set per --vehicle (explicit limits override the catalogue's figures), or one
  // from the explicit limits alone. Throws InputError naming the option on nonsense.
  std::vector<vehicles::VehicleLimits> resolve() const;
  // The same against a catalogue already loaded (the Python module keeps one); `catalogue` is
  // then ignored.
  std::vector<vehicles::VehicleLimits> resolve(const vehicles::Catalogue& cat) const;
};

}  // namespace milmob::cli
