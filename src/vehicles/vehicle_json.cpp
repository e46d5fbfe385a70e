#include "vehicles/vehicle_json.h"

#include <cmath>

namespace milmob::vehicles {

namespace {
nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json to_json(const VehicleType& v) {
  return {{"name", v.name},
          {"aliases", v.aliases},
          {"nation", v.nation},
          {"category", v.category},
          {"tracked", v.tracked},
          {"weight_t", number_or_null(v.weight_t)},
          {"length_m", number_or_null(v.length_m)},
          {"width_m", number_or_null(v.width_m)},
          {"height_m", number_or_null(v.height_m)},
          {"axle_load_t", number_or_null(v.axle_load_t)},
          {"mlc", number_or_null(v.mlc)},
          {"mlc_source", v.mlc_computed ? "computed" : "published"},
          {"road_speed_kmh", number_or_null(v.road_speed_kmh)},
          {"sources", v.sources},
          {"notes", v.notes}};
}

}  // namespace milmob::vehicles
