// Scenario limits (docs/limits.md): each one exceeded is refused with exit code 2 and a message
// naming the limit's option; raised, the same scenario passes; a corps-sized scenario passes
// the defaults; YAML alias bombs and alias cycles are refused at once; `milmob serve` applies
// the limits to scenarios sent in request bodies.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.h"
#include "support/server_process.h"

namespace {

using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::TempDir;
using milmob::testing::write_file;

const std::string kMilmob = MILMOB_BINARY;
const std::string kSource = MILMOB_SOURCE_DIR;

// The Liechtenstein exercise (3 units, 15 vehicles, 1 disruption) with its network path made
// absolute, so that it can be written anywhere.
std::string liechtenstein() {
  std::string text = read_file(kSource + "/examples/liechtenstein-exercise.yaml");
  const std::string relative = "../data/osm/";
  text.replace(text.find(relative), relative.size(), kSource + "/data/osm/");
  return text;
}

// The exercise with its units replaced by `units` units of `per_unit` vehicles each.
std::string with_units(int units, int per_unit) {
  const std::string base = liechtenstein();
  std::string text = base.substr(0, base.find("\nunits:\n")) + "\nunits:\n";
  for (int i = 0; i < units; ++i)
    text += fmt::format(
        "  - id: unit-{}\n    nation: CHE\n    home: [9.50000, 47.06667]\n    destination: [9.52046, 47.21076]\n"
        "    equipment:\n      - {{type: \"Boxer\", count: {}}}\n      - {{type: \"MAN HX77\", count: {}}}\n"
        "    required_delivery: \"C+3\"\n",
        i, per_unit / 2, per_unit - per_unit / 2);
  return text + base.substr(base.find("\nrules:\n"));
}

struct Check {
  int exit_code;
  std::string messages;
};

Check check(const std::string& yaml, const std::string& options = "") {
  TempDir dir;
  write_file(dir.path("s.yaml"), yaml);
  const auto r = run_command(kMilmob + " check " + dir.path("s.yaml") + " " + options);
  return {r.exit_code, r.out + r.err};
}

// Exceeded: exit 2 and the limit named; raised to `enough`: accepted.
void expect_limit(const std::string& yaml, const std::string& option, const std::string& tight, const std::string& enough,
                  const std::string& message) {
  const Check refused = check(yaml, option + " " + tight);
  EXPECT_EQ(refused.exit_code, 2) << refused.messages;
  EXPECT_NE(refused.messages.find(option), std::string::npos) << refused.messages;
  EXPECT_NE(refused.messages.find(message), std::string::npos) << refused.messages;
  const Check accepted = check(yaml, option + " " + enough);
  EXPECT_EQ(accepted.exit_code, 0) << accepted.messages;
}

TEST(ScenarioLimits, UnitsVehiclesDisruptionsAndBytes) {
  const std::string yaml = liechtenstein();
  expect_limit(yaml, "--max-units", "2", "3", "units: 3 units, more than the limit of 2 (--max-units)");
  expect_limit(yaml, "--max-vehicles", "14", "15", "units: 15 vehicles in all units, more than the limit of 14 (--max-vehicles)");
  expect_limit(yaml + "  - {name: second, kind: road_closed, at: \"C+0 08:00\", way: 308}\n", "--max-disruptions", "1", "2",
               "disruptions: 2 disruptions, more than the limit of 1 (--max-disruptions)");
  expect_limit(yaml, "--max-scenario-bytes", "1000", std::to_string(yaml.size()),
               fmt::format("file too large: {} bytes, more than the limit of 1000 bytes (--max-scenario-bytes)", yaml.size()));
  expect_limit(yaml, "--max-yaml-nodes", "100", "1000", "more than 100 YAML nodes once its aliases are expanded (limit --max-yaml-nodes");
}

TEST(ScenarioLimits, NestingDepth) {
  std::string deep = "name: x\nextra: ";
  for (int i = 0; i < 20; ++i) deep += "[";
  for (int i = 0; i < 20; ++i) deep += "]";
  const Check r = check(deep + "\n", "--max-yaml-depth 10");
  EXPECT_EQ(r.exit_code, 2) << r.messages;
  EXPECT_NE(r.messages.find("s.yaml:2:"), std::string::npos) << r.messages;
  EXPECT_NE(r.messages.find("nested more than 10 levels deep (limit --max-yaml-depth"), std::string::npos) << r.messages;
}

// A corps: ~150 battalion-sized units, ~15,000 vehicles (docs/limits.md), within the defaults.
TEST(ScenarioLimits, DefaultsAcceptACorps) {
  const Check r = check(with_units(150, 100));
  EXPECT_EQ(r.exit_code, 0) << r.messages.substr(0, 2000);
}

// "Billion laughs": nine anchors, each a list of nine aliases of the one before, stand for 9^9
// (387 million) nodes in a file of 1 KB. Refused before anything walks it, within a second.
TEST(ScenarioLimits, YamlAliasBombIsRefusedAtOnce) {
  std::string bomb = "name: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i)
    bomb += fmt::format("a{0}: &a{0} [*a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}]\n", i, i - 1);
  bomb += "units: *a9\n";
  const auto start = std::chrono::steady_clock::now();
  const Check r = check(bomb);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 2) << r.messages;
  EXPECT_NE(r.messages.find("more than 2000000 YAML nodes once its aliases are expanded (limit --max-yaml-nodes"),
            std::string::npos)
      << r.messages;
  EXPECT_LT(seconds, 5.0);  // one process start and a 1 KB parse; generous for a loaded machine
}

// Anchors and aliases used as intended (one equipment list shared by many units) pass.
TEST(ScenarioLimits, OrdinaryAliasesPass) {
  std::string yaml = with_units(40, 10);
  const std::string list = "    equipment:\n      - {type: \"Boxer\", count: 5}\n      - {type: \"MAN HX77\", count: 5}\n";
  const std::size_t first = yaml.find(list);
  ASSERT_NE(first, std::string::npos);
  yaml.replace(first, list.size(), "    equipment: &standard\n      - {type: \"Boxer\", count: 5}\n      - {type: \"MAN HX77\", count: 5}\n");
  for (std::size_t at = yaml.find(list); at != std::string::npos; at = yaml.find(list, at))
    yaml.replace(at, list.size(), "    equipment: *standard\n");
  const Check r = check(yaml);
  EXPECT_EQ(r.exit_code, 0) << r.messages.substr(0, 2000);
  // An alias counts as the nodes it names: the smallest --max-yaml-nodes that accepts the file
  // is the same with the aliases as with the list written out in every unit.
  const auto smallest_accepted = [](const std::string& text) {
    int lo = 1, hi = 100000;
    while (lo < hi) {
      const int mid = (lo + hi) / 2;
      if (check(text, "--max-yaml-nodes " + std::to_string(mid)).exit_code == 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const int with_aliases = smallest_accepted(yaml), written_out = smallest_accepted(with_units(40, 10));
  EXPECT_EQ(with_aliases, written_out);
  EXPECT_GT(with_aliases, 40 * 20);
}

TEST(ScenarioLimits, YamlAliasCycleIsRefused) {
  const Check r = check("name: x\nunits: &u [*u]\n");
  EXPECT_EQ(r.exit_code, 2) << r.messages;
  EXPECT_NE(r.messages.find("s.yaml:2:"), std::string::npos) << r.messages;
  EXPECT_NE(r.messages.find("an alias refers to a node that contains it (a cycle)"), std::string::npos) << r.messages;
}

// Every scenario command takes the limits.
TEST(ScenarioLimits, EveryScenarioCommandTakesThem) {
  TempDir dir;
  write_file(dir.path("s.yaml"), liechtenstein());
  for (const std::string command : {"check", "forces", "plan", "whatif", "transit", "bottlenecks", "simulate", "sweep",
                                    "rank-upgrades", "validate", "serve"}) {
    const auto help = run_command(kMilmob + " " + command + " --help");
    ASSERT_EQ(help.exit_code, 0) << command << ": " << help.err;
    for (const char* option : {"--max-scenario-bytes", "--max-units", "--max-vehicles", "--max-disruptions",
                               "--max-yaml-depth", "--max-yaml-nodes"})
      EXPECT_NE(help.out.find(option), std::string::npos) << command << " " << option;
  }
  const auto plan = run_command(kMilmob + " plan -q " + dir.path("s.yaml") + " -o " + dir.path("out") + " --max-units 1");
  EXPECT_EQ(plan.exit_code, 2) << plan.err;
  EXPECT_NE((plan.out + plan.err).find("(--max-units)"), std::string::npos) << plan.out << plan.err;
}

// serve: its own scenario and those in request bodies, under the same options.
TEST(ScenarioLimits, ServeAppliesThemToRequestBodies) {
  TempDir dir;
  write_file(dir.path("s.yaml"), liechtenstein());
  milmob::testing::ServerProcess server(kMilmob, {"--scenario", dir.path("s.yaml"), "--max-units", "3"});
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60, 0);
  const nlohmann::json body = {{"scenario_yaml", with_units(4, 2)}};
  const auto r = client.Post("/plan", body.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  EXPECT_NE(r->body.find("4 units, more than the limit of 3 (--max-units)"), std::string::npos) << r->body;
  const auto ok = client.Post("/plan", nlohmann::json({{"scenario_yaml", with_units(3, 2)}}).dump(), "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 202) << ok->body;
  server.stop();
}

}  // namespace
