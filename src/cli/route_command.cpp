#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/commands.h"
#include "cli/arguments.h"
#include "cli/vehicle_options.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "network/file.h"
#include "report/route_report.h"

namespace milmob::cli {

namespace {

struct RouteArgs {
  std::string net, from, to, geojson, algorithm = "ch";
  double max_snap_m = 1000;
  bool json = false, no_explain = false;
  VehicleOptions vehicle;
};

// What separates the route of each further vehicle from the first one's: the ways that only
// one of the two must avoid.
std::string compare_text(const std::vector<routing::Route>& routes) {
  auto only_in = [](const routing::Route& a, const routing::Route& b) {
    std::vector<const routing::Block*> out;
    for (const auto& d : a.detours) {
      const bool shared = std::any_of(b.detours.begin(), b.detours.end(), [&](const routing::Block& o) {
        return o.osm_way_id == d.osm_way_id;
      });
      if (!shared) out.push_back(&d);
    }
    return out;
  };
  std::string t;
  const routing::Route& base = routes.front();
  for (std::size_t i = 1; i < routes.size(); ++i) {
    const routing::Route& r = routes[i];
    if (!base.found || !r.found) continue;
    if (base.osm_ways == r.osm_ways) {
      t += fmt::format("\n{} and {} take the same roads.\n", base.vehicle, r.vehicle);
      continue;
    }
    t += fmt::format("\n{} and {} take different roads: {} is {:.1f} km and {:.0f} min {}.\n", base.vehicle, r.vehicle,
                     base.vehicle, std::abs(base.distance_m - r.distance_m) / 1000,
                     std::abs(base.duration_s - r.duration_s) / 60, base.duration_s >= r.duration_s ? "longer" : "shorter");
    for (const auto& [who, other] : {std::pair{&base, &r}, std::pair{&r, &base}}) {
      const auto own = only_in(*who, *other);
      if (own.empty()) continue;
      t += fmt::format("  {} must avoid, where {} may pass:\n", who->vehicle, other->vehicle);
      for (const auto* d : own) t += fmt::format("    {}\n", d->text);
    }
  }
  return t;
}

int run_route(const RouteArgs& a) {
  const geo::LonLat from = parse_point("--from", a.from), to = parse_point("--to", a.to);
  if (!(a.max_snap_m > 0)) throw InputError("--max-snap", "expected a distance above 0 m");
  const routing::Algorithm algorithm = parse_algorithm(a.algorithm);
  const std::vector<vehicles::VehicleLimits> vehicles = a.vehicle.resolve();
  const MappedNetwork mapped = MappedNetwork::open(a.net);
  routing::Router router(mapped.net());

  std::vector<routing::Route> routes;
  for (const auto& v : vehicles)
    routes.push_back(router.route({from, to, v, a.max_snap_m, algorithm, !a.no_explain}));

  if (!a.geojson.empty()) {
    nlohmann::json all = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (const auto& r : routes) {
      nlohmann::json one = report::route_to_geojson(r);
      for (auto& f : one["features"]) {
        f["properties"]["vehicle"] = r.vehicle;
        all["features"].push_back(f);
      }
    }
    write_file_atomically(a.geojson, [&](std::ostream& out) { out << all.dump() << "\n"; });
  }
  if (a.json) {
    if (routes.size() == 1) {
      std::cout << report::route_to_json(routes.front()).dump(2) << "\n";
    } else {
      nlohmann::json j = {{"routes", nlohmann::json::array()}};
      for (const auto& r : routes) j["routes"].push_back(report::route_to_json(r));
      std::cout << j.dump(2) << "\n";
    }
  } else {
    for (const auto& r : routes) std::cout << report::route_to_text(r);
    if (routes.size() > 1) std::cout << compare_text(routes);
  }
  for (const auto& r : routes)
    if (!r.found) return kExitNoRoute;
  return kExitOk;
}

}  // namespace

void add_route_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto args = std::make_shared<RouteArgs>();
  CLI::App* cmd = app.add_subcommand("route", "Fastest route for a vehicle, with what its limits changed");
  cmd->add_option("--net", args->net, "Network file written by 'milmob import'")->required();
  cmd->add_option("--from", args->from, "Start as LON,LAT or a place name")->required();
  cmd->add_option("--to", args->to, "Destination as LON,LAT or a place name")->required();
  args->vehicle.add_to(*cmd);
  cmd->add_option("--algorithm", args->algorithm,
                  "ch (contraction hierarchy, default), astar, or dijkstra (the reference)")
      ->check(CLI::IsMember({"ch", "astar", "dijkstra"}));
  cmd->add_option("--max-snap", args->max_snap_m, "Farthest distance from a point to the network (m)")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the route as JSON (docs/cli.md)");
  cmd->add_option("--geojson", args->geojson, "Also write the route as GeoJSON to this file");
  cmd->add_flag("--no-explain", args->no_explain, "Skip the comparison with an unconstrained vehicle");
  cmd->callback([args, &exit_code] { exit_code = run_route(*args); });
}

}  // namespace milmob::cli
