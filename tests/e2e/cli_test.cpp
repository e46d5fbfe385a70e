// End-to-end: the milmob binary on the shipped real extracts.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "network/file.h"
#include "osm/road_profile.h"
#include "support/run_command.h"

namespace milmob {
namespace {

using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::TempDir;
using milmob::testing::write_file;
using nlohmann::json;

const std::string kBin = MILMOB_BINARY;
const std::string kData = MILMOB_DATA_DIR;
const std::string kLiechtenstein = kData + "/osm/liechtenstein-2013-08-03.osm.pbf";
const std::string kMonaco = kData + "/osm/monaco.osm.pbf";

std::string q(const std::string& s) { return "'" + s + "'"; }

struct Extract {
  std::string name, pbf;
  std::vector<std::string> countries;  // expected among the node countries
};
void PrintTo(const Extract& x, std::ostream* os) { *os << x.name; }


class ImportEachExtract : public ::testing::TestWithParam<Extract> {};

TEST_P(ImportEachExtract, SummaryMatchesIndependentCounts) {
  const Extract& x = GetParam();
  TempDir dir;
  const auto imp = run_command(kBin + " import --quiet " + q(x.pbf) + " -o " + dir.path("n.mmnet") + " --json");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const json s = json::parse(imp.out);
  const auto ind = run_command("/usr/bin/python3 " MILMOB_SOURCE_DIR "/tests/e2e/independent_counts.py " + q(x.pbf));
  ASSERT_EQ(ind.exit_code, 0) << ind.err;
  const json c = json::parse(ind.out);
  // Way counts are exact; lengths agree to well under a metre per way.
  EXPECT_EQ(s["import"]["road_ways"], c["road_ways"]);
  EXPECT_EQ(s["import"]["rail_ways"], c["rail_ways"]);
  EXPECT_EQ(s["modes"]["road"]["osm_ways"], c["road_ways"]);
  EXPECT_NEAR(s["modes"]["road"]["km"].get<double>(), c["road_km"].get<double>(), 0.001);
  EXPECT_NEAR(s["modes"]["rail"]["km"].get<double>(), c["rail_km"].get<double>(), 0.001);
  for (const auto& country : x.countries) EXPECT_TRUE(s["countries"].contains(country)) << country;
  EXPECT_GT(s["border_crossings"].get<int>(), 0);
  EXPECT_GT(s["bridges"]["total"].get<int>(), 0);

  // info reads the file back to the same summary.
  const auto info = run_command(kBin + " info " + dir.path("n.mmnet") + " --json");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const json i = json::parse(info.out);
  for (const char* key : {"nodes", "edges", "modes", "bridges", "countries", "places", "border_crossings"})
    EXPECT_EQ(i[key], s[key]) << key;
}

TEST_P(ImportEachExtract, OsmiumToolAgreesOnRoadWays) {
  const Extract& x = GetParam();
  TempDir dir;
  const std::string roads = dir.path("roads.osm.pbf");
  const auto filter = run_command(
      "osmium tags-filter --overwrite -o " + roads + " " + q(x.pbf) +
      " w/highway=motorway,trunk,primary,secondary,tertiary,unclassified,residential,"
      "motorway_link,trunk_link,primary_link,secondary_link,tertiary_link");
  ASSERT_EQ(filter.exit_code, 0) << filter.err;
  const auto areas = run_command("osmium tags-filter --overwrite -o " + dir.path("areas.osm.pbf") + " " + roads + " w/area=yes");
  ASSERT_EQ(areas.exit_code, 0) << areas.err;
  const auto count = [&](const std::string& f) {
    return std::stol(run_command("osmium fileinfo -e -g data.count.ways " + f).out);
  };
  const auto imp = run_command(kBin + " import --quiet " + q(x.pbf) + " -o " + dir.path("n.mmnet") + " --json");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  // osmium cannot filter on node count: ways with fewer than two nodes are counted apart.
  const json report = json::parse(imp.out)["import"];
  EXPECT_EQ(report["road_ways"].get<long>() + report["degenerate_road_ways"].get<long>(),
            count(roads) - count(dir.path("areas.osm.pbf")));
}

TEST_P(ImportEachExtract, SameInputGivesSameBytes) {
  TempDir dir;
  for (const char* name : {"a.mmnet", "b.mmnet"})
    ASSERT_EQ(run_command(kBin + " import -q " + q(GetParam().pbf) + " -o " + dir.path(name)).exit_code, 0);
  EXPECT_EQ(read_file(dir.path("a.mmnet")), read_file(dir.path("b.mmnet")));
}

INSTANTIATE_TEST_SUITE_P(Extracts, ImportEachExtract,
                         ::testing::Values(Extract{"liechtenstein", kLiechtenstein, {"LIE", "CHE", "AUT"}},
                                           Extract{"monaco", kMonaco, {"MCO", "FRA"}}),
                         [](const auto& param_info) { return param_info.param.name; });

class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    net_ = dir_->path("li.mmnet");
    const auto r = run_command(kBin + " import -q " + q(kLiechtenstein) + " -o " + net_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string route(const std::string& args) { return kBin + " route --net " + net_ + " " + args; }
  static void expect_bad_input(const testing::CommandResult& r, const std::string& words) {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
  }
  static TempDir* dir_;
  static std::string net_;
};
TempDir* Cli::dir_ = nullptr;
std::string Cli::net_;

// Southern Liechtenstein to Schaanwald: the tank must leave the bridges a truck takes.
const std::string kFrom = "9.5779252,47.1080167", kTo = "9.5254625,47.2413137";

TEST_F(Cli, RouteJsonHasEveryDocumentedKey) {
  const auto r = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle 'Leopard 2A6' --json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  for (const char* key : {"found", "distance_m", "duration_s", "countries", "border_crossings", "osm_ways", "geometry",
                          "snap", "detours"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_TRUE(j["found"].get<bool>());
  EXPECT_EQ(j["geometry"]["type"], "LineString");
  EXPECT_GE(j["geometry"]["coordinates"].size(), 2u);
  EXPECT_FALSE(j["detours"].empty());
  for (const auto& d : j["detours"]) {
    EXPECT_GT(d["vehicle_value"].get<double>(), d["limit_value"].get<double>());
    EXPECT_GT(d["osm_way"].get<long>(), 0);
  }
  EXPECT_EQ(j["border_crossings"].size() + 1, j["countries"].size());
  EXPECT_LT(j["snap"]["from"]["distance_m"].get<double>(), 1.0);
}

TEST_F(Cli, TankAndTruckRoutesDifferAndTheTextSaysWhy) {
  const auto r = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle 'Leopard 2A6' --vehicle 'MAN HX77'"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("take different roads"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Leopard 2A6 must avoid, where MAN HX77 may pass"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("< vehicle MLC 69 (tracked)"), std::string::npos) << r.out;
}

TEST_F(Cli, ExplicitLimitsWorkLikeACatalogueVehicle) {
  const auto a = run_command(route("--from " + kFrom + " --to " + kTo + " --weight 62 --tracked --height 3 --width 3.7 --speed 70 --json"));
  const auto b = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle 'Leopard 2A6' --json"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(json::parse(a.out)["osm_ways"], json::parse(b.out)["osm_ways"]);
}

TEST_F(Cli, NoRouteExitsThreeAndNamesTheBindingLimit) {
  const auto r = run_command(route("--from 9.5780448,47.1122479 --to 9.5316599,47.1072460 --vehicle 'Leopard 2A6' --json"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const json j = json::parse(r.out);
  EXPECT_FALSE(j["found"].get<bool>());
  ASSERT_FALSE(j["binding_limits"].empty());
  EXPECT_NE(j["binding_limits"][0]["text"].get<std::string>().find("bridge"), std::string::npos);
}

TEST_F(Cli, GeoJsonFileIsAFeatureCollection) {
  const std::string out = dir_->path("route.geojson");
  const auto r = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle Boxer --geojson " + out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json g = json::parse(read_file(out));
  EXPECT_EQ(g["type"], "FeatureCollection");
  ASSERT_FALSE(g["features"].empty());
  EXPECT_EQ(g["features"][0]["geometry"]["type"], "LineString");
}

TEST_F(Cli, EveryAlgorithmGivesTheSameRoute) {
  const auto ch = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle Boxer --json"));
  ASSERT_EQ(ch.exit_code, 0) << ch.err;
  for (const char* algorithm : {"astar", "dijkstra"}) {
    const auto other = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle Boxer --json --algorithm " + algorithm));
    EXPECT_EQ(json::parse(ch.out)["duration_s"], json::parse(other.out)["duration_s"]) << algorithm;
    EXPECT_EQ(json::parse(ch.out)["detours"], json::parse(other.out)["detours"]) << algorithm;
  }
}

TEST_F(Cli, VehiclesListsTheCatalogueWithSources) {
  const auto r = run_command(kBin + " vehicles --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_GE(j.size(), 15u);
  for (const auto& v : j) {
    EXPECT_TRUE(v["sources"].contains("weight_t")) << v["name"];
    EXPECT_TRUE(v["mlc_source"] == "computed" || v["mlc_source"] == "published");
  }
}

TEST_F(Cli, EverySubcommandHasHelp) {
  for (const char* sub : {"import", "info", "route", "vehicles", "matrix", "reach"}) {
    const auto r = run_command(kBin + " " + sub + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("--json"), std::string::npos) << sub;
  }
}

TEST_F(Cli, StrategicImportKeepsOnlyMajorRoadsAndMainLines) {
  const std::string strategic = dir_->path("strategic.mmnet");
  const auto r = run_command(kBin + " import -q " + q(kLiechtenstein) + " -o " + strategic + " --strategic --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto full = json::parse(run_command(kBin + " info " + net_ + " --json").out);
  const json s = json::parse(r.out);
  EXPECT_GT(s["modes"]["road"]["km"].get<double>(), 10.0);
  EXPECT_LT(s["modes"]["road"]["km"].get<double>(), full["modes"]["road"]["km"].get<double>() / 2);
  const MappedNetwork m = MappedNetwork::open(strategic);
  for (EdgeId e = 0; e < m.net().edge_count(); ++e) EXPECT_TRUE(osm::is_strategic(m.net().road_class[e])) << e;
  // The strategic layer still connects the south of the extract with its north for a truck.
  const Network& n = m.net();
  NodeId south = kInvalidId, north = kInvalidId;
  for (NodeId v = 0; v < n.node_count(); ++v) {
    if (n.first_out[v] == n.first_out[v + 1] || n.mode[n.first_out[v]] != Mode::Road) continue;  // road nodes only
    if (south == kInvalidId || n.node_lat_e7[v] < n.node_lat_e7[south]) south = v;
    if (north == kInvalidId || n.node_lat_e7[v] > n.node_lat_e7[north]) north = v;
  }
  ASSERT_NE(south, kInvalidId);
  const auto at = [&](NodeId v) { return fmt::format("{:.7f},{:.7f}", n.node_coord(v).lon, n.node_coord(v).lat); };
  const auto route = run_command(kBin + " route --net " + strategic + " --from " + at(south) + " --to " + at(north) + " --weight 32 --json");
  EXPECT_EQ(route.exit_code, 0) << route.err << route.out;
  EXPECT_GT(json::parse(route.out)["distance_m"].get<double>(), 20000);
}

TEST_F(Cli, MatrixAgreesWithRoute) {
  const std::string points = dir_->path("points.csv");
  write_file(points, "name,lon,lat\nBalzers," + kFrom + "\nSchaanwald," + kTo + "\n");
  const auto m = run_command(kBin + " matrix --net " + net_ + " --points " + points + " --vehicle 'Leopard 2A6' --json");
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const json j = json::parse(m.out);
  EXPECT_EQ(j["points"], json({"Balzers", "Schaanwald"}));
  EXPECT_EQ(j["duration_s"][0][0].get<double>(), 0.0);
  const auto r = run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle 'Leopard 2A6' --json"));
  EXPECT_NEAR(j["duration_s"][0][1].get<double>(), json::parse(r.out)["duration_s"].get<double>(), 0.001);
}

TEST_F(Cli, MatrixNamesTheBadLineOfThePointsFile) {
  const std::string points = dir_->path("bad-points.csv");
  write_file(points, "name,lon,lat\nBalzers," + kFrom + "\nSomewhere,north,east\n");
  expect_bad_input(run_command(kBin + " matrix --net " + net_ + " --points " + points + " --vehicle Boxer"),
                   points + ":3: point: expected NAME,LON,LAT");
}

TEST_F(Cli, ReachGrowsWithTimeAndShrinksWithLimits) {
  auto km = [&](const std::string& args) {
    const auto r = run_command(kBin + " reach --net " + net_ + " --from 9.5209,47.1410 --json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out)["road_km"].get<double>();
  };
  const double truck_5 = km("--hours 0.05 --weight 32"), truck_10 = km("--hours 0.1 --weight 32");
  const double tank_10 = km("--hours 0.1 --weight 32 --mlc 69 --tracked");
  EXPECT_GT(truck_5, 0);
  EXPECT_GT(truck_10, truck_5);
  EXPECT_LE(tank_10, truck_10);
  const std::string geojson = dir_->path("reach.geojson");
  ASSERT_EQ(run_command(kBin + " reach --net " + net_ + " --from 9.5209,47.1410 --hours 0.1 --weight 32 --geojson " + geojson)
                .exit_code,
            0);
  EXPECT_EQ(json::parse(read_file(geojson))["features"][0]["geometry"]["type"], "MultiLineString");
}

// Bad input: a clear message naming what is wrong, exit code 2, nothing written.
TEST_F(Cli, ImportOfMissingFile) {
  const auto r = run_command(kBin + " import /nonexistent/x.osm.pbf -o " + dir_->path("x.mmnet"));
  expect_bad_input(r, "/nonexistent/x.osm.pbf");
}

TEST_F(Cli, ImportOfTruncatedPbf) {
  const std::string pbf = read_file(kMonaco);
  const std::string cut = dir_->path("cut.osm.pbf"), out = dir_->path("cut.mmnet");
  write_file(cut, pbf.substr(0, pbf.size() / 2));
  expect_bad_input(run_command(kBin + " import -q " + cut + " -o " + out), cut);
  EXPECT_TRUE(read_file(out).empty());
}

TEST_F(Cli, ImportOfNonPbfFile) {
  const std::string f = dir_->path("notes.osm.pbf");
  write_file(f, "these are notes, not OpenStreetMap data\n");
  expect_bad_input(run_command(kBin + " import -q " + f + " -o " + dir_->path("n.mmnet")), f);
}

TEST_F(Cli, RouteOnCorruptNetworkFile) {
  std::string bytes = read_file(net_);
  bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x10);
  const std::string bad = dir_->path("bad.mmnet");
  write_file(bad, bytes);
  expect_bad_input(run_command(kBin + " route --net " + bad + " --from " + kFrom + " --to " + kTo + " --vehicle Boxer"),
                   "corrupt");
  expect_bad_input(run_command(kBin + " info " + bad), "corrupt");
}

TEST_F(Cli, RouteFromOutsideTheNetwork) {
  expect_bad_input(run_command(route("--from 2.35,48.85 --to " + kTo + " --vehicle Boxer")), "--from");
}

TEST_F(Cli, RouteWithUnknownVehicle) {
  expect_bad_input(run_command(route("--from " + kFrom + " --to " + kTo + " --vehicle 'Tiger VI'")), "unknown vehicle 'Tiger VI'");
}

TEST_F(Cli, RouteWithNonsenseNumbers) {
  expect_bad_input(run_command(route("--from " + kFrom + " --to " + kTo + " --weight -5")), "--weight");
  expect_bad_input(run_command(route("--from " + kFrom + " --to " + kTo + " --weight 62 --height 4000")), "--height");
  expect_bad_input(run_command(route("--from abc --to " + kTo + " --weight 30")), "--from");
  expect_bad_input(run_command(route("--from 9.5,147 --to " + kTo + " --weight 30")), "latitude");
  expect_bad_input(run_command(route("--from " + kFrom + " --to " + kTo)), "--vehicle");
}

}  // namespace
}  // namespace milmob
