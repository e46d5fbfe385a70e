#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/vehicle_options.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "network/file.h"
#include "routing/batch.h"

namespace milmob::cli {

namespace {

struct ReachArgs {
  std::string net, from, geojson;
  double hours = 0, max_snap_m = 1000;
  bool json = false;
  VehicleOptions vehicle;
};

// What a vehicle reaches within the time budget: each road edge with the fraction of it that
// can be driven (from its tail) in time.
struct Reached {
  EdgeId edge;
  double fraction;
};

void run_reach(const ReachArgs& a) {
  const geo::LonLat from = parse_point("--from", a.from);
  if (!(a.hours > 0) || a.hours > 24 * 30) throw InputError("--hours", "expected a time above 0 and at most 720 hours");
  const std::vector<vehicles::VehicleLimits> vehicles = a.vehicle.resolve();
  if (vehicles.size() != 1) throw InputError("--vehicle", "give one vehicle");
  const MappedNetwork mapped = MappedNetwork::open(a.net);
  const Network& net = mapped.net();
  routing::Router router(net);
  const routing::PreparedClass& c = router.prepare(vehicles.front(), routing::Algorithm::CH);
  const auto snap = router.snap_index().nearest(from, [&](EdgeId e) { return c.cost.usable(e); }, a.max_snap_m);
  if (!snap)
    throw InputError("--from", fmt::format("{} is farther than {:g} m from any road this vehicle may use", a.from, a.max_snap_m));
  const auto times = routing::times_from(net, router.topology(), router.cch_query(), *c.metric, c.cost, *snap);
  const auto budget = static_cast<std::uint64_t>(a.hours * 3600.0 * 1000.0);

  std::vector<Reached> reached;
  std::vector<double> shape_cover(net.shape_first.size() - 1, 0.0);
  std::size_t nodes = 0;
  for (NodeId v = 0; v < net.node_count(); ++v) nodes += times[v] <= budget;
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    const std::uint64_t t0 = times[net.tail[e]];
    if (!c.cost.usable(e) || t0 > budget) continue;
    const double f = std::min(1.0, static_cast<double>(budget - t0) / std::max<double>(1, c.cost.time_ms[e]));
    reached.push_back({e, f});
    auto& cover = shape_cover[net.shape[e] & ~kShapeReversed];
    cover = std::min(1.0, cover + f);  // both directions of a road cover it from both ends
  }
  double km = 0;
  std::map<std::string, double> km_by_country;
  for (const Reached& r : reached) {
    const std::uint32_t s = net.shape[r.edge] & ~kShapeReversed;
    if (shape_cover[s] == 0) continue;  // counted through the other direction already
    const double k = shape_cover[s] * net.length_m[r.edge] / 1000.0;
    km += k;
    km_by_country[std::string(net.country_code(net.node_country[net.tail[r.edge]]))] += k;
    shape_cover[s] = 0;
  }
  if (!a.geojson.empty()) {
    nlohmann::json lines = nlohmann::json::array();
    for (const Reached& r : reached) {
      nlohmann::json line = nlohmann::json::array();
      for (const auto& p : routing::edge_polyline(net, r.edge, 0, r.fraction)) line.push_back({p.lon, p.lat});
      lines.push_back(line);
    }
    const nlohmann::json doc = {
        {"type", "FeatureCollection"},
        {"features",
         {{{"type", "Feature"},
           {"geometry", {{"type", "MultiLineString"}, {"coordinates", lines}}},
           {"properties", {{"vehicle", vehicles.front().label}, {"hours", a.hours}}}},
          {{"type", "Feature"},
           {"geometry", {{"type", "Point"}, {"coordinates", {snap->point.lon, snap->point.lat}}}},
           {"properties", {{"kind", "start"}}}}}}};
    write_file_atomically(a.geojson, [&](std::ostream& out) { out << doc.dump() << "\n"; });
  }
  if (a.json) {
    nlohmann::json j = {{"vehicle", vehicles.front().label}, {"hours", a.hours},    {"nodes_reached", nodes},
                        {"road_km", km},                     {"countries", nlohmann::json::object()},
                        {"snap_distance_m", snap->distance_m}};
    for (const auto& [code, k] : km_by_country) j["countries"][code.empty() ? "unknown" : code] = k;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << fmt::format("{} reaches {:.1f} km of road ({} junctions) within {:g} h", vehicles.front().label, km,
                             nodes, a.hours);
    for (const auto& [code, k] : km_by_country) std::cout << fmt::format("; {} {:.1f} km", code.empty() ? "unknown" : code, k);
    std::cout << "\n";
  }
}

}  // namespace

void add_reach_command(CLI::App& app, const GlobalOptions&, int&) {
  auto args = std::make_shared<ReachArgs>();
  CLI::App* cmd = app.add_subcommand("reach", "Everything a vehicle can reach from a point within a time (isochrone)");
  cmd->add_option("--net", args->net, "Network file written by 'milmob import'")->required();
  cmd->add_option("--from", args->from, "Start as LON,LAT or a place name")->required();
  cmd->add_option("--hours", args->hours, "Time budget (hours)")->required();
  args->vehicle.add_to(*cmd);
  cmd->add_option("--max-snap", args->max_snap_m, "Farthest distance from the start to the network (m)")
      ->capture_default_str();
  cmd->add_option("--geojson", args->geojson, "Write the reachable roads as GeoJSON to this file");
  cmd->add_flag("--json", args->json, "Print the summary as JSON");
  cmd->callback([args] { run_reach(*args); });
}

}  // namespace milmob::cli
