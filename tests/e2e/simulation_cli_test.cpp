// `milmob simulate` and `milmob sweep` on the shipped examples: without delays the simulation is
// the plan; runs never beat the plan when only delays are added; percentiles are ordered; the
// same seed gives the same bytes on 1 or 2 threads and 1 or 2 MPI ranks; a disruption drawn with
// probability 1 gives the what-if plan of that disruption; bad input exits 2 with its reason.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/run_command.h"

namespace {

using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::TempDir;
using milmob::testing::write_file;
using Json = nlohmann::json;

const std::string kMilmob = MILMOB_BINARY;
const std::string kExamples = std::string(MILMOB_SOURCE_DIR) + "/examples/";
const std::string kDefender = kExamples + "defender-europe.yaml";
const std::string kVjtf = kExamples + "vjtf-baltic.yaml";
const std::string kOder = "Oder motorway bridge Frankfurt (Oder)-Świecko lost";

const char* kNoDelays = R"(delays:
  breakdown: {wheeled_per_1000_km: 0, tracked_per_1000_km: 0}
  border_wait_min: 0
  weather: {probability_per_day: 0}
  loading_min: {rail: 0, sea: 0, air: 0}
)";
const char* kNoDisruptions = R"(disruptions:
  scenario: {probability: 0}
  bridge: {probability: 0}
  border_closure: {probability: 0}
  permission_delay: {probability: 0}
  port: {probability: 0}
  convoy_support_centre: {probability: 0}
)";

Json last_line_json(const std::string& out) {
  const auto end = out.find_last_not_of('\n');
  const auto start = out.rfind('\n', end);
  return Json::parse(out.substr(start == std::string::npos ? 0 : start + 1, end + 1));
}

class SimulationCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = std::make_unique<TempDir>();
    const auto r = run_command(kMilmob + " plan -q " + kDefender + " -o " + tmp_->path("de") + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    defender_closure_ = Json::parse(r.out)["closure"];
    write_file(tmp_->path("zero.yaml"), std::string(kNoDelays) + kNoDisruptions);
  }
  static void TearDownTestSuite() { tmp_.reset(); }
  static std::string plan() { return tmp_->path("de/plan.json"); }
  static std::string path(const std::string& name) { return tmp_->path(name); }

  static inline std::unique_ptr<TempDir> tmp_;
  static inline std::string defender_closure_;
};

TEST_F(SimulationCommands, WithoutDelaysTheSimulationIsThePlan) {
  const auto r = run_command(kMilmob + " simulate -q " + plan() + " " + kDefender + " --runs 20 --json --model " + path("zero.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json s = last_line_json(r.out);
  EXPECT_EQ(s["planned_closure"], defender_closure_);
  for (const char* p : {"p10", "p50", "p90"}) EXPECT_EQ(s["closure"][p], defender_closure_) << p;
  const Json plan_json = Json::parse(read_file(plan()));
  for (std::size_t i = 0; i < s["units"].size(); ++i) {
    EXPECT_EQ(s["units"][i]["p90_arrival"], plan_json["units"][i]["arrival"]) << i;
    EXPECT_EQ(s["units"][i]["p_meet_required_delivery"], 1.0) << i;
  }
  // The other examples too, and a what-if plan (its border closure re-checked on the way):
  // every unit the plan moves arrives when the plan says.
  for (const std::string example : {"liechtenstein-exercise", "vjtf-baltic", "vjtf-baltic+closed"}) {
    const std::string dir = path(example);
    const bool closed = example.ends_with("+closed");
    const std::string name = closed ? "vjtf-baltic" : example;
    run_command(kMilmob + " plan -q " + kExamples + name + ".yaml -o " + dir +
                (closed ? " --disruption \"Polish-Lithuanian border closed\"" : ""));
    const auto x = run_command(kMilmob + " simulate -q " + dir + "/plan.json " + kExamples + name +
                               ".yaml --runs 5 --json --model " + path("zero.yaml"));
    ASSERT_EQ(x.exit_code, 0) << example << x.err;
    // plan.json gives times to 0.1 min (its `*_min` fields): compare those.
    const Json sx = last_line_json(x.out), px = Json::parse(read_file(dir + "/plan.json"));
    EXPECT_EQ(sx["closure"]["p10_min"], sx["planned_closure_min"]) << example;
    EXPECT_EQ(sx["closure"]["p90_min"], sx["planned_closure_min"]) << example;
    for (std::size_t i = 0; i < sx["units"].size(); ++i) {
      if (!sx["units"][i]["simulated"]) continue;
      double last = 0;
      for (const Json& mu : px["units"][i]["march_units"]) last = std::max(last, mu["arrive_min"].get<double>());
      EXPECT_NEAR(sx["units"][i]["p50_arrival_min"].get<double>(), last, 0.051) << example << " " << i;
    }
  }
}

TEST_F(SimulationCommands, RunsNeverBeatThePlanAndPercentilesAreOrdered) {
  const auto r = run_command(kMilmob + " simulate -q " + plan() + " " + kDefender + " --runs 300 --seed 11 --json --csv " +
                             path("runs.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json s = last_line_json(r.out);
  const double planned = s["planned_closure_min"];
  const Json& c = s["closure"];
  EXPECT_LE(c["p10_min"].get<double>(), c["p50_min"].get<double>());
  EXPECT_LE(c["p50_min"].get<double>(), c["p90_min"].get<double>());
  EXPECT_GT(c["p90_min"].get<double>(), planned);  // the default model does delay a brigade
  for (const Json& u : s["units"]) EXPECT_LE(u["p50_arrival_min"].get<double>(), u["p90_arrival_min"].get<double>());
  std::istringstream csv(read_file(path("runs.csv")));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line.rfind("run,seed,closure_min,arrival_min:", 0), 0u) << line;
  int rows = 0;
  while (std::getline(csv, line)) {
    std::istringstream fields(line);
    std::string run, seed, closure;
    std::getline(fields, run, ','), std::getline(fields, seed, ','), std::getline(fields, closure, ',');
    EXPECT_GE(std::stod(closure), planned - 0.05) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 300);
}

TEST_F(SimulationCommands, SameSeedSameBytesOnAnyThreadCount) {
  const std::string base = kMilmob + " simulate -q " + plan() + " " + kDefender + " --runs 200 --seed 5";
  const auto one = run_command(base + " --threads 1"), two = run_command(base + " --threads 2"), again = run_command(base);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, again.out);
  const auto other = run_command(kMilmob + " simulate -q " + plan() + " " + kDefender + " --runs 200 --seed 6");
  EXPECT_NE(one.out, other.out);  // the seed matters
}

TEST_F(SimulationCommands, SimulateBadInputExits2WithItsReason) {
  const std::string base = kMilmob + " simulate -q " + plan() + " " + kDefender;
  auto r = run_command(base + " --runs 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--runs: expected a number of runs >= 1, got 0"), std::string::npos) << r.err;
  r = run_command(base + " --runs -5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--runs"), std::string::npos) << r.err;
  r = run_command(base + " --seed -5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--seed: expected a whole number from 0 to 18446744073709551615, got '-5'"), std::string::npos) << r.err;
  r = run_command(base + " --threads -1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--threads"), std::string::npos) << r.err;
  write_file(path("bad.yaml"), "delays:\n  border_wait_min: {distribution: weibull, shape: 2}\n");
  r = run_command(base + " --model " + path("bad.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml:2: delays.border_wait_min.distribution: unknown distribution 'weibull'"), std::string::npos)
      << r.err;
  r = run_command(kMilmob + " simulate -q " + plan() + " " + kVjtf);  // not the scenario it was planned from
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not in the scenario"), std::string::npos) << r.err;
  write_file(path("broken.json"), "{\"format\": \"milmob-plan/1\", \"units\": 3}");
  r = run_command(kMilmob + " simulate -q " + path("broken.json") + " " + kDefender);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.json"), std::string::npos) << r.err;
}

TEST_F(SimulationCommands, ADisruptionDrawnWithProbabilityOneIsItsWhatIf) {
  const auto whatif = run_command(kMilmob + " plan -q " + kVjtf + " -o " + path("oder") + " --json --disruption \"" + kOder + "\"");
  ASSERT_EQ(whatif.exit_code, 0) << whatif.err;
  const std::string closure = Json::parse(whatif.out)["closure"];
  const auto base = run_command(kMilmob + " plan -q " + kVjtf + " -o " + path("vjtf") + " --json");
  ASSERT_EQ(base.exit_code, 0) << base.err;
  // The disruption costs some units time (the closure itself is held by the Norwegian
  // battalion's ferry, which does not pass the Oder).
  const Json with = Json::parse(read_file(path("oder/plan.json"))), without = Json::parse(read_file(path("vjtf/plan.json")));
  std::string slowed;
  for (std::size_t i = 0; i < with["units"].size(); ++i)
    if (with["units"][i]["arrival"] != without["units"][i]["arrival"]) slowed = with["units"][i]["id"];
  ASSERT_FALSE(slowed.empty());
  write_file(path("oder.yaml"), std::string(kNoDelays) + "disruptions:\n  scenario: {probability: 0, by_name: {\"" + kOder +
                                    "\": 1}}\n  bridge: {probability: 0}\n  border_closure: {probability: 0}\n"
                                    "  permission_delay: {probability: 0}\n  port: {probability: 0}\n"
                                    "  convoy_support_centre: {probability: 0}\n");
  const auto r = run_command(kMilmob + " sweep -q " + kVjtf + " --runs 4 --json --model " + path("oder.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json s = last_line_json(r.out);
  for (const char* p : {"p10", "p50", "p90"}) EXPECT_EQ(s["closure"][p], closure) << p;
  for (std::size_t i = 0; i < with["units"].size(); ++i) {
    EXPECT_EQ(s["units"][i]["id"], with["units"][i]["id"]);
    EXPECT_EQ(s["units"][i]["p50_arrival"], with["units"][i]["arrival"]) << with["units"][i]["id"];
  }
  EXPECT_EQ(s["disruptions"][0]["name"], kOder);
  EXPECT_EQ(s["disruptions"][0]["runs_drawn"], 4);
  // Its cost in each run is the what-if's closure against the plan's, exactly.
  const double loss_h = (s["closure"]["p50_min"].get<double>() - s["planned_closure_min"].get<double>()) / 60;
  EXPECT_NEAR(s["disruptions"][0]["expected_closure_loss_h"].get<double>(), loss_h, 0.006);
  EXPECT_NEAR(s["disruptions"][0]["mean_loss_when_drawn_h"].get<double>(), loss_h, 0.006);
  // Nothing drawn, no delays: the plan itself.
  const auto zero = run_command(kMilmob + " sweep -q " + kVjtf + " --runs 4 --json --model " + path("zero.yaml"));
  ASSERT_EQ(zero.exit_code, 0) << zero.err;
  EXPECT_EQ(last_line_json(zero.out)["closure"]["p90"], Json::parse(base.out)["closure"]);
}

TEST_F(SimulationCommands, SweepIsTheSameOnAnyThreadCount) {
  const std::string base = kMilmob + " sweep -q " + kVjtf + " --runs 120 --seed 21 --json";
  const auto one = run_command(base + " --threads 1"), two = run_command(base + " --threads 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  const Json s = last_line_json(one.out);
  EXPECT_EQ(s["runs"], 120);
  EXPECT_LE(s["closure"]["p10_min"].get<double>(), s["closure"]["p90_min"].get<double>());
  EXPECT_GE(s["closure"]["p10_min"].get<double>(), s["planned_closure_min"].get<double>() - 0.05);
}

// Many draws, each re-planned on the worker's own router, with the plan cache shared between
// threads: the same bytes on one and three threads. Small enough for ThreadSanitizer (label
// `parallel`), which runs it instead of the brigade sweep above.
TEST_F(SimulationCommands, SmallSweepIsTheSameOnOneOrThreeThreads) {
  const std::string base = kMilmob + " sweep -q " + kExamples + "liechtenstein-exercise.yaml --runs 40 --seed 3 --json";
  const auto one = run_command(base + " --threads 1"), three = run_command(base + " --threads 3");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(three.exit_code, 0) << three.err;
  EXPECT_EQ(one.out, three.out);
  int drawn = 0;
  const Json summary = last_line_json(one.out);
  for (const Json& d : summary["disruptions"]) drawn += d["runs_drawn"].get<int>();
  EXPECT_GT(drawn, 5);  // re-planned draws, not only the base plan
}

TEST_F(SimulationCommands, SweepIsTheSameOnAnyNumberOfMpiRanks) {
#ifndef MILMOB_MPIEXEC
  GTEST_SKIP() << "built without MPI, or with the sanitizers (Open MPI's allocations are reported as leaks)";
#else
  const std::string args = " sweep -q " + kVjtf + " --runs 120 --seed 21 --threads 1 --json";
  const auto single = run_command(kMilmob + args);
  ASSERT_EQ(single.exit_code, 0) << single.err;
  for (const int ranks : {1, 2, 4}) {
    const auto r = run_command(std::string(MILMOB_MPIEXEC) + " -np " + std::to_string(ranks) +
                               " --oversubscribe --allow-run-as-root " + kMilmob + args);
    ASSERT_EQ(r.exit_code, 0) << ranks << " ranks: " << r.err;
    EXPECT_EQ(r.out, single.out) << ranks << " ranks";  // rank 0 alone prints, the same bytes
  }
#endif
}

TEST_F(SimulationCommands, SweepBadInputExits2) {
  auto r = run_command(kMilmob + " sweep -q " + kVjtf + " --runs 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--runs"), std::string::npos) << r.err;
  write_file(path("p.yaml"), "disruptions:\n  border_closure: {probability: -0.1}\n");
  r = run_command(kMilmob + " sweep -q " + kVjtf + " --model " + path("p.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("p.yaml:2: disruptions.border_closure.probability: expected a probability between 0 and 1"),
            std::string::npos)
      << r.err;
}

}  // namespace
