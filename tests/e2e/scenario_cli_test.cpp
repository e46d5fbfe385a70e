// `milmob check` and `milmob forces` on the shipped examples: valid, canonical round trip through
// --dump, force requirements that add up.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.h"

namespace {

using milmob::testing::run_command;
using milmob::testing::TempDir;

const std::string kMilmob = MILMOB_BINARY;
const std::string kExamples = std::string(MILMOB_SOURCE_DIR) + "/examples/";

class Example : public ::testing::TestWithParam<std::string> {};

TEST_P(Example, DumpIsCanonical) {
  TempDir tmp;
  const auto first = run_command(kMilmob + " check --dump " + kExamples + GetParam());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  milmob::testing::write_file(tmp.path("dump.yaml"), first.out);
  const auto second = run_command(kMilmob + " check --dump " + tmp.path("dump.yaml"));
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(second.out, first.out);
}

TEST_P(Example, ForcesAddUpOverUnitsPackagesAndTotal) {
  const auto r = run_command(kMilmob + " forces --json " + kExamples + GetParam());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  int vehicles = 0, wagons = 0;
  double weight = 0;
  for (const auto& u : j["units"]) {
    vehicles += u["vehicles"].get<int>();
    weight += u["weight_t"].get<double>();
    wagons += u["rail_wagons"].get<int>();
    EXPECT_GT(u["vehicles"].get<int>(), 0) << u["id"];
  }
  EXPECT_EQ(j["total"]["vehicles"].get<int>(), vehicles);
  EXPECT_NEAR(j["total"]["weight_t"].get<double>(), weight, 0.1 * static_cast<double>(j["units"].size()));
  EXPECT_EQ(j["total"]["rail_wagons"].get<int>(), wagons);  // wagons are counted per type, so they add up
  EXPECT_GE(j["total"]["ships"].get<int>(), 1);
  EXPECT_GT(j["total"]["strictest"]["max_weight_t"].get<double>(), 0);
  int in_packages = 0;
  for (const auto& p : j["force_packages"]) in_packages += p["vehicles"].get<int>();
  EXPECT_LE(in_packages, vehicles);
}

INSTANTIATE_TEST_SUITE_P(Examples, Example,
                         ::testing::Values("vjtf-baltic.yaml", "defender-europe.yaml", "liechtenstein-exercise.yaml"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string id = param.param.substr(0, param.param.find('.'));
                           for (char& c : id)
                             if (c == '-') c = '_';
                           return id;
                         });

TEST(ForcesCommand, RefusesABadScenarioWithExitTwo) {
  const auto r = run_command(kMilmob + " forces " + MILMOB_SOURCE_DIR +
                             "/tests/data/scenarios/bad/16-unknown-vehicle.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown vehicle type 'Leopard 9'"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(ForcesCommand, NamesTheStrictestVehiclesAndWhatItCouldNotCount) {
  const auto r = run_command(kMilmob + " forces " + kExamples + "vjtf-baltic.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("heaviest: Leopard 2A6 (62 t)"), std::string::npos) << r.out;
  // The catalogue has no length for the HX77: said once for the total, with the count.
  const std::string note = "x MAN HX77: length unknown";
  const std::size_t at = r.out.find(note);
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(note, at + 1), std::string::npos) << r.out;
}

}  // namespace

namespace {

// A home in Vienna is outside the Liechtenstein extract: only seen once the extract is imported.
TEST(CheckCommand, ImportsOsmSourcesOnlyWhenAskedAndThenSeesAHomeOutsideThem) {
  TempDir tmp;
  const std::string scenario = tmp.path("vienna.yaml");
  milmob::testing::write_file(scenario, std::string(R"(name: "Vienna to Vaduz"
time: {c_day: 2027-03-01}
network:
  sources: [{path: )") + MILMOB_DATA_DIR + R"(/osm/liechtenstein-2013-08-03.osm.pbf}]
units:
  - id: u1
    nation: AUT
    home: "Vienna"
    destination: [9.521, 47.141]
    equipment: [{type: Boxer, count: 2}]
    required_delivery: C+3
)");
  const auto quick = run_command(kMilmob + " check " + scenario);
  EXPECT_EQ(quick.exit_code, 0) << quick.out;
  EXPECT_EQ(quick.out.find("network:"), std::string::npos) << quick.out;
  const auto deep = run_command(kMilmob + " check --import -q " + scenario);
  EXPECT_EQ(deep.exit_code, 0) << deep.out << deep.err;
  EXPECT_NE(deep.out.find(":8:11: warning: units[0].home: 'Vienna' is "), std::string::npos) << deep.out;
  EXPECT_NE(deep.out.find("km from the nearest road of the network"), std::string::npos) << deep.out;
  EXPECT_NE(deep.out.find("network: 2 places checked"), std::string::npos) << deep.out;
}

}  // namespace
