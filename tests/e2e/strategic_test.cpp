// The shipped strategic layer (data/strategic/europe.geojson): it is what its source file
// generates, it imports, and it routes across Europe between named places.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.h"

namespace {

using milmob::testing::run_command;
using milmob::testing::TempDir;
using nlohmann::json;

const std::string kBin = MILMOB_BINARY;
const std::string kEurope = std::string(MILMOB_DATA_DIR) + "/strategic/europe.geojson";

class Strategic : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    net_ = dir_->path("europe.mmnet");
    const auto r = run_command(kBin + " import -q " + kEurope + " -o " + net_ + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    summary_ = json::parse(r.out);
  }
  static void TearDownTestSuite() { delete dir_; }

  static json route(const std::string& from, const std::string& to, const std::string& vehicle) {
    const auto r = run_command(kBin + " route --net " + net_ + " --from '" + from + "' --to '" + to + "' --vehicle '" +
                               vehicle + "' --json");
    EXPECT_EQ(r.exit_code, 0) << from << " -> " << to << ": " << r.err << r.out;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  static TempDir* dir_;
  static std::string net_;
  static json summary_;
};
TempDir* Strategic::dir_ = nullptr;
std::string Strategic::net_;
json Strategic::summary_;

TEST(StrategicLayer, IsWhatLinksYamlGenerates) {
  const auto r = run_command(std::string("cd '") + MILMOB_SOURCE_DIR + "' && /usr/bin/python3 tools/build_strategic.py --check");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(Strategic, CoversTheCorridorNationsByRoadRailAndSea) {
  std::string countries = summary_.dump();
  for (const char* nation : {"NLD", "BEL", "DEU", "POL", "LTU", "LVA", "EST"})
    EXPECT_NE(countries.find(nation), std::string::npos) << nation;
  EXPECT_NE(countries.find("1520"), std::string::npos);  // the Baltic broad gauge
  EXPECT_NE(countries.find("1435"), std::string::npos);
}

// The flagship movement: a tank from the port of Vlissingen to Rukla, by name, 0 m snapping.
TEST_F(Strategic, LeopardFromVlissingenToRuklaByName) {
  const json r = route("Vlissingen", "Rukla", "Leopard 2A6");
  ASSERT_FALSE(r.is_null());
  const double km = r["distance_m"].get<double>() / 1000;
  EXPECT_GT(km, 1650);  // about 1,650-1,850 km by road (data/strategic/README.md)
  EXPECT_LT(km, 1850);
  EXPECT_EQ(r.dump().find("\"LTU\"") != std::string::npos, true);
}

TEST_F(Strategic, PortToRailheadDistancesMatchTheCitedFigures) {
  // Bremerhaven -> Bergen-Hohne: about 160 km (DOMAIN.md, kaiserslauternamerican.com).
  const json r = route("Bremerhaven", "Bergen-Hohne", "M1A2 SEP Abrams");
  ASSERT_FALSE(r.is_null());
  EXPECT_NEAR(r["distance_m"].get<double>() / 1000, 160, 25);
  // Riga -> Tallinn by the Via Baltica: about 310 km.
  const json v = route("Riga", "Tallinn", "Boxer");
  ASSERT_FALSE(v.is_null());
  EXPECT_NEAR(v["distance_m"].get<double>() / 1000, 310, 30);
}

TEST_F(Strategic, UnknownPlaceNamesGetSuggestions) {
  const auto r = run_command(kBin + " route --net " + net_ + " --from Vlisingen --to Rukla --vehicle Boxer");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--from: unknown place 'Vlisingen' (did you mean 'Vlissingen'?)"), std::string::npos) << r.err;
}

}  // namespace
