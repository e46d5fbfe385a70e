// Checks across sections, after everything is read: dates out of order, and warnings for
// values that are allowed but suspicious.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "geo/distance.h"
#include "scenario/loader_internal.h"
#include "scenario/time_expr.h"

namespace milmob::scenario::detail {

namespace {

constexpr double kStraightLineKmh = 60;       // faster than any road march averages: a lower bound
constexpr double kFarFromMovementKm = 150;    // a convoy support centre this far off every unit's line

// Distance (km) from p to the great-circle segment a-b, on a local equirectangular projection:
// good to a few percent at these scales, which is all a warning needs.
double km_to_segment(const geo::LonLat& p, const geo::LonLat& a, const geo::LonLat& b) {
  const double k = std::cos(p.lat * M_PI / 180);
  const double ax = (a.lon - p.lon) * k, ay = a.lat - p.lat, bx = (b.lon - p.lon) * k, by = b.lat - p.lat;
  const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  const double t = len2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
  const double x = ax + t * dx, y = ay + t * dy;
  return std::sqrt(x * x + y * y) * 111.195;
}

}  // namespace

void Loader::cross_checks() {
  std::set<std::string> in_package;
  for (const auto& p : out.force_packages) in_package.insert(p.units.begin(), p.units.end());
  for (std::size_t i = 0; i < out.units.size(); ++i) {
    const Unit& u = out.units[i];
    const std::string path = fmt::format("units[{}]", i);
    const auto it = items.find(path);
    if (it == items.end()) continue;
    const YAML::Node& node = it->second;
    // A unit without `equipment` has its error already; a missing key is an invalid node to yaml-cpp.
    if (const YAML::Node equipment = node["equipment"]; equipment.IsDefined() && equipment.IsSequence() && equipment.size() == 0)
      report_warning(diag, equipment, path + ".equipment", "the unit has no vehicles: it cannot move by road");
    if (!out.force_packages.empty() && !u.id.empty() && !in_package.count(u.id))
      report_warning(diag, node, path, fmt::format("unit '{}' is in no force package", u.id));
    if (u.earliest_arrival && unit_timed[i] && *u.earliest_arrival > u.required_delivery)
      report_error(diag, node["earliest_arrival"], path + ".earliest_arrival",
                   fmt::format("earliest arrival {} is after the required delivery date {}",
                               format_time(*u.earliest_arrival), format_time(u.required_delivery)));
    if (!unit_timed[i] || !unit_placed[i]) continue;
    const auto ready = static_cast<Minutes>(std::lround(u.notice_to_move_h * 60));
    const double km = geo::haversine_m(u.home.where, u.destination.where) / 1000;
    if (u.required_delivery < ready) {
      report_warning(diag, node["required_delivery"], path + ".required_delivery",
                     fmt::format("required delivery {} is before the notice to move ends ({})",
                                 format_time(u.required_delivery), format_time(ready)));
    } else if (u.required_delivery < ready + static_cast<Minutes>(km / kStraightLineKmh * 60)) {
      report_warning(diag, node["required_delivery"], path + ".required_delivery",
                     fmt::format("required delivery {} leaves {} after the notice to move for {:.0f} km in a "
                                 "straight line: not even {} km/h would make it",
                                 format_time(u.required_delivery), format_duration(u.required_delivery - ready), km,
                                 kStraightLineKmh));
    }
    if (km < 1)
      report_warning(diag, node["destination"], path + ".destination", "the destination is the unit's home");
  }

  // A convoy support centre serves units passing by: far from every unit's direct line it
  // is probably misplaced (or named after the wrong town).
  if (!out.units.empty()) {
    for (std::size_t i = 0; i < out.resources.convoy_support_centres.size(); ++i) {
      const auto& c = out.resources.convoy_support_centres[i];
      const std::string path = fmt::format("resources.convoy_support_centres[{}]", i);
      const auto it = items.find(path);
      if (it == items.end() || !it->second["place"].IsDefined()) continue;
      double nearest = 1e9;
      for (std::size_t k = 0; k < out.units.size(); ++k)
        if (unit_placed[k]) {
          const Unit& u = out.units[k];
          nearest = std::min(nearest, km_to_segment(c.place.where, u.home.where, u.destination.where));
        }
      if (nearest == 1e9) continue;  // no unit placed: nothing to compare with
      if (nearest > kFarFromMovementKm)
        report_warning(diag, it->second["place"], path + ".place",
                       fmt::format("{:.0f} km from the direct line of every unit's move: is this the right place?",
                                   nearest));
    }
  }
}

}  // namespace milmob::scenario::detail
