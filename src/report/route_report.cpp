#include "report/route_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

namespace milmob::report {

namespace {

double round_to(double v, double unit) { return std::round(v / unit) * unit; }

nlohmann::json coords(const geo::LonLat& p) { return {round_to(p.lon, 1e-7), round_to(p.lat, 1e-7)}; }

nlohmann::json line_string(const std::vector<geo::LonLat>& pts) {
  nlohmann::json c = nlohmann::json::array();
  for (const auto& p : pts) c.push_back(coords(p));
  return {{"type", "LineString"}, {"coordinates", c}};
}

nlohmann::json blocks_json(const std::vector<routing::Block>& blocks) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& b : blocks)
    a.push_back({{"osm_way", b.osm_way_id}, {"name", b.name}, {"limit", routing::limit_key(b.limit.kind)},
                 {"limit_value", b.limit.limit}, {"vehicle_value", b.limit.value}, {"text", b.text}});
  return a;
}

nlohmann::json snap_json(const std::optional<routing::SnapReport>& s) {
  if (!s) return nullptr;
  return {{"distance_m", round_to(s->distance_m, 0.01)}, {"point", coords(s->point)}};
}

std::string duration_text(double s) {
  const auto total = static_cast<long>(std::lround(s));
  return fmt::format("{}h{:02}m{:02}s", total / 3600, total / 60 % 60, total % 60);
}

}  // namespace

nlohmann::json route_to_json(const routing::Route& r) {
  nlohmann::json j;
  j["found"] = r.found;
  j["vehicle"] = r.vehicle;
  if (r.found) {
    j["distance_m"] = round_to(r.distance_m, 0.01);
    j["duration_s"] = round_to(r.duration_s, 0.001);
  } else {
    j["distance_m"] = nullptr;
    j["duration_s"] = nullptr;
    j["reason"] = r.reason;
  }
  j["countries"] = r.countries;
  j["border_crossings"] = nlohmann::json::array();
  for (const auto& b : r.border_crossings)
    j["border_crossings"].push_back({{"from", b.from}, {"to", b.to}, {"lon", round_to(b.where.lon, 1e-7)},
                                     {"lat", round_to(b.where.lat, 1e-7)}});
  j["osm_ways"] = r.osm_ways;
  j["geometry"] = r.found ? line_string(r.geometry) : nlohmann::json(nullptr);
  j["snap"] = {{"from", snap_json(r.snap_from)}, {"to", snap_json(r.snap_to)}};
  j["detours"] = blocks_json(r.detours);
  if (!r.found) j["binding_limits"] = blocks_json(r.binding_limits);
  j["legal_restrictions"] = nlohmann::json::array();
  for (const auto& l : r.legal)
    j["legal_restrictions"].push_back({{"osm_way", l.osm_way_id}, {"name", l.name}, {"restriction", l.restriction}});
  if (r.compared) {
    j["unconstrained"] = {{"found", r.unconstrained_found}};
    if (r.unconstrained_found)
      j["unconstrained"].update({{"distance_m", round_to(r.unconstrained_distance_m, 0.01)},
                                 {"duration_s", round_to(r.unconstrained_duration_s, 0.001)}});
  }
  return j;
}

nlohmann::json route_to_geojson(const routing::Route& r) {
  nlohmann::json features = nlohmann::json::array();
  if (r.found)
    features.push_back({{"type", "Feature"},
                        {"geometry", line_string(r.geometry)},
                        {"properties", {{"vehicle", r.vehicle}, {"distance_m", round_to(r.distance_m, 0.01)},
                                        {"duration_s", round_to(r.duration_s, 0.001)}, {"countries", r.countries}}}});
  for (const auto& b : r.border_crossings)
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", coords(b.where)}}},
                        {"properties", {{"kind", "border_crossing"}, {"from", b.from}, {"to", b.to}}}});
  return {{"type", "FeatureCollection"}, {"features", features}};
}

std::string route_to_text(const routing::Route& r) {
  std::string t;
  if (r.found) {
    t += fmt::format("{}: {:.1f} km in {}", r.vehicle, r.distance_m / 1000, duration_text(r.duration_s));
    if (!r.countries.empty()) t += fmt::format(" through {}", fmt::join(r.countries, " > "));
    t += "\n";
  } else {
    t += fmt::format("{}: no route: {}\n", r.vehicle, r.reason);
  }
  for (const auto& b : r.border_crossings)
    t += fmt::format("  border {} > {} at {:.5f},{:.5f}\n", b.from, b.to, b.where.lon, b.where.lat);
  if (r.snap_from && r.snap_to)
    t += fmt::format("  snapped {:.0f} m from the start, {:.0f} m from the destination\n", r.snap_from->distance_m,
                     r.snap_to->distance_m);
  if (r.compared && r.unconstrained_found && r.found) {
    if (r.detours.empty())
      t += "  same as the route of a vehicle without physical limits\n";
    else
      t += fmt::format("  {:+.1f} km and {} longer than a vehicle without physical limits, because:\n",
                       (r.distance_m - r.unconstrained_distance_m) / 1000,
                       duration_text(r.duration_s - r.unconstrained_duration_s));
  }
  for (const auto& b : r.detours) t += fmt::format("    {}\n", b.text);
  if (!r.found && !r.binding_limits.empty()) {
    t += "  the route a vehicle without physical limits takes is closed to it by:\n";
    for (const auto& b : r.binding_limits) t += fmt::format("    {}\n", b.text);
  }
  for (const auto& l : r.legal)
    t += fmt::format("  legal (reported, not enforced): way {} {}: {}\n", l.osm_way_id,
                     l.name.empty() ? "" : "'" + l.name + "'", l.restriction);
  return t;
}

}  // namespace milmob::report
