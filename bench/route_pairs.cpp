// route_pairs NET PAIRS.csv [--vehicle-weight T] [--tracked] [--mlc N]
//             [--algorithm ch|astar|dijkstra] [--repeat K] [--limit N]
//
// Routes every pair of a query file (src_lon,src_lat,dst_lon,dst_lat) in-process and prints one
// JSON line of per-query latencies. One warm-up pass first, then K measured passes, as the
// reference engines were measured (perf/anchors.md: "second pass reported"). Pairs whose
// points lie farther than 1000 m from any road are counted as unsnapped and not timed.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "network/file.h"
#include "routing/router.h"
#include "routing/vehicle_cost.h"
#include "vehicles/mlc.h"
#include "vehicles/vehicle.h"

namespace {

using milmob::InputError;
using milmob::geo::LonLat;
namespace routing = milmob::routing;
namespace vehicles = milmob::vehicles;

struct QueryPair {
  LonLat from, to;
};

struct Options {
  std::string net_path, pairs_path;
  std::optional<double> weight_t, mlc;
  bool tracked = false;
  routing::Algorithm algorithm = routing::Algorithm::CH;
  int repeat = 1;
  std::size_t limit = 0;  // only the first N pairs (0: all)
};

double parse_number(std::string_view text, const std::string& what) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    throw InputError(what, fmt::format("expected a number, got '{}'", text));
  return value;
}

// The header line is skipped; every other non-empty line must hold four numbers.
std::vector<QueryPair> read_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the query pairs file");
  std::vector<QueryPair> pairs;
  std::string line;
  for (long line_no = 1; std::getline(in, line); ++line_no) {
    if (line_no == 1 || line.empty()) continue;
    double v[4];
    std::string_view rest = line;
    for (int i = 0; i < 4; ++i) {
      const std::size_t comma = i < 3 ? rest.find(',') : rest.size();
      if (comma == std::string_view::npos)
        throw InputError(path, line_no, "pair", "expected src_lon,src_lat,dst_lon,dst_lat");
      v[i] = parse_number(rest.substr(0, comma), fmt::format("{}:{}", path, line_no));
      rest.remove_prefix(std::min(rest.size(), comma + 1));
    }
    pairs.push_back({{v[0], v[1]}, {v[2], v[3]}});
  }
  return pairs;
}

Options parse_options(int argc, char** argv) {
  Options o;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw InputError(arg, "expected a value");
      return argv[++i];
    };
    if (arg == "--vehicle-weight") o.weight_t = parse_number(value(), arg);
    else if (arg == "--mlc") o.mlc = parse_number(value(), arg);
    else if (arg == "--tracked") o.tracked = true;
    else if (arg == "--repeat") o.repeat = static_cast<int>(parse_number(value(), arg));
    else if (arg == "--limit") o.limit = static_cast<std::size_t>(parse_number(value(), arg));
    else if (arg == "--algorithm") {
      const std::string name = value();
      if (name == "ch") o.algorithm = routing::Algorithm::CH;
      else if (name == "astar") o.algorithm = routing::Algorithm::AStar;
      else if (name == "dijkstra") o.algorithm = routing::Algorithm::Dijkstra;
      else throw InputError(arg, fmt::format("expected ch, astar or dijkstra, got '{}'", name));
    } else if (arg.starts_with("--")) throw InputError(arg, "unknown option");
    else positional.push_back(arg);
  }
  if (positional.size() != 2) throw InputError("usage", "route_pairs NET PAIRS.csv [--vehicle-weight T] [--tracked] "
                                                        "[--mlc N] [--algorithm ch|astar|dijkstra] [--repeat K] [--limit N]");
  if (o.repeat < 1) throw InputError("--repeat", "expected at least 1");
  o.net_path = positional[0];
  o.pairs_path = positional[1];
  return o;
}

// Without a weight the vehicle has no physical limits (a plain car); MLC defaults to the
// class computed from weight, as 'milmob route --weight' does.
vehicles::VehicleLimits limits_of(const Options& o) {
  vehicles::VehicleLimits v;
  v.label = "unconstrained";
  v.tracked = o.tracked;
  if (o.weight_t) v.weight_t = *o.weight_t;
  if (o.mlc) v.mlc = *o.mlc;
  else if (o.weight_t) v.mlc = vehicles::mlc_from_weight(*o.weight_t, o.tracked);
  if (o.weight_t || o.mlc)
    v.label = fmt::format("{}{}MLC {:g}", o.tracked ? "tracked " : "", o.weight_t ? fmt::format("{:g} t ", *o.weight_t) : "",
                          v.mlc);
  return v;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

int run(const Options& o) {
  std::vector<QueryPair> pairs = read_pairs(o.pairs_path);
  if (o.limit > 0 && pairs.size() > o.limit) pairs.resize(o.limit);
  const milmob::MappedNetwork mapped = milmob::MappedNetwork::open(o.net_path);
  routing::Router router(mapped.net());
  const vehicles::VehicleLimits vehicle = limits_of(o);
  // Preparation (cost, and for ch the hierarchy and its customization) is timed apart.
  auto start = std::chrono::steady_clock::now();
  if (o.algorithm == routing::Algorithm::CH) router.topology();
  const std::chrono::duration<double, std::milli> topology_ms = std::chrono::steady_clock::now() - start;
  start = std::chrono::steady_clock::now();
  router.prepare(vehicle, o.algorithm);
  const std::chrono::duration<double, std::milli> prepare_ms = std::chrono::steady_clock::now() - start;

  std::vector<bool> snapped(pairs.size(), true);
  std::vector<double> times_ms;
  std::size_t found = 0;
  for (int pass = 0; pass <= o.repeat; ++pass) {  // pass 0 warms up
    found = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (!snapped[i]) continue;
      const routing::RouteRequest request{pairs[i].from, pairs[i].to, vehicle, 1000, o.algorithm, false};
      const auto query_start = std::chrono::steady_clock::now();
      try {
        found += router.route(request).found ? 1 : 0;
      } catch (const InputError&) {
        snapped[i] = false;  // only the warm-up pass can get here
        continue;
      }
      const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - query_start;
      if (pass > 0) times_ms.push_back(elapsed.count());
    }
  }

  const auto unsnapped = static_cast<std::size_t>(std::count(snapped.begin(), snapped.end(), false));
  double total_ms = 0;
  for (const double t : times_ms) total_ms += t;
  std::sort(times_ms.begin(), times_ms.end());
  const double n = static_cast<double>(times_ms.size());
  fmt::print(
      "{{\"pairs\":{},\"found\":{},\"unsnapped\":{},\"p50_ms\":{:.4f},\"p90_ms\":{:.4f},\"p99_ms\":{:.4f},"
      "\"mean_ms\":{:.4f},\"queries_per_s\":{:.1f},\"algorithm\":\"{}\",\"vehicle\":\"{}\",\"passes\":{},"
      "\"topology_ms\":{:.1f},\"customize_ms\":{:.1f}}}\n",
      pairs.size(), found, unsnapped, percentile(times_ms, 50), percentile(times_ms, 90), percentile(times_ms, 99),
      n > 0 ? total_ms / n : 0.0, total_ms > 0 ? n / (total_ms / 1000.0) : 0.0,
      routing::algorithm_name(o.algorithm), vehicle.label, o.repeat, topology_ms.count(), prepare_ms.count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_options(argc, argv));
  } catch (const InputError& e) {
    fmt::print(stderr, "route_pairs: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "route_pairs: internal error: {}\n", e.what());
    return 1;
  }
}
