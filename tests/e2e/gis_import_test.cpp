// End-to-end: `milmob import` of GIS line layers, alone and stitched to an OSM extract, then
// routes across them.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "geo/distance.h"
#include "support/run_command.h"

namespace milmob {
namespace {

using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::TempDir;
using nlohmann::json;

const std::string kBin = MILMOB_BINARY;
const std::string kData = MILMOB_DATA_DIR;
const std::string kGisData = std::string(MILMOB_SOURCE_DIR) + "/tests/data/gis/";
const std::string kLiechtenstein = kData + "/osm/liechtenstein-2013-08-03.osm.pbf";
// A hand-drawn line from Bludenz through the Walgau to the Liechtenstein border at Feldkirch,
// beyond the extract but for its last few hundred metres.
const std::string kWalgau = kGisData + "walgau.geojson";
const std::string kBludenz = "9.8225,47.1547";       // the GIS line's east end: no OSM road near it
const std::string kBalzers = "9.5779252,47.1080167";  // southern Liechtenstein, on an OSM road

bool has_point(const json& coordinates, double lon, double lat) {
  for (const auto& c : coordinates)
    if (std::abs(c[0].get<double>() - lon) < 1e-6 && std::abs(c[1].get<double>() - lat) < 1e-6) return true;
  return false;
}

class GisImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    net_ = dir_->path("walgau-li.mmnet");
    const auto r = run_command(kBin + " import -q " + kWalgau + " " + kLiechtenstein + " -o " + net_ + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    summary_ = new json(json::parse(r.out));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete dir_;
  }
  static void expect_bad_input(const testing::CommandResult& r, const std::string& words) {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
  }
  static TempDir* dir_;
  static std::string net_;
  static json* summary_;
};
TempDir* GisImport::dir_ = nullptr;
std::string GisImport::net_;
json* GisImport::summary_ = nullptr;

TEST_F(GisImport, TheSummarySaysWhatTheLayerAndTheStitchBrought) {
  const json& g = (*summary_)["gis"];
  EXPECT_EQ(g["inputs"], json({kWalgau}));
  EXPECT_EQ(g["lines"], 1);
  EXPECT_EQ(g["nodes"], 2);
  EXPECT_EQ(g["edges"], 2);
  // The west end lies inside the extract's box: joined to the nearest OSM road node.
  EXPECT_EQ(g["stitch"]["nodes"], 1);
  EXPECT_EQ(g["stitch"]["edges"], 2);
  EXPECT_LT(g["stitch"]["longest_m"].get<double>(), 1000);
  // GIS and stitch edges are not OSM ways.
  const auto li = run_command(kBin + " import -q " + kLiechtenstein + " -o " + dir_->path("li.mmnet") + " --json");
  ASSERT_EQ(li.exit_code, 0) << li.err;
  EXPECT_EQ((*summary_)["modes"]["road"]["osm_ways"], json::parse(li.out)["modes"]["road"]["osm_ways"]);
}

TEST_F(GisImport, RoutesFromTheGisLayerAcrossTheStitchIntoLiechtenstein) {
  const auto r = run_command(kBin + " route --net " + net_ + " --from " + kBludenz + " --to " + kBalzers +
                             " --vehicle Boxer --json");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j["found"].get<bool>());
  // 27 km of GIS line, then about 20 km of Liechtenstein's roads.
  EXPECT_GT(j["distance_m"].get<double>(), 40000);
  EXPECT_LT(j["distance_m"].get<double>(), 60000);
  EXPECT_EQ(j["countries"][0], "AUT");
  EXPECT_NE(std::find(j["countries"].begin(), j["countries"].end(), "LIE"), j["countries"].end());
  EXPECT_EQ(j["osm_ways"][0], 0);  // the GIS line
  EXPECT_GT(j["osm_ways"].back().get<long>(), 0);
  EXPECT_TRUE(has_point(j["geometry"]["coordinates"], 9.8225, 47.1547));
  EXPECT_TRUE(has_point(j["geometry"]["coordinates"], 9.56, 47.235));  // the stitched end of the line
}

TEST_F(GisImport, SameInputsGiveSameBytes) {
  const std::string again = dir_->path("again.mmnet");
  ASSERT_EQ(run_command(kBin + " import -q " + kWalgau + " " + kLiechtenstein + " -o " + again).exit_code, 0);
  EXPECT_EQ(read_file(net_), read_file(again));
}

TEST_F(GisImport, AGisLayerAloneIsANetwork) {
  const std::string net = dir_->path("walgau.mmnet");
  const auto imp = run_command(kBin + " import -q " + kWalgau + " -o " + net + " --json");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_FALSE(json::parse(imp.out)["gis"].contains("stitch"));
  const auto r = run_command(kBin + " route --net " + net + " --from " + kBludenz + " --to 9.56,47.235 --weight 30 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const double expected = geo::haversine_m({9.8225, 47.1547}, {9.70, 47.185}) + geo::haversine_m({9.70, 47.185}, {9.56, 47.235});
  EXPECT_NEAR(json::parse(r.out)["distance_m"].get<double>(), expected, 1.0);
}

TEST_F(GisImport, AMappingFileRenamesTheFields) {
  const std::string net = dir_->path("national.mmnet");
  const auto imp = run_command(kBin + " import -q " + kGisData + "roads_national.geojson --mapping " + kGisData +
                               "roads_national.yaml -o " + net + " --json");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const json s = json::parse(imp.out);
  EXPECT_EQ(s["gis"]["mapping"], kGisData + "roads_national.yaml");
  EXPECT_EQ(s["gis"]["lines"], 3);  // the closed road is filtered out
  EXPECT_EQ(s["segments_with_weight_limit"], 2);
}

TEST_F(GisImport, BadMappingFileNamesLineAndField) {
  const std::string out = dir_->path("bad.mmnet");
  const auto r = run_command(kBin + " import -q " + kGisData + "roads_national.geojson --mapping " + kGisData +
                             "bad_mapping.yaml -o " + out);
  expect_bad_input(r, kGisData + "bad_mapping.yaml:5: layers[0].mode: expected one of road, rail, sea, transfer, got 'boat'");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(GisImport, BadFeatureValueNamesFileLayerFeatureAndField) {
  expect_bad_input(run_command(kBin + " import -q " + kGisData + "bad_values.geojson " + kLiechtenstein + " -o " +
                               dir_->path("bad.mmnet")),
                   kGisData + "bad_values.geojson: layer 'bad_values' feature 1: field 'speed_kmh' = 'fast': "
                              "expected a number >= 0 for speed_kmh");
}

TEST_F(GisImport, BadOptions) {
  expect_bad_input(run_command(kBin + " import -q " + kLiechtenstein + " --mapping " + kGisData + "roads_national.yaml -o " +
                               dir_->path("x.mmnet")),
                   "--mapping: applies to GIS inputs (.geojson, .json, .gpkg, .shp), and none was given");
  expect_bad_input(run_command(kBin + " import -q " + kWalgau + " " + kLiechtenstein + " --stitch-radius -1 -o " +
                               dir_->path("x.mmnet")),
                   "--stitch-radius: expected a distance in km, 0 or more");
  expect_bad_input(run_command(kBin + " import -q /nonexistent/roads.gpkg -o " + dir_->path("x.mmnet")),
                   "/nonexistent/roads.gpkg: file not found");
  const auto help = run_command(kBin + " import --help");
  EXPECT_NE(help.out.find("--mapping"), std::string::npos);
  EXPECT_NE(help.out.find("--stitch-radius"), std::string::npos);
}

}  // namespace
}  // namespace milmob
