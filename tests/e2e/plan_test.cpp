// `milmob plan` on the examples: the outputs are written, complete and the same twice;
// a unit no road reaches makes exit code 3 with its reason; a bad scenario writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.h"

namespace {

using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::TempDir;

const std::string kMilmob = MILMOB_BINARY;
const std::string kExamples = std::string(MILMOB_SOURCE_DIR) + "/examples/";

TEST(PlanCommand, WritesEveryOutputAndTheSameBytesTwice) {
  TempDir tmp;
  const auto first = run_command(kMilmob + " plan -q " + kExamples + "liechtenstein-exercise.yaml -o " + tmp.path("a"));
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("force closure C+0"), std::string::npos) << first.out;
  const auto second = run_command(kMilmob + " plan -q " + kExamples + "liechtenstein-exercise.yaml -o " + tmp.path("b"));
  ASSERT_EQ(second.exit_code, 0);
  for (const char* file : {"plan.json", "closure.csv", "march_tables.csv", "bookings.csv"})
    EXPECT_EQ(read_file(tmp.path("a/") + file), read_file(tmp.path("b/") + file)) << file;
  const auto plan = nlohmann::json::parse(read_file(tmp.path("a/plan.json")));
  EXPECT_EQ(plan["format"], "milmob-plan/1");
  ASSERT_EQ(plan["units"].size(), 3u);
  for (const auto& u : plan["units"]) {
    EXPECT_TRUE(u["feasible"].get<bool>()) << u["id"];
    EXPECT_FALSE(u["march_units"].empty());
    for (const auto& mu : u["march_units"]) {
      // A timetable without gaps: each step starts where the previous one ended.
      double t = mu["depart_min"].get<double>();
      for (const auto& step : mu["steps"]) {
        EXPECT_NEAR(step["from_min"].get<double>(), t, 0.11) << mu["id"];
        t = step["until_min"].get<double>();
      }
      EXPECT_NEAR(mu["arrive_min"].get<double>(), t, 0.11);
    }
  }
  // closure.csv: a header and one row per unit.
  const std::string closure = read_file(tmp.path("a/closure.csv"));
  EXPECT_EQ(std::count(closure.begin(), closure.end(), '\n'), 4);
}

TEST(PlanCommand, AUnitNoRoadReachesExitsThreeWithItsReason) {
  TempDir tmp;
  const auto r = run_command(kMilmob + " plan -q " + kExamples + "vjtf-baltic.yaml -o " + tmp.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  // The Norwegian battalion's home (Rena) is beyond the strategic layer, and sea legs are not planned yet.
  EXPECT_NE(r.out.find("nor-tmbn"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("INFEASIBLE: "), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(tmp.path("out/plan.json")));
}

TEST(PlanCommand, ABadScenarioWritesNothing) {
  TempDir tmp;
  const auto r = run_command(kMilmob + " plan " + MILMOB_SOURCE_DIR +
                             "/tests/data/scenarios/bad/16-unknown-vehicle.yaml -o " + tmp.path("out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown vehicle type 'Leopard 9'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.path("out")));
}

}  // namespace
