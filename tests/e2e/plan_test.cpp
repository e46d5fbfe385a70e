// `milmob plan` on the examples: the outputs are written, complete and the same twice;
// a unit no road reaches makes exit code 3 with its reason; a bad scenario writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
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
  for (const char* file : {"plan.json", "closure.csv", "march_tables.csv", "bookings.csv", "routes.geojson"})
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
  // routes.geojson: a route per unit and class, starting at the first march unit's start point.
  const auto routes = nlohmann::json::parse(read_file(tmp.path("a/routes.geojson")));
  EXPECT_EQ(routes["type"], "FeatureCollection");
  std::size_t lines = 0, legs = 0;
  for (const auto& f : routes["features"]) lines += f["geometry"]["type"] == "LineString";
  for (const auto& u : plan["units"])
    for (const auto& l : u["legs"]) legs += l["parts"].size();
  EXPECT_EQ(lines, legs);
  // routes.gpkg: a GeoPackage (an SQLite database) beside it.
  EXPECT_EQ(read_file(tmp.path("a/routes.gpkg")).substr(0, 16), std::string("SQLite format 3\0", 16));
  // closure.csv: a header and one row per unit.
  const std::string closure = read_file(tmp.path("a/closure.csv"));
  EXPECT_EQ(std::count(closure.begin(), closure.end(), '\n'), 4);
}

// report.html: one file, written with the others, naming every unit, the same bytes twice.
TEST(PlanCommand, WritesAReportNamingEveryUnit) {
  TempDir tmp;
  for (const char* dir : {"a", "b"}) {
    const auto r = run_command(kMilmob + " plan -q " + kExamples + "liechtenstein-exercise.yaml -o " + tmp.path(dir));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  const std::string html = read_file(tmp.path("a/report.html"));
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(html, read_file(tmp.path("b/report.html")));
  const auto plan = nlohmann::json::parse(read_file(tmp.path("a/plan.json")));
  for (const auto& u : plan["units"]) EXPECT_NE(html.find(u["id"].get<std::string>()), std::string::npos) << u["id"];
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

// The report in a real browser, when one is installed (scripts/install-deps installs chromium):
// it loads from the file alone and its DOM holds every unit and the drawings, element for element.
TEST(PlanCommand, TheReportOpensInABrowser) {
  const std::string chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium)) GTEST_SKIP() << chromium << " is not installed";
  TempDir tmp;
  const auto r = run_command(kMilmob + " plan -q " + kExamples + "liechtenstein-exercise.yaml -o " + tmp.path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // --no-sandbox: tests may run as root; a profile of its own so that runs do not share one.
  const auto dom = run_command("timeout 60 " + chromium + " --headless --no-sandbox --disable-gpu --no-first-run " +
                               "--user-data-dir=" + tmp.path("profile") + " --dump-dom file://" +
                               tmp.path("out/report.html"));
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  const auto plan = nlohmann::json::parse(read_file(tmp.path("out/plan.json")));
  for (const auto& u : plan["units"]) EXPECT_NE(dom.out.find(u["id"].get<std::string>()), std::string::npos) << u["id"];
  EXPECT_NE(dom.out.find("<svg"), std::string::npos);
  // Nothing the parser swallowed: as many tooltips, routes and bars as were written.
  const std::string html = read_file(tmp.path("out/report.html"));
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) ++n;
    return n;
  };
  for (const char* element : {"<svg", "<title>", "<polyline", "<rect", "<tr>"})
    EXPECT_EQ(count(dom.out, element), count(html, element)) << element;
}

TEST(PlanCommand, AUnitNoWayReachesExitsThreeWithItsReason) {
  TempDir tmp;
  // The flagship without its Oslo-Szczecin ferry: the Norwegian battalion's home (Rena) is beyond
  // the strategic layer, joined to it by that sea link only.
  std::string text = read_file(kExamples + "vjtf-baltic.yaml");
  const auto from = text.find("    - name: \"RoRo ferry Oslo-Szczecin"), to = text.find("\nvehicles:");
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  text.erase(from, to - from);
  for (auto at = text.find("../data/"); at != std::string::npos; at = text.find("../data/", at))
    text.replace(at, 3, std::string(MILMOB_SOURCE_DIR) + "/");
  milmob::testing::write_file(tmp.path("no-ferry.yaml"), text);
  const auto r = run_command(kMilmob + " plan -q " + tmp.path("no-ferry.yaml") + " -o " + tmp.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("nor-tmbn                 INFEASIBLE: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no road route from home to destination"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(tmp.path("out/plan.json")));
}

TEST(PlanCommand, TheFlagshipGoesByRoadRailSeaAndAirWithinEveryCapacity) {
  TempDir tmp;
  const auto r = run_command(kMilmob + " plan -q --json " + kExamples + "vjtf-baltic.yaml -o " + tmp.path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto plan = nlohmann::json::parse(read_file(tmp.path("out/plan.json")));
  std::set<std::string> modes, kinds;
  for (const auto& u : plan["units"])
    for (const auto& l : u["legs"]) modes.insert(l["mode"].get<std::string>());
  for (const auto& b : plan["bookings"]) kinds.insert(b["kind"].get<std::string>());
  EXPECT_EQ(modes, (std::set<std::string>{"air", "rail", "road", "sea"}));
  for (const char* kind : {"railhead", "train", "transshipment", "port", "ship", "aircraft", "airfield", "convoy_support_centre"})
    EXPECT_TRUE(kinds.contains(kind)) << kind;
  // The Norwegian battalion sails from Oslo once NOR > POL permission holds (10 working days: C+14).
  for (const auto& u : plan["units"])
    if (u["id"] == "nor-tmbn") {
      ASSERT_FALSE(u["trips"].empty());
      for (const auto& t : u["trips"]) EXPECT_GE(t["depart_min"].get<double>(), 14 * 1440) << t;
      EXPECT_EQ(u["delays"][0]["cause"], "permission_wait") << u["delays"];
    }
  const auto v = run_command(kMilmob + " validate " + tmp.path("out/plan.json") + " " + kExamples + "vjtf-baltic.yaml");
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  // The same scenario gives the same bytes.
  ASSERT_EQ(run_command(kMilmob + " plan -q " + kExamples + "vjtf-baltic.yaml -o " + tmp.path("again")).exit_code, 0);
  for (const char* file : {"plan.json", "bookings.csv", "march_tables.csv", "report.html"})
    EXPECT_EQ(read_file(tmp.path("out/") + file), read_file(tmp.path("again/") + file)) << file;
}

TEST(PlanCommand, TheVjtfPersonnelTheVehiclesDoNotSeatFlyOnTheSeatsOfItsAircraft) {
  TempDir tmp;
  const auto r = run_command(kMilmob + " plan -q " + kExamples + "vjtf-baltic.yaml -o " + tmp.path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto plan = nlohmann::json::parse(read_file(tmp.path("out/plan.json")));
  const std::map<std::string, int> seats = {{"A400M", 116}, {"C-17", 102}};  // examples/vjtf-baltic.yaml
  int flown_units = 0;
  std::size_t sorties = 0;
  for (const auto& u : plan["units"]) {
    const auto& p = u["personnel"];
    EXPECT_EQ(p["flown"].get<int>() + p["riding"].get<int>(), p["count"].get<int>()) << u["id"];
    if (p["mode"] != "air") continue;
    ++flown_units;
    int aboard = 0;
    for (const auto& t : p["sorties"]) {
      const std::string carrier = t["carrier"];
      const std::string type = carrier.substr(9, carrier.rfind(' ') - 9);  // "aircraft A400M 3"
      EXPECT_LE(t["passengers"].get<int>(), seats.at(type)) << carrier;
      EXPECT_LE(t["unloaded_min"].get<double>(), p["arrival_min"].get<double>());
      aboard += t["passengers"].get<int>();
    }
    EXPECT_EQ(aboard, p["flown"].get<int>()) << u["id"];
    sorties += p["sorties"].size();
  }
  // Every unit but the Norwegians (no airfield within 300 km of Oslo in the scenario) flies.
  EXPECT_EQ(flown_units, 8);
  std::size_t pax_bookings = 0;
  for (const auto& b : plan["bookings"])
    if (b["kind"] == "aircraft" && b["march_unit"].get<std::string>().find("/PAX/") != std::string::npos) ++pax_bookings;
  EXPECT_EQ(pax_bookings, sorties);
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

namespace {

TEST(BottlenecksCommand, FindsTheBindingRuleOfTheVjtfExample) {
  const auto r = run_command(kMilmob + " bottlenecks -q --json " + kExamples + "vjtf-baltic.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["changes"].empty());
  // Poland's permission holds the force most: the Norwegian battalion's ferry may not sail to
  // Szczecin before the NOR > POL lead time (a pair rule of 10 working days) has run.
  EXPECT_EQ(j["changes"][0]["what"], "permission POL");
  EXPECT_GT(j["changes"][0]["closure_gain_h"].get<double>(), 0);
  for (const auto& c : j["changes"])
    if (!c["what"].get<std::string>().starts_with("disruption")) {
      EXPECT_GE(c["closure_gain_h"].get<double>(), 0) << c;
    }
  // Utilisation: the plan's bookings never exceed a nominal capacity on any day, and the ferry
  // and the C-17s, which carry the whole of their units, are full on every day they are used.
  ASSERT_FALSE(j["utilisation"].empty());
  std::map<std::string, nlohmann::json> by_resource;
  for (const auto& u : j["utilisation"]) {
    by_resource[u["resource"].get<std::string>()] = u;
    EXPECT_LE(u["peak_share"].get<double>(), 1.0) << u;
    for (const auto& d : u["days"]) EXPECT_LE(d["share"].get<double>(), 1.0) << u["resource"] << " " << d;
  }
  EXPECT_DOUBLE_EQ(j["utilisation"][0]["peak_share"].get<double>(), 1.0);  // fullest first
  EXPECT_EQ(by_resource.at("ship RoRo ferry (Telemark battalion)")["days_at_capacity"],
            by_resource.at("ship RoRo ferry (Telemark battalion)")["days"].size());
  EXPECT_EQ(by_resource.at("railhead Munster Training Area")["capacity"], 4);
}

TEST(BottlenecksCommand, NoExampleBooksMoreThanAResourceHolds) {
  for (const char* example : {"defender-europe.yaml", "liechtenstein-exercise.yaml"}) {
    const auto r = run_command(kMilmob + " bottlenecks -q --json " + kExamples + example);
    ASSERT_EQ(r.exit_code, 0) << example << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const auto& u : j["utilisation"]) {
      EXPECT_LE(u["peak_share"].get<double>(), 1.0) << example << " " << u;
      EXPECT_GE(u["days"].size(), 1u) << u;
    }
  }
}

}  // namespace
