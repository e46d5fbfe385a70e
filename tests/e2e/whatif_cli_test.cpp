// `milmob whatif`, `rank-upgrades` and `transit` on the examples: a real disruption delays units
// and says how, one after the force has closed changes nothing, a disruption file is read like
// the scenario's own section; the shipped candidates rank a binding rule first; a
// transit nation's figures add up; and bad input exits 2 naming the file, line and field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
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
const std::string kVjtf = kExamples + "vjtf-baltic.yaml";
const std::string kDefender = kExamples + "defender-europe.yaml";
const std::string kOder = "\"Oder motorway bridge Frankfurt (Oder)-Świecko lost\"";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(WhatifCommand, TheOderBridgeLostDelaysTheForceAndTheOutputsSayHow) {
  TempDir tmp;
  const auto r = run_command(kMilmob + " whatif -q " + kVjtf + " --disruption " + kOder + " -o " + tmp.path("out"));
  // 3 as for `plan` when a unit cannot be planned (the Norwegian battalion, until sea legs).
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.out << r.err;
  EXPECT_EQ(r.exit_code == 0, Json::parse(read_file(tmp.path("out/plan.json")))["all_feasible"].get<bool>());
  const Json w = Json::parse(read_file(tmp.path("out/whatif.json")));
  EXPECT_EQ(w["format"], "milmob-whatif/1");
  // Units that crossed the Oder there go round (longer) and arrive later; the closure may or may
  // not move, depending on which unit closes the force.
  bool rerouted = false, later = false;
  for (const auto& u : w["units"]) {
    for (const auto& c : u["classes"]) rerouted |= c["km_after"].get<double>() > c["km_before"].get<double>() + 1;
    later |= u["arrival_change_h"].is_number() && u["arrival_change_h"].get<double>() > 0;
  }
  EXPECT_TRUE(rerouted);
  EXPECT_TRUE(later);
  // The disrupted plan is written as `plan` writes it, with the what-if in the report.
  const Json plan = Json::parse(read_file(tmp.path("out/plan.json")));
  EXPECT_EQ(plan["format"], "milmob-plan/1");
  EXPECT_TRUE(contains(read_file(tmp.path("out/report.html")), "<section id=\"whatif\">"));
  // Deterministic: the same comparison twice, printed as written.
  const auto again = run_command(kMilmob + " whatif -q " + kVjtf + " --disruption " + kOder + " --json");
  EXPECT_EQ(Json::parse(again.out), w);
}

TEST(WhatifCommand, ADisruptionFileIsTheScenarioFormatAndGivesTheSameAnswer) {
  TempDir tmp;
  // The scenario's own Oder disruption, under another name, in a file of its own.
  write_file(tmp.path("oder.yaml"),
             "description: the Oder bridge again\n"
             "disruptions:\n"
             "  - name: Oder bridge (file)\n"
             "    kind: bridge_lost\n"
             "    at: C+2 12:00\n"
             "    duration: 14d\n"
             "    near: [14.57833, 52.31556]\n"
             "    radius_m: 3000\n");
  const auto own = run_command(kMilmob + " whatif -q " + kVjtf + " --disruption " + kOder + " --json");
  const auto file = run_command(kMilmob + " whatif -q " + kVjtf + " --disrupt " + tmp.path("oder.yaml") + " --json");
  ASSERT_EQ(file.exit_code, own.exit_code) << file.err;
  Json a = Json::parse(own.out), b = Json::parse(file.out);
  EXPECT_EQ(a["closure"], b["closure"]);
  EXPECT_EQ(a["units"], b["units"]);
}

TEST(WhatifCommand, ADisruptionAfterTheForceHasClosedChangesNothing) {
  TempDir tmp;
  // The Oder bridge lost at C+30, three weeks after the last unit has arrived.
  write_file(tmp.path("late.yaml"),
             "disruptions:\n"
             "  - {name: late, kind: bridge_lost, at: C+30, near: [14.57833, 52.31556], radius_m: 3000}\n");
  const auto r = run_command(kMilmob + " whatif -q " + kVjtf + " --disrupt " + tmp.path("late.yaml") + " --json");
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;  // 3: a unit the planner cannot plan, with or without
  const Json w = Json::parse(r.out);
  ASSERT_LT(w["closure"]["before_min"].get<double>(), 30 * 1440);
  EXPECT_EQ(w["closure"]["change_h"].get<double>(), 0);
  for (const auto& u : w["units"]) EXPECT_FALSE(u["changed"].get<bool>()) << u["id"];
}

TEST(WhatifCommand, ALostBridgeNoRouteCrossesChangesNothingOnTheOsmExample) {
  // No unit's route in the Liechtenstein exercise crosses the Rhine bridge to Buchs.
  const auto r = run_command(kMilmob + " whatif -q " + kExamples +
                             "liechtenstein-exercise.yaml --disruption \"Rhine bridge Schaan-Buchs lost (test assumption)\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "(+0.0 h)")) << r.out;
  EXPECT_TRUE(contains(r.out, "no unit's plan changed")) << r.out;
}

TEST(WhatifCommand, BadInputExitsTwoNamingWhatIsWrong) {
  TempDir tmp;
  auto r = run_command(kMilmob + " whatif -q " + kVjtf + " --disruption \"no such thing\"");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "no disruption named 'no such thing'")) << r.err;
  r = run_command(kMilmob + " whatif -q " + kVjtf);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--disrupt")) << r.err;
  write_file(tmp.path("bad.yaml"),
             "disruptions:\n"
             "  - name: x\n"
             "    kind: border_closed\n"
             "    at: C+1\n"
             "    nations: [DEU, XXX]\n");
  r = run_command(kMilmob + " whatif -q " + kVjtf + " --disrupt " + tmp.path("bad.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "bad.yaml:5:")) << r.err;
  EXPECT_TRUE(contains(r.err, "disruptions[0].nations[1]")) << r.err;
  r = run_command(kMilmob + " whatif -q " + kVjtf + " --disrupt " + tmp.path("missing.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "missing.yaml")) << r.err;
}

TEST(RankUpgradesCommand, TheShippedCandidatesRankTheBindingRuleFirst) {
  const auto r = run_command(kMilmob + " rank-upgrades -q " + kDefender + " --candidates " + kExamples +
                             "upgrades/defender-europe-upgrades.yaml --budget 50000000 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["format"], "milmob-upgrades/1");
  ASSERT_EQ(j["ranked"].size(), 5u);
  // A Polish rule (the night-only window, the 10-day permission for US convoys) holds the force
  // back: one of them gains the most closure per euro and ranks first; the bridges do not.
  const std::string first = j["ranked"][0]["id"];
  EXPECT_TRUE(first == "pol-daytime-convoys" || first == "pol-permission-5-days") << first;
  const auto per_euro = [](const Json& c) {
    const double cost = c["cost_eur"].get<double>(), gain = c["alone"]["closure_gain_h"].get<double>();
    return gain <= 1e-9 ? gain : cost <= 0 ? 1e300 : gain / cost;
  };
  EXPECT_GT(j["ranked"][0]["alone"]["closure_gain_h"].get<double>(), 0);
  for (std::size_t i = 1; i < j["ranked"].size(); ++i)
    EXPECT_LE(per_euro(j["ranked"][i]), per_euro(j["ranked"][0])) << j["ranked"][i]["id"];
  // The shorter permission helps the units that wait at the Polish border, not the closure.
  bool permission = false;
  for (const auto& c : j["ranked"])
    if (c["id"] == "pol-permission-5-days") {
      permission = true;
      EXPECT_GE(c["alone"]["units_benefiting"].size(), 3u);
    }
  EXPECT_TRUE(permission);
  // The portfolio starts with the best pick and stays within the budget.
  ASSERT_FALSE(j["portfolio"].empty());
  EXPECT_EQ(j["portfolio"][0]["id"], first);
  EXPECT_LE(j["portfolio"].back()["spent_eur"].get<double>(), 50000000);
}

TEST(RankUpgradesCommand, BadInputExitsTwoNamingWhatIsWrong) {
  TempDir tmp;
  const std::string candidates = " --candidates " + kExamples + "upgrades/vjtf-baltic-upgrades.yaml";
  for (const char* budget : {"-5", "0", "\"\"", "lots"}) {
    const auto r = run_command(kMilmob + " rank-upgrades -q " + kVjtf + candidates + " --budget " + budget);
    EXPECT_EQ(r.exit_code, 2) << budget;
    EXPECT_TRUE(contains(r.err, "--budget: expected a positive amount in euros")) << budget << ": " << r.err;
  }
  auto r = run_command(kMilmob + " rank-upgrades -q " + kVjtf + candidates + " --only csc-poznan --only csc-poznam");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "no candidate 'csc-poznam'") && contains(r.err, "csc-poznan")) << r.err;
  write_file(tmp.path("c.yaml"),
             "candidates:\n"
             "  - id: cheap\n"
             "    kind: lead_time\n"
             "    cost_eur: -1000\n"
             "    target: {nation: POL}\n"
             "    change: {lead_time_working_days: 2}\n");
  r = run_command(kMilmob + " rank-upgrades -q " + kVjtf + " --candidates " + tmp.path("c.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "c.yaml:4:") && contains(r.err, "candidates[0].cost_eur")) << r.err;
}

TEST(TransitCommand, ANationsDaysAddUpAndThePlotIsWritten) {
  TempDir tmp;
  const auto r = run_command(kMilmob + " transit -q " + kVjtf + " --nation POL -o " + tmp.path("pol"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json t = Json::parse(read_file(tmp.path("pol/transit.json")));
  EXPECT_EQ(t["nation"], "POL");
  ASSERT_FALSE(t["days"].empty());
  double vkm = 0, fuel = 0;
  int most = 0;
  for (const auto& d : t["days"]) {
    vkm += d["vehicle_km"].get<double>(), fuel += d["fuel_m3"].get<double>();
    most = std::max(most, d["vehicles"].get<int>());
  }
  EXPECT_NEAR(vkm, t["vehicle_km"].get<double>(), 1.0);
  EXPECT_NEAR(fuel, t["fuel_m3"].get<double>(), 0.5);
  EXPECT_LE(most, t["vehicles"].get<int>());
  EXPECT_GT(t["vehicles"].get<int>(), 0);  // the road to Lithuania crosses Poland
  EXPECT_TRUE(contains(read_file(tmp.path("pol/transit.svg")), "</svg>"));
  // A nation no convoy enters: an empty view, said so.
  const auto fra = run_command(kMilmob + " transit -q " + kVjtf + " --nation FRA --json");
  ASSERT_EQ(fra.exit_code, 0);
  EXPECT_EQ(Json::parse(fra.out)["vehicles"], 0);
  const auto bad = run_command(kMilmob + " transit -q " + kVjtf + " --nation XYZ");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "unknown nation 'XYZ'")) << bad.err;
}

}  // namespace
