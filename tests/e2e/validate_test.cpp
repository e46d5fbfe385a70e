// `milmob validate` on the plans `milmob plan` writes for the examples: each passes (an
// infeasible unit listed with its reason included); a tampered plan exits 3 naming the rule it
// breaks; a malformed plan exits 2 naming the field.
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
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

std::string scenario(const std::string& example) { return kExamples + example + ".yaml"; }

// A network override: a bridge signed `tonnes` within 100 m of lon, lat.
std::string fmt_override(double lon, double lat, int tonnes) {
  char text[128];
  std::snprintf(text, sizeof text, "{near: [%.5f, %.5f], radius_m: 100, max_weight_t: %d}", lon, lat, tonnes);
  return text;
}

// Plans every example once for the whole suite.
class ValidateCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = std::make_unique<TempDir>();
    for (const char* example : {"liechtenstein-exercise", "defender-europe", "vjtf-baltic"}) {
      const auto r = run_command(kMilmob + " plan -q " + scenario(example) + " -o " + tmp_->path(example));
      plan_exit_[example] = r.exit_code;
    }
  }
  static void TearDownTestSuite() { tmp_.reset(); }

  static std::string plan_path(const std::string& example) { return tmp_->path(example + "/plan.json"); }
  static Json plan(const std::string& example) { return Json::parse(read_file(plan_path(example))); }
  // Writes a changed plan and validates it against the example's scenario.
  static milmob::testing::CommandResult validate(const Json& changed, const std::string& example) {
    const std::string path = tmp_->path(example + "-changed.json");
    write_file(path, changed.dump(1));
    return run_command(kMilmob + " validate " + path + " " + scenario(example));
  }

  static inline std::unique_ptr<TempDir> tmp_;
  static inline std::map<std::string, int> plan_exit_;
};

TEST_F(ValidateCommand, EveryExamplePlanPasses) {
  for (const auto& [example, expected_plan_exit] :
       std::map<std::string, int>{{"liechtenstein-exercise", 0}, {"defender-europe", 0}, {"vjtf-baltic", 0}}) {
    ASSERT_EQ(plan_exit_[example], expected_plan_exit) << example;
    const auto r = run_command(kMilmob + " validate " + plan_path(example) + " " + scenario(example));
    EXPECT_EQ(r.exit_code, 0) << example << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("checked: no violations"), std::string::npos) << r.out;
  }
  // The flagship plans rail, sea and road legs; every capacity of them is replayed.
  const auto r = run_command(kMilmob + " validate --json " + plan_path("vjtf-baltic") + " " + scenario("vjtf-baltic"));
  const Json report = Json::parse(r.out);
  EXPECT_TRUE(report["ok"].get<bool>());
  EXPECT_EQ(report["units"], 9);
  EXPECT_GT(report["steps"].get<int>(), 500);
  EXPECT_GT(report["bookings"].get<int>(), 0);
}

TEST_F(ValidateCommand, ACrossingBeforeThePermissionHoldsIsAViolation) {
  Json p = plan("defender-europe");
  std::string id;
  for (auto& u : p["units"]) {
    for (auto& m : u["march_units"])
      for (auto& c : m["crossings"])
        if (c["to"] == "POL" && id.empty()) {
          c["time_min"] = c["time_min"].get<double>() - 24 * 60;
          id = m["id"];
        }
  }
  ASSERT_FALSE(id.empty());
  const auto r = validate(p, "defender-europe");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  // USA -> POL: 10 working days from Thursday 2020-02-20 is Thursday 2020-03-05, C+14.
  EXPECT_NE(r.out.find(id + " at "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": border permission: crosses from DEU into POL at "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("before the permission to enter POL holds at C+14: 10 working days in POL (pair rule USA -> POL), "
                       "requested at C+0 00:00 UTC"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("checked: 1 violation\n"), std::string::npos) << r.out;
}

TEST_F(ValidateCommand, ANightStopWithoutItsBookingIsAViolation) {
  Json p = plan("vjtf-baltic");
  auto& bookings = p["bookings"];
  const auto first = std::find_if(bookings.begin(), bookings.end(),
                                  [](const Json& b) { return b["kind"] == "convoy_support_centre"; });
  ASSERT_NE(first, bookings.end());
  const Json dropped = *first;
  bookings.erase(first);
  const auto r = validate(p, "vjtf-baltic");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const std::string from = dropped["from"], until = dropped["until"], centre = dropped["resource"];
  const std::string head = dropped["march_unit"].get<std::string>() + " at " + from + ": convoy support centre: steps[";
  const std::string tail = "] stops for the night at '" + centre + "' from " + from + " to " + until +
                           " without a booking for its " + std::to_string(dropped["vehicles"].get<int>()) + " vehicles\n";
  EXPECT_NE(r.out.find(head), std::string::npos) << head << "\n" << r.out;
  EXPECT_NE(r.out.find(tail), std::string::npos) << tail << "\n" << r.out;
  EXPECT_NE(r.out.find("checked: 1 violation\n"), std::string::npos) << r.out;
}

TEST_F(ValidateCommand, ADriveMovedIntoAGermanWeekendIsAViolation) {
  // vjtf-baltic: C-day Monday 2027-05-03; Germany: no convoys on weekends (C+5, C+6). Move a
  // march unit, whole, by days until a drive inside Germany falls on the Saturday.
  Json p = plan("vjtf-baltic");
  std::string id;
  std::size_t index = 0;
  for (auto& u : p["units"])
    for (auto& m : u["march_units"]) {
      if (!id.empty()) break;
      const auto& steps = m["steps"];
      std::string before;
      for (std::size_t i = 0; i < steps.size() && id.empty(); ++i) {
        const auto& s = steps[i];
        if (s["activity"] != "drive") continue;
        if (before == "DEU" && s["country"] == "DEU") {
          const double day = std::floor(s["from_min"].get<double>() / 1440);
          const double shift = (5 - day) * 1440;
          if (shift <= 0) continue;
          for (auto& step : m["steps"]) {
            step["from_min"] = step["from_min"].get<double>() + shift;
            step["until_min"] = step["until_min"].get<double>() + shift;
          }
          for (auto& c : m["crossings"]) c["time_min"] = c["time_min"].get<double>() + shift;
          m["depart_min"] = m["depart_min"].get<double>() + shift;
          m["arrive_min"] = m["arrive_min"].get<double>() + shift;
          id = m["id"], index = i;
        }
        before = s["country"];
      }
    }
  ASSERT_FALSE(id.empty());
  const auto r = validate(p, "vjtf-baltic");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const std::string expected = ": movement window: steps[" + std::to_string(index) + "] drives in DEU from C+5";
  const auto at = r.out.find(expected);
  ASSERT_NE(at, std::string::npos) << expected << "\n" << r.out;
  const std::string line = r.out.substr(r.out.rfind('\n', at) + 1, r.out.find('\n', at) - r.out.rfind('\n', at) - 1);
  EXPECT_EQ(line.substr(0, id.size()), id) << line;
  EXPECT_NE(line.find("on Saturday 2027-05-08, a weekend day in DEU (no_weekends)"), std::string::npos) << line;
}

// The example's scenario written beside the tampered plans, its data paths made absolute, with
// `override` first among its network overrides.
std::string scenario_with_override(const std::string& example, const std::string& override_item, TempDir& dir) {
  std::string text = read_file(scenario(example));
  const std::string data = "path: ../data/";
  for (auto at = text.find(data); at != std::string::npos; at = text.find(data, at))
    text.replace(at, data.size(), "path: " + std::string(MILMOB_SOURCE_DIR) + "/data/");
  const std::string overrides = "  overrides:\n";
  const auto at = text.find(overrides);
  if (at == std::string::npos) return "";
  text.insert(at + overrides.size(), "    - " + override_item + "\n");
  const std::string path = dir.path(example + "-override.yaml");
  write_file(path, text);
  return path;
}

TEST_F(ValidateCommand, ALoadedHetOverABridgeTheVehicleAloneMayCrossIsAViolation) {
  // Defender Europe carries us-cab-3's Bradleys on the US HETs (M1070 + M1000, 41.3 t empty):
  // loaded 71.3 t, MLC 69. A bridge signed 50 t on the HET route carries a Bradley (30 t) but
  // not the loaded HET; one signed 75 t carries both.
  const Json p = plan("defender-europe");
  std::string unit;
  std::size_t leg_index = 0;
  Json middle;
  for (const auto& u : p["units"])
    for (std::size_t l = 0; l < u["legs"].size(); ++l) {
      const auto& leg = u["legs"][l];
      if (leg["mode"] != "het" || !unit.empty()) continue;
      ASSERT_EQ(leg["parts"][0]["het_type"], "M1070 + M1000 HET (empty)");
      ASSERT_EQ(leg["types"], Json::array({"M2 Bradley"}));
      unit = u["id"], leg_index = l;
      middle = leg["geometry"][leg["geometry"].size() / 2];
    }
  ASSERT_FALSE(unit.empty()) << "the example plans no HET leg";
  const auto bridge = [&](int tonnes) {
    return fmt_override(middle[0].get<double>(), middle[1].get<double>(), tonnes);
  };
  const std::string weak = scenario_with_override("defender-europe", bridge(50), *tmp_);
  ASSERT_FALSE(weak.empty());
  auto r = run_command(kMilmob + " validate " + plan_path("defender-europe") + " " + weak);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const std::string head = unit + " legs[" + std::to_string(leg_index) +
                           "].parts[0]: HET limits: loaded M1070 + M1000 HET (empty) + M2 Bradley (71.3 t, MLC 69, 3.81 m "
                           "wide) on '";
  EXPECT_NE(r.out.find(head), std::string::npos) << head << "\n" << r.out;
  EXPECT_NE(r.out.find("): maxweight 50 t < 71.3 t\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("vehicle limits: M2 Bradley"), std::string::npos) << r.out;
  const std::string strong = scenario_with_override("defender-europe", bridge(75), *tmp_);
  r = run_command(kMilmob + " validate " + plan_path("defender-europe") + " " + strong);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(ValidateCommand, ACarriageWithoutItsBookingsIsAViolation) {
  // Drop the first train, railhead slot and HET bookings: each trip they served is named.
  Json p = plan("defender-europe");
  auto& bookings = p["bookings"];
  std::map<std::string, Json> dropped;
  for (const char* kind : {"train", "railhead", "het"}) {
    const auto it = std::find_if(bookings.begin(), bookings.end(), [&](const Json& b) { return b["kind"] == kind; });
    ASSERT_NE(it, bookings.end()) << kind;
    dropped[kind] = *it;
    bookings.erase(it);
  }
  const auto r = validate(p, "defender-europe");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const Json& train = dropped["train"];
  EXPECT_NE(r.out.find(": carriage: " + train["unit"].get<std::string>() + " trips[0] "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("loading from " + train["from"].get<std::string>() + " and back at " +
                       train["until"].get<std::string>() + ", has no booking of '" + train["resource"].get<std::string>() +
                       "' (train) covering it\n"),
            std::string::npos)
      << r.out;
  const Json& slot = dropped["railhead"];
  EXPECT_NE(r.out.find(" loads at '" + slot["resource"].get<std::string>() + "' at " + slot["from"].get<std::string>() +
                       " without a booking of its slot or handling (railhead) starting then\n"),
            std::string::npos)
      << r.out;
  const Json& het = dropped["het"];
  EXPECT_NE(r.out.find("USA HET x" + std::to_string(het["vehicles"].get<int>()) + " at " + het["from"].get<std::string>() +
                       ": carriage: " + het["unit"].get<std::string>() + " trips["),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("has no booking of 'USA HET' (het) covering it\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked: 3 violations\n"), std::string::npos) << r.out;
}

TEST_F(ValidateCommand, ACarriedStepOnNoTripIsAViolation) {
  Json p = plan("defender-europe");
  Json& unit = p["units"][0];
  ASSERT_EQ(unit["trips"][0]["mode"], "rail");
  const Json trip = unit["trips"][0];
  unit["trips"].erase(0);
  const auto r = validate(p, "defender-europe");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  // Every march unit aboard is named, with its carried step.
  ASSERT_FALSE(trip["march_units"].empty());
  for (const auto& id : trip["march_units"]) {
    const std::string line = id.get<std::string>() + " at C+";
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  }
  EXPECT_NE(r.out.find(": carriage: steps["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" (rail "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("on no trip of " + unit["id"].get<std::string>() + " that lists it\n"), std::string::npos) << r.out;
}

TEST_F(ValidateCommand, ARoadPartWithAnEdgeLeftOutIsAViolation) {
  Json p = plan("defender-europe");
  std::string where;
  for (auto& u : p["units"])
    for (std::size_t l = 0; l < u["legs"].size() && where.empty(); ++l)
      for (std::size_t k = 0; k < u["legs"][l]["parts"].size() && where.empty(); ++k) {
        auto& part = u["legs"][l]["parts"][k];
        if (part["mode"] != "road" || !part.contains("edges") || part["edges"].size() < 5) continue;
        part["edges"].erase(2);
        where = u["id"].get<std::string>() + " legs[" + std::to_string(l) + "].parts[" + std::to_string(k) + "]";
      }
  ASSERT_FALSE(where.empty());
  const auto r = validate(p, "defender-europe");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find(where + ": route continuity: road part home > "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": edges[1] (edge "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("but edges[2] (edge "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked: 1 violation\n"), std::string::npos) << r.out;
}

TEST_F(ValidateCommand, AMarchUnitLeavingBeforeTheOneAheadHasPassedIsAViolation) {
  // The second HET march unit of a serial loaded a minute after the first, not once the first
  // (its vehicles at 150 m and 40 km/h) and the 10 min gap have passed.
  Json p = plan("defender-europe");
  std::string first, second;
  for (auto& u : p["units"]) {
    std::string het_class;
    for (const auto& l : u["legs"])
      if (l["mode"] == "het") het_class = l["vehicle_class"];
    Json* before = nullptr;
    for (auto& m : u["march_units"]) {
      if (het_class.empty() || m["vehicle_class"] != het_class || !second.empty()) continue;
      if (before == nullptr) {
        before = &m;
        continue;
      }
      ASSERT_EQ(m["steps"][0]["activity"], "loading");
      m["depart_min"] = (*before)["depart_min"].get<double>() + 1;
      m["steps"][0]["from_min"] = m["depart_min"];
      first = (*before)["id"], second = m["id"];
    }
  }
  ASSERT_FALSE(second.empty());
  const auto r = validate(p, "defender-europe");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find(second + " at C+"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": spacing: leaves at "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", 1.0 min after " + first + " left at "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" min, + 10 min\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked: 1 violation\n"), std::string::npos) << r.out;
}

TEST_F(ValidateCommand, AMalformedPlanExitsTwoNamingTheField) {
  Json p = plan("liechtenstein-exercise");
  p["units"][1]["march_units"][0]["steps"][0]["from_min"] = "soon";
  const auto r = validate(p, "liechtenstein-exercise");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("liechtenstein-exercise-changed.json: units[1].march_units[0].steps[0].from_min: expected a "
                       "number, got the text \"soon\""),
            std::string::npos)
      << r.err;
  // Not JSON at all, and a file that is not there.
  write_file(tmp_->path("broken.json"), "{\"format\": \"milmob-plan/1\",");
  auto broken = run_command(kMilmob + " validate " + tmp_->path("broken.json") + " " + scenario("liechtenstein-exercise"));
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("broken.json: not JSON: parse error at line 1"), std::string::npos) << broken.err;
  broken = run_command(kMilmob + " validate " + tmp_->path("missing.json") + " " + scenario("liechtenstein-exercise"));
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("missing.json: cannot open the plan file"), std::string::npos) << broken.err;
}

}  // namespace
