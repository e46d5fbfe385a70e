// milmob.Network and milmob.Route: a network file mapped once, routed by the library's Router
// with the same request and the same JSON as `milmob route --json` (cli/route_command.cpp).
#include <fmt/format.h>
#include <pybind11/chrono.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "cli/arguments.h"
#include "cli/vehicle_options.h"
#include "common/error.h"
#include "network/file.h"
#include "network/summary.h"
#include "python/src/bindings.h"
#include "python/src/errors.h"
#include "python/src/to_python.h"
#include "report/route_report.h"

namespace milmob::python {

namespace {

// The command's option names in library messages, as this module's parameters call them.
const std::map<std::string, std::string> kParameterOf = {
    {"--from", "from_"}, {"--to", "to"}, {"--vehicle", "vehicle"}, {"--catalogue", "catalogue"},
    {"--weight", "limits['weight_t']"}, {"--axle-load", "limits['axle_load_t']"}, {"--height", "limits['height_m']"},
    {"--width", "limits['width_m']"}, {"--mlc", "limits['mlc']"}, {"--speed", "limits['speed_kmh']"},
    {"--max-snap", "max_snap_m"}};

[[noreturn]] void rethrow_with_parameter_names(const InputError& e) {
  std::string message = e.what();
  for (const auto& [option, parameter] : kParameterOf)
    if (message.rfind(option + ":", 0) == 0) {
      message = parameter + message.substr(option.size());
      break;
    }
  throw InputError(message);
}

// (lon, lat), [lon, lat], "LON,LAT" or a place name, as `--from` takes them.
geo::LonLat point_of(const py::handle& value, const std::string& parameter) {
  if (py::isinstance<py::str>(value)) return cli::parse_point(parameter, value.cast<std::string>());
  if (py::isinstance<py::sequence>(value) && py::len(value) == 2) {
    const auto seq = value.cast<py::sequence>();
    const geo::LonLat p{seq[0].cast<double>(), seq[1].cast<double>()};
    if (!geo::is_valid(p))
      throw InputError(parameter, "longitude must lie in -180..180 and latitude in -90..90");
    return p;
  }
  throw py::type_error(parameter + ": expected (lon, lat) or a place name");
}

// vehicle= and limits= as the command's --vehicle and --weight, --height, ... options.
cli::VehicleOptions vehicle_options(const std::optional<std::string>& vehicle, const std::optional<py::dict>& limits,
                                    const std::string& catalogue) {
  cli::VehicleOptions o;
  o.catalogue = catalogue;
  if (vehicle) o.names.push_back(*vehicle);
  if (limits) {
    const std::map<std::string, std::optional<double>*> numbers = {
        {"weight_t", &o.weight_t}, {"axle_load_t", &o.axle_load_t}, {"height_m", &o.height_m},
        {"width_m", &o.width_m},   {"mlc", &o.mlc},                 {"speed_kmh", &o.speed_kmh}};
    for (const auto& [key, value] : *limits) {
      const auto name = key.cast<std::string>();
      if (name == "tracked") {
        o.tracked = value.cast<bool>();
      } else if (const auto it = numbers.find(name); it != numbers.end()) {
        *it->second = value.cast<double>();
      } else {
        throw InputError("limits", "unknown key '" + name +
                                       "'; expected weight_t, axle_load_t, height_m, width_m, mlc, tracked, speed_kmh");
      }
    }
  }
  if (!vehicle && !o.weight_t && !o.mlc)
    throw InputError("vehicle", "give a vehicle from the catalogue (vehicle=\"Leopard 2A6\") or its limits "
                                "(limits={\"weight_t\": 40, ...}: at least weight_t or mlc)");
  return o;
}

routing::Algorithm algorithm_of(const std::string& name) {
  if (name != "ch" && name != "astar" && name != "dijkstra")
    throw InputError("algorithm", "'" + name + "': expected ch, astar or dijkstra");
  return cli::parse_algorithm(name);
}

class NetworkHandle {
 public:
  explicit NetworkHandle(const std::string& path)
      : path_(path),
        mapped_(std::make_unique<MappedNetwork>(MappedNetwork::open(path))),
        router_(std::make_unique<routing::Router>(mapped_->net())) {}

  const std::string& path() const { return path_; }
  const Network& net() const { return mapped_->net(); }

  // What `milmob info --json` prints.
  nlohmann::json info() const {
    nlohmann::json j = to_json(summarize(mapped_->net()));
    j["file"] = path_;
    j["file_bytes"] = mapped_->file_size();
    return j;
  }

  // The request's vehicle from `options`, against the catalogue loaded at the first use.
  RouteResult route(routing::RouteRequest request, const cli::VehicleOptions& options) {
    const std::lock_guard lock(mutex_);  // the Router keeps state between requests
    static const vehicles::Catalogue kNone;
    const vehicles::Catalogue* catalogue = &kNone;
    if (!options.names.empty()) {
      auto it = catalogues_.find(options.catalogue);
      if (it == catalogues_.end()) {
        const std::string path = options.catalogue.empty() ? vehicles::default_catalogue_path() : options.catalogue;
        it = catalogues_.emplace(options.catalogue, vehicles::Catalogue::load(path)).first;
      }
      catalogue = &it->second;
    }
    request.vehicle = options.resolve(*catalogue).front();
    RouteResult r{router_->route(request), {}};
    r.json = report::route_to_json(r.route);
    return r;
  }

 private:
  std::string path_;
  std::unique_ptr<MappedNetwork> mapped_;
  std::unique_ptr<routing::Router> router_;
  std::map<std::string, vehicles::Catalogue> catalogues_;  // by the path given ("" = the shipped one)
  std::mutex mutex_;
};

py::object route_field(const RouteResult& r, const char* key) {
  return r.json.contains(key) ? to_python(r.json[key]) : py::none();
}

}  // namespace

void bind_network(py::module_& m) {
  py::class_<RouteResult>(m, "Route", R"doc(
A route of one vehicle between two points: what ``milmob route --json`` prints, as attributes.

Returned by :meth:`Network.route`; carried by :class:`NoRouteError` (``found`` false, with
``reason`` and ``binding_limits``) when no route exists. ``__geo_interface__`` makes it a
GeoJSON Feature for GeoPandas (``GeoDataFrame.from_features(routes)``); ``geometry`` is the
LineString alone (``shapely.geometry.shape(route.geometry)``).)doc")
      .def_property_readonly("found", [](const RouteResult& r) { return r.route.found; },
                             "True when a route exists for the vehicle.")
      .def_property_readonly("vehicle", [](const RouteResult& r) { return r.route.vehicle; },
                             "The vehicle (catalogue name) or the label of the limits routed.")
      .def_property_readonly("distance_m", [](const RouteResult& r) { return route_field(r, "distance_m"); },
                             "Length in metres (to the centimetre, as the JSON); None without a route.")
      .def_property_readonly(
          "distance_km",
          [](const RouteResult& r) -> py::object {
            if (!r.route.found) return py::none();
            return py::float_(r.json["distance_m"].get<double>() / 1000);
          },
          "Length in kilometres; None without a route.")
      .def_property_readonly("duration_s", [](const RouteResult& r) { return route_field(r, "duration_s"); },
                             "Driving time in seconds at the vehicle's speeds; None without a route.")
      .def_property_readonly(
          "duration",
          [](const RouteResult& r) -> py::object {
            if (!r.route.found) return py::none();
            return py::cast(std::chrono::duration<double>(r.json["duration_s"].get<double>()));
          },
          "Driving time as a datetime.timedelta; None without a route.")
      .def_property_readonly("countries", [](const RouteResult& r) { return r.route.countries; },
                             "ISO alpha-3 codes of the countries crossed, in order.")
      .def_property_readonly("border_crossings", [](const RouteResult& r) { return route_field(r, "border_crossings"); },
                             "Border crossings: dicts with from, to, lon, lat.")
      .def_property_readonly("way_ids", [](const RouteResult& r) { return r.route.osm_ways; },
                             "OSM way ids along the route, in order (GIS edges have none).")
      .def_property_readonly("geometry", [](const RouteResult& r) { return route_field(r, "geometry"); },
                             "The route as a GeoJSON LineString dict ([lon, lat] to 1e-7 degree); None without a route.")
      .def_property_readonly("detours", [](const RouteResult& r) { return route_field(r, "detours"); },
                             "Limits that forced the route off an unconstrained vehicle's route: dicts with osm_way, "
                             "name, limit, limit_value, vehicle_value, text.")
      .def_property_readonly("binding_limits", [](const RouteResult& r) { return route_field(r, "binding_limits"); },
                             "Without a route: the limits that cut the vehicle off (same dicts as detours).")
      .def_property_readonly("reason", [](const RouteResult& r) { return route_field(r, "reason"); },
                             "Without a route: one sentence saying why; None otherwise.")
      .def_property_readonly("unconstrained", [](const RouteResult& r) { return route_field(r, "unconstrained"); },
                             "The same trip for a vehicle without physical limits (found, distance_m, duration_s); "
                             "None when explain=False.")
      .def_property_readonly("__geo_interface__",
                             [](const RouteResult& r) -> py::object {
                               const nlohmann::json fc = report::route_to_geojson(r.route);
                               if (!r.route.found) return py::none();
                               return to_python(fc["features"][0]);
                             },
                             "A GeoJSON Feature (LineString with vehicle, distance_m, duration_s, countries).")
      .def("to_dict", [](const RouteResult& r) { return to_python(r.json); },
           "The route exactly as ``milmob route --json`` prints it (docs/cli.md).")
      .def("to_geojson", [](const RouteResult& r) { return to_python(report::route_to_geojson(r.route)); },
           "A GeoJSON FeatureCollection: the route and its border crossings, as ``milmob route --geojson`` writes.")
      .def("__repr__", [](const RouteResult& r) {
        if (!r.route.found) return "<milmob.Route " + r.route.vehicle + ": no route>";
        return fmt::format("<milmob.Route {}: {:.1f} km, {:.0f} min>", r.route.vehicle, r.route.distance_m / 1000,
                           r.route.duration_s / 60);
      });

  py::class_<NetworkHandle, std::shared_ptr<NetworkHandle>>(m, "Network", R"doc(
A network file written by ``milmob import``, mapped into memory, ready to route.

``Network.load(path)`` (or ``Network(path)``) maps the file; it raises :class:`InputError` when
the file is missing, truncated, corrupt or of another version.)doc")
      .def(py::init([](const std::filesystem::path& path) {
             py::gil_scoped_release release;
             return std::make_shared<NetworkHandle>(path.string());
           }),
           py::arg("path"), "Maps the network file at ``path``.")
      .def_static(
          "load",
          [](const std::filesystem::path& path) {
            py::gil_scoped_release release;
            return std::make_shared<NetworkHandle>(path.string());
          },
          py::arg("path"), "Maps the network file at ``path`` (a file written by ``milmob import``).")
      .def_property_readonly("path", &NetworkHandle::path, "The file this network was loaded from.")
      .def(
          "info",
          [](const NetworkHandle& n) {
            nlohmann::json j;
            {
              py::gil_scoped_release release;
              j = n.info();
            }
            return to_python(j);
          },
          "What the network holds, as ``milmob info --json`` prints it: nodes, edges, km per mode, bridges, "
          "limits, countries, rail gauges, file and file_bytes.")
      .def(
          "route",
          [](NetworkHandle& n, const py::object& from, const py::object& to, const std::optional<std::string>& vehicle,
             const std::optional<py::dict>& limits, const std::optional<std::filesystem::path>& catalogue, double max_snap_m,
             const std::string& algorithm, bool explain) {
            RouteResult r;
            try {
              routing::RouteRequest request;
              request.from = point_of(from, "--from");
              request.to = point_of(to, "--to");
              if (!(max_snap_m > 0)) throw InputError("--max-snap", "expected a distance above 0 m");
              request.algorithm = algorithm_of(algorithm);
              request.max_snap_m = max_snap_m;
              request.explain = explain;
              const cli::VehicleOptions options = vehicle_options(vehicle, limits, catalogue ? catalogue->string() : "");
              py::gil_scoped_release release;
              r = n.route(request, options);
            } catch (const InputError& e) {
              rethrow_with_parameter_names(e);
            }
            if (!r.route.found) throw NoRoute(std::move(r));
            return r;
          },
          py::arg("from_"), py::arg("to"), py::kw_only(), py::arg("vehicle") = py::none(),
          py::arg("limits") = py::none(), py::arg("catalogue") = py::none(), py::arg("max_snap_m") = 1000.0,
          py::arg("algorithm") = "ch", py::arg("explain") = true,
          R"doc(
The fastest route for a vehicle, as ``milmob route --json`` finds it.

from_, to: (lon, lat), "LON,LAT" or a place name ("Vlissingen", data/places.yaml or Natural Earth).
vehicle: a vehicle of the catalogue (``milmob.vehicles()``), e.g. "Leopard 2A6"; or
limits: a dict of weight_t, axle_load_t, height_m, width_m, mlc, tracked, speed_kmh (with
    vehicle: they override its figures, as the command's options do).
catalogue: another vehicle catalogue file (default: the shipped data/vehicles.yaml).
max_snap_m: farthest distance from a point to the network.
algorithm: "ch" (default), "astar" or "dijkstra" (the reference).
explain: compare with an unconstrained vehicle (detours, binding limits).

Raises InputError (a ValueError) for an unknown vehicle or place, a bad limit or a point too
far from the network; NoRouteError (its ``route`` says why) when no route exists. Releases the
GIL while it searches.)doc")
      .def("__repr__", [](const NetworkHandle& n) { return "<milmob.Network " + n.path() + ">"; });

  m.def(
      "vehicles",
      [](const std::optional<std::filesystem::path>& catalogue) {
        return vehicles::Catalogue::load(catalogue ? catalogue->string() : vehicles::default_catalogue_path()).names();
      },
      py::arg("catalogue") = py::none(), "Names of the vehicles of the catalogue (default: the shipped data/vehicles.yaml).");
}

}  // namespace milmob::python
