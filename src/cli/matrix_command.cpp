#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/vehicle_options.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "network/file.h"
#include "routing/batch.h"

namespace milmob::cli {

namespace {

struct NamedPoint {
  std::string name;
  geo::LonLat where;
  long line = 0;
};

// Lines "NAME,LON,LAT" or "LON,LAT"; '#' starts a comment; a first line that is not a point is a header.
std::vector<NamedPoint> read_points(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the points file");
  std::vector<NamedPoint> points;
  std::string line;
  for (long n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields;
    std::stringstream s(line);
    for (std::string f; std::getline(s, f, ',');) fields.push_back(f);
    NamedPoint p{"", {}, n};
    try {
      if (fields.size() == 2) p.where = parse_lonlat("", fields[0] + "," + fields[1]);
      else if (fields.size() == 3) p.name = fields[0], p.where = parse_lonlat("", fields[1] + "," + fields[2]);
      else throw InputError("");
    } catch (const InputError&) {
      if (n == 1) continue;  // a header
      throw InputError(path, n, "point", fmt::format("expected NAME,LON,LAT or LON,LAT in degrees, got '{}'", line));
    }
    if (p.name.empty()) p.name = fmt::format("{:.6f},{:.6f}", p.where.lon, p.where.lat);
    points.push_back(p);
  }
  if (points.empty()) throw InputError(path, "no points in the file");
  return points;
}

struct MatrixArgs {
  std::string net, points, output;
  double max_snap_m = 1000;
  bool json = false;
  VehicleOptions vehicle;
};

void run_matrix(const MatrixArgs& a) {
  const std::vector<NamedPoint> points = read_points(a.points);
  const std::vector<vehicles::VehicleLimits> vehicles = a.vehicle.resolve();
  if (vehicles.size() != 1) throw InputError("--vehicle", "give one vehicle for a matrix");
  const MappedNetwork mapped = MappedNetwork::open(a.net);
  routing::Router router(mapped.net());
  const routing::PreparedClass& c = router.prepare(vehicles.front(), routing::Algorithm::CH);
  std::vector<routing::Snap> snaps;
  for (const auto& p : points) {
    const auto s = router.snap_index().nearest(p.where, [&](EdgeId e) { return c.cost.usable(e); }, a.max_snap_m);
    if (!s)
      throw InputError(a.points, p.line, "point",
                       fmt::format("'{}' is farther than {:g} m from any road this vehicle may use", p.name, a.max_snap_m));
    snaps.push_back(*s);
  }
  const auto m = routing::time_matrix(mapped.net(), router.cch_query(), *c.metric, c.cost, snaps, snaps);
  const std::size_t n = points.size();
  auto seconds = [&](std::size_t i, std::size_t j) { return static_cast<double>(m[i * n + j]) / 1000.0; };
  if (a.json) {
    nlohmann::json j = {{"vehicle", vehicles.front().label}, {"points", nlohmann::json::array()},
                        {"duration_s", nlohmann::json::array()}};
    for (const auto& p : points) j["points"].push_back(p.name);
    for (std::size_t r = 0; r < n; ++r) {
      nlohmann::json row = nlohmann::json::array();
      for (std::size_t col = 0; col < n; ++col)
        row.push_back(m[r * n + col] == routing::kNoTime ? nlohmann::json(nullptr) : nlohmann::json(seconds(r, col)));
      j["duration_s"].push_back(row);
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  // CSV: travel time in seconds from the row's point to the column's; empty where no route.
  std::string csv = "from\\to";
  for (const auto& p : points) csv += "," + p.name;
  csv += "\n";
  for (std::size_t r = 0; r < n; ++r) {
    csv += points[r].name;
    for (std::size_t col = 0; col < n; ++col)
      csv += m[r * n + col] == routing::kNoTime ? "," : fmt::format(",{:.3f}", seconds(r, col));
    csv += "\n";
  }
  if (a.output.empty()) std::cout << csv;
  else write_file_atomically(a.output, [&](std::ostream& out) { out << csv; });
}

}  // namespace

void add_matrix_command(CLI::App& app, const GlobalOptions&, int&) {
  auto args = std::make_shared<MatrixArgs>();
  CLI::App* cmd = app.add_subcommand("matrix", "Travel times between every pair of points, for one vehicle");
  cmd->add_option("--net", args->net, "Network file written by 'milmob import'")->required();
  cmd->add_option("--points", args->points, "CSV of points: NAME,LON,LAT or LON,LAT per line")->required();
  args->vehicle.add_to(*cmd);
  cmd->add_option("--max-snap", args->max_snap_m, "Farthest distance from a point to the network (m)")
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Write the CSV table here instead of standard output");
  cmd->add_flag("--json", args->json, "Print the table as JSON");
  cmd->callback([args] { run_matrix(*args); });
}

}  // namespace milmob::cli
