// `milmob serve` through a real HTTP client: every endpoint on the flagship scenario
// (examples/vjtf-baltic.yaml), every error path with its status, code and field, the limits
// (body size, JSON depth, concurrent jobs), a clean stop on SIGTERM, and POST /route answering
// with the same document as `milmob route --json`.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "support/run_command.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::ServerProcess;
using milmob::testing::TempDir;

const std::string kMilmob = MILMOB_BINARY;
const std::string kExamples = std::string(MILMOB_SOURCE_DIR) + "/examples/";
const std::string kFlagship = kExamples + "vjtf-baltic.yaml";
const std::string kOderBridge = "Oder motorway bridge Frankfurt (Oder)-Świecko lost";

struct Answer {
  int status = 0;
  std::string body, type;
  json doc() const { return json::parse(body); }
};

class ServeApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(kMilmob, {"--scenario", kFlagship, "--max-body", "200000", "--max-json-depth", "8",
                                          "--max-jobs", "1", "--max-plans", "4"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static Answer call(const std::string& method, const std::string& path, const std::string& body = "") {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(120, 0);
    c.set_tcp_nodelay(true);  // the body is a second write: no wait for a delayed ACK
    httplib::Result r = method == "GET" ? c.Get(path.c_str()) : c.Post(path.c_str(), body, "application/json");
    if (!r) return {-1, httplib::to_string(r.error()), ""};
    return {r->status, r->body, r->get_header_value("Content-Type")};
  }
  static Answer get(const std::string& path) { return call("GET", path); }
  static Answer post(const std::string& path, const json& body) { return call("POST", path, body.dump()); }

  // The API's error document: status, code and field as expected, a message to read.
  static void expect_error(const Answer& a, int status, const std::string& code, const json& field) {
    ASSERT_EQ(a.status, status) << a.body;
    const json e = a.doc().at("error");
    EXPECT_EQ(e.at("code"), code) << a.body;
    EXPECT_EQ(e.at("field"), field) << a.body;
    EXPECT_FALSE(e.at("message").get<std::string>().empty());
  }

  // Plans through a job and waits for it; the plan id.
  static std::string plan(const json& body) {
    const Answer a = post("/plan", body);
    EXPECT_EQ(a.status, 202) << a.body;
    const std::string job = a.doc().at("job");
    double progress = 0;
    for (int i = 0; i < 600; ++i) {
      const json s = get("/jobs/" + job).doc();
      // The share of units planned: between 0 and 1, never going back, 1 when done.
      EXPECT_GE(s.at("progress").get<double>(), progress) << s.dump();
      progress = s.at("progress").get<double>();
      EXPECT_LE(progress, 1.0) << s.dump();
      if (s.at("state") == "done") {
        EXPECT_EQ(progress, 1.0) << s.dump();
        return s.at("plan");
      }
      if (s.at("state") == "failed") {
        ADD_FAILURE() << s.dump();
        return "";
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job " << job << " did not finish";
    return "";
  }

  static ServerProcess* server_;
};
ServerProcess* ServeApi::server_ = nullptr;

TEST_F(ServeApi, HealthNetworkVehiclesAndScenarioDescribeWhatIsServed) {
  const json health = get("/health").doc();
  EXPECT_EQ(health.at("status"), "ok");
  EXPECT_EQ(health.at("scenario"), "VJTF land brigade (2019 composition) to Lithuania");
  const json network = get("/network").doc();
  EXPECT_EQ(health.at("network").at("nodes"), network.at("nodes"));
  // The strategic layer has road, rail and sea corridors, and the scenario adds a ferry.
  for (const char* mode : {"road", "rail", "sea"}) EXPECT_GT(network.at("modes").at(mode).at("edges"), 0) << mode;

  const json vehicles = get("/vehicles").doc();
  bool leopard = false, marder = false;
  for (const auto& v : vehicles) {
    leopard |= v.at("name") == "Leopard 2A6" && v.at("tracked") == true;
    marder |= v.at("name") == "Marder 1A3" && v.value("scenario", false);  // the scenario's own type
  }
  EXPECT_TRUE(leopard);
  EXPECT_TRUE(marder);

  const json s = get("/scenario").doc();
  EXPECT_EQ(s.at("c_day"), "2027-05-03");
  EXPECT_EQ(s.at("disruptions").size(), 3u);
  EXPECT_EQ(s.at("disruptions")[0].at("name"), kOderBridge);
  int ports = 0, centres = 0;
  for (const auto& f : s.at("places").at("features")) {
    ports += f.at("properties").at("kind") == "port";
    centres += f.at("properties").at("kind") == "convoy_support_centre";
  }
  EXPECT_GT(ports, 0);
  EXPECT_GT(centres, 0);
}

TEST_F(ServeApi, RoutesAVehicleByNameOrByLimits) {
  // Berlin to Kaunas on the strategic layer.
  const json by_name = post("/route", {{"from", {13.40, 52.52}}, {"to", {23.90, 54.90}}, {"vehicle", "Leopard 2A6"},
                                       {"max_snap_m", 20000}})
                           .doc();
  ASSERT_TRUE(by_name.at("found").get<bool>()) << by_name.dump();
  EXPECT_EQ(by_name.at("vehicle"), "Leopard 2A6");
  EXPECT_GT(by_name.at("distance_m").get<double>(), 800000);  // 820 km as the crow flies
  EXPECT_EQ(by_name.at("countries"), json({"DEU", "POL", "LTU"}));
  const json by_limits = post("/route", {{"from", {13.40, 52.52}}, {"to", {23.90, 54.90}}, {"max_snap_m", 20000},
                                         {"limits", {{"weight_t", 64}, {"mlc", 70}, {"tracked", true}, {"width_m", 3.75}}}})
                             .doc();
  ASSERT_TRUE(by_limits.at("found").get<bool>());
  EXPECT_EQ(by_limits.at("vehicle"), "tracked 64 t MLC 70");
}

// POST /route answers with `milmob route --json`'s document for the same network and request.
TEST_F(ServeApi, RouteIsTheSameDocumentAsTheCommandLine) {
  TempDir tmp;
  const std::string net = tmp.path("li.mmnet");
  ASSERT_EQ(run_command(kMilmob + " import -q " + MILMOB_DATA_DIR + "/osm/liechtenstein-2013-08-03.osm.pbf -o " + net).exit_code, 0);
  ServerProcess li(kMilmob, {"--net", net});
  const auto cli = run_command(kMilmob + " route --net " + net + " --from 9.5209,47.1410 --to 9.5560,47.2420 --vehicle 'Leopard 2A6' --json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  httplib::Client c("127.0.0.1", li.port());
  const auto r = c.Post("/route", json({{"from", {9.5209, 47.1410}}, {"to", {9.5560, 47.2420}}, {"vehicle", "Leopard 2A6"}}).dump(),
                        "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body), json::parse(cli.out));
  // A network without a scenario has no scenario to plan.
  const auto s = c.Get("/scenario");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, 404);
  const auto p = c.Post("/plan", "{}", "application/json");
  ASSERT_TRUE(p);
  EXPECT_EQ(json::parse(p->body)["error"]["field"], "scenario_yaml");
}

TEST_F(ServeApi, RouteErrorsNameTheField) {
  const json to = {23.90, 54.90};
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", to}}), 422, "missing_field", "vehicle");
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", to}, {"vehicle", "Tiger II"}}), 422, "unknown_vehicle", "vehicle");
  expect_error(post("/route", {{"from", {13.40, 52.52, 3}}, {"to", to}, {"vehicle", "Leopard 2A6"}}), 422, "bad_field", "from");
  expect_error(post("/route", {{"from", {13.40, 152.52}}, {"to", to}, {"vehicle", "Leopard 2A6"}}), 422, "bad_field", "from");
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"vehicle", "Leopard 2A6"}}), 422, "missing_field", "to");
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", to}, {"limits", {{"weight_t", -3}}}}), 422, "out_of_range",
               "limits.weight_t");
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", to}, {"limits", {{"colour", 3}}}}), 422, "unknown_field",
               "limits.colour");
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", to}, {"limits", {{"tracked", true}}}}), 422, "missing_field",
               "limits.weight_t");
  // Reykjavik is far from any corridor of the layer.
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", {-21.9, 64.1}}, {"vehicle", "Leopard 2A6"}}), 422,
               "not_on_network", "to");
  expect_error(post("/route", {{"from", {13.40, 52.52}}, {"to", to}, {"vehicle", "Leopard 2A6"}, {"max_snap_m", 0}}), 422,
               "out_of_range", "max_snap_m");
}

TEST_F(ServeApi, MalformedOversizedAndTooDeepBodiesAreRefused) {
  expect_error(call("POST", "/route", "{\"from\": [13.4,"), 400, "bad_json", "body");
  expect_error(call("POST", "/route", "[1, 2]"), 400, "bad_json", "body");
  expect_error(call("POST", "/route", ""), 400, "bad_json", "body");
  // The server runs with --max-json-depth 8 and --max-body 200000.
  expect_error(call("POST", "/route", std::string(9, '[') + std::string(9, ']')), 400, "too_deep", "body");
  EXPECT_EQ(call("POST", "/route", "{\"a\":" + std::string(6, '[') + std::string(6, ']') + "}").status, 422);  // deep enough
  const Answer big = call("POST", "/route", "{\"pad\": \"" + std::string(300000, 'x') + "\"}");
  expect_error(big, 413, "body_too_large", "body");
  EXPECT_NE(big.doc()["error"]["message"].get<std::string>().find("200000 bytes (--max-body)"), std::string::npos);
}

TEST_F(ServeApi, UnknownPathsMethodsAndIdsAreRefused) {
  expect_error(get("/nowhere"), 404, "not_found", nullptr);
  expect_error(get("/route"), 405, "method_not_allowed", nullptr);
  expect_error(call("POST", "/health", "{}"), 405, "method_not_allowed", nullptr);
  expect_error(get("/plans/p999"), 404, "not_found", "id");
  expect_error(get("/plans/p999/closure"), 404, "not_found", "id");
  expect_error(get("/jobs/j999"), 404, "not_found", "id");
  expect_error(post("/plans/p999/whatif", {{"disruptions", {kOderBridge}}}), 404, "not_found", "id");
}

TEST_F(ServeApi, PlansTheScenarioAsAJobAndServesItsOutputs) {
  const std::string id = plan(json::object());
  const Answer a = get("/plans/" + id);
  ASSERT_EQ(a.status, 200);
  const json p = a.doc();
  EXPECT_EQ(p.at("format"), "milmob-plan/1");
  EXPECT_EQ(p.at("units").size(), 9u);  // the nine units of the brigade
  const std::string closure = get("/plans/" + id + "/closure").body;
  EXPECT_EQ(std::count(closure.begin(), closure.end(), '\n'), 10);  // header and one row per unit
  EXPECT_EQ(closure.rfind("unit,name,nation,feasible", 0), 0u);
  const Answer tables = get("/plans/" + id + "/march-tables");
  EXPECT_EQ(tables.type, "text/csv");
  std::size_t march_units = 0;
  for (const auto& u : p.at("units")) march_units += u.at("march_units").size();
  EXPECT_GT(march_units, 9u);
  EXPECT_NE(tables.body.find(p.at("units")[0].at("march_units")[0].at("id").get<std::string>()), std::string::npos);
  EXPECT_EQ(get("/plans/" + id + "/bookings").status, 200);
  const json routes = get("/plans/" + id + "/routes").doc();
  EXPECT_EQ(routes.at("type"), "FeatureCollection");
  const json list = get("/plans").doc();
  bool listed = false;
  for (const auto& e : list) listed |= e.at("id") == id && e.at("closure") == p.at("closure");
  EXPECT_TRUE(listed);
  const json b = get("/plans/" + id + "/bottlenecks").doc();
  EXPECT_EQ(b.at("closure"), p.at("closure"));
  EXPECT_FALSE(b.at("changes").empty());
}

TEST_F(ServeApi, PlansAnInlineScenarioAndRefusesABadOne) {
  // The flagship's own text gives the flagship's plan.
  const std::string served = plan(json::object());
  const std::string inline_id = plan({{"scenario_yaml", read_file(kFlagship)}});
  const json a = get("/plans/" + served).doc(), b = get("/plans/" + inline_id).doc();
  EXPECT_EQ(a.at("closure"), b.at("closure"));
  EXPECT_EQ(a.at("units"), b.at("units"));

  const Answer bad = post("/plan", {{"scenario_yaml", "version: 1\nname: x\ntime:\n  c_day: \"2027-02-30\"\n"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  const json e = bad.doc().at("error");
  EXPECT_EQ(e.at("code"), "bad_scenario");
  EXPECT_FALSE(e.at("diagnostics").empty());
  expect_error(post("/plan", {{"scenario_yaml", 3}}), 422, "bad_field", "scenario_yaml");
  expect_error(post("/plan", {{"disruptions", {"no such thing"}}}), 422, "unknown_disruption", "disruptions[0]");
}

TEST_F(ServeApi, WhatIfGivesTheClosureDifference) {
  const std::string base = plan(json::object());
  const Answer a = post("/plans/" + base + "/whatif", {{"disruptions", {kOderBridge}}});
  ASSERT_EQ(a.status, 200) << a.body;
  const json w = a.doc();
  EXPECT_EQ(w.at("base_plan"), base);
  EXPECT_NE(w.at("plan"), base);
  // Losing the Oder crossing sends units around it: later, and the change is said (the closure
  // itself is held by the Norwegian battalion's ferry, which does not pass there).
  const auto latest = [](const json& answer) {
    double most = 0;
    for (const json& u : answer.at("units"))
      if (u.at("difference_h").is_number()) most = std::max(most, u.at("difference_h").get<double>());
    return most;
  };
  EXPECT_GE(w.at("closure").at("difference_h").get<double>(), 0);
  EXPECT_GT(latest(w), 0);
  EXPECT_FALSE(w.at("changed").empty());
  EXPECT_EQ(w.at("units").size(), 9u);
  const json after = get("/plans/" + w.at("plan").get<std::string>()).doc();
  EXPECT_EQ(after.at("closure"), w.at("closure").at("after"));
  EXPECT_EQ(after.at("disruptions"), json({kOderBridge}));

  // The same bridge clicked on the map: a drawn disruption.
  const json drawn = post("/plans/" + base + "/whatif",
                          {{"disruptions", {{{"kind", "bridge_lost"}, {"near", {14.57833, 52.31556}}, {"radius_m", 3000}}}}})
                         .doc();
  EXPECT_GT(latest(drawn), 0) << drawn.dump();
  // Closing a road nowhere near a route changes nothing.
  const json far = post("/plans/" + base + "/whatif",
                        {{"disruptions", {{{"kind", "road_closed"}, {"near", {5.0, 60.0}}, {"radius_m", 100}}}}})
                       .doc();
  EXPECT_EQ(far.at("closure").at("difference_h"), 0);
}

TEST_F(ServeApi, WhatIfErrorsNameTheField) {
  const std::string base = plan(json::object());
  const std::string path = "/plans/" + base + "/whatif";
  expect_error(post(path, json::object()), 422, "missing_field", "disruptions");
  expect_error(post(path, {{"disruptions", json::array()}}), 422, "bad_field", "disruptions");
  expect_error(post(path, {{"disruptions", {{{"kind", "meteor"}}}}}), 422, "bad_field", "disruptions[0].kind");
  expect_error(post(path, {{"disruptions", {{{"kind", "bridge_lost"}}}}}), 422, "missing_field", "disruptions[0].near");
  expect_error(post(path, {{"disruptions", {{{"kind", "bridge_lost"}, {"near", {14.5, 52.3}}, {"at", "tomorrow"}}}}}), 422,
               "bad_field", "disruptions[0].at");
  expect_error(post(path, {{"disruptions", {{{"kind", "capacity_cut"}, {"place", {14.5, 53.4}}, {"capacity_factor", 2}}}}}),
               422, "out_of_range", "disruptions[0].capacity_factor");
  expect_error(post(path, {{"disruptions", {{{"kind", "border_closed"}, {"nations", {"POL"}}}}}}), 422, "bad_field",
               "disruptions[0].nations");
  expect_error(post(path, {{"disruptions", {"Atlantis sinks"}}}), 422, "unknown_disruption", "disruptions[0]");
}

// With --max-jobs 1, a plan asked for while a job runs is refused, naming the limit.
TEST_F(ServeApi, RefusesJobsBeyondTheLimit) {
  const std::string base = plan(json::object());
  bool refused = false;
  for (int attempt = 0; attempt < 10 && !refused; ++attempt) {
    std::thread slow([&] { get("/plans/" + base + "/bottlenecks"); });  // re-plans about 20 times
    for (int i = 0; i < 2000; ++i) {
      if (get("/health").doc()["jobs"]["active"] == 1) {
        const Answer a = post("/plan", json::object());
        if (a.status == 429) {
          expect_error(a, 429, "too_many_jobs", nullptr);
          EXPECT_NE(a.body.find("--max-jobs"), std::string::npos);
          refused = true;
        }
        break;
      }
    }
    slow.join();
  }
  EXPECT_TRUE(refused);
}

TEST_F(ServeApi, ConcurrentRoutesAllSucceed) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const Answer a = post("/route", {{"from", {13.40, 52.52}}, {"to", {23.90, 54.90}}, {"max_snap_m", 20000},
                                         {"vehicle", t % 2 ? "Leopard 2A6" : "Boxer"}});
        ok += a.status == 200 && a.doc().at("found").get<bool>();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 80);
}

TEST(ServeCommand, LogsEachRequestAndStopsCleanlyOnSigterm) {
  ServerProcess s(kMilmob, {"--scenario", kFlagship});
  httplib::Client c("127.0.0.1", s.port());
  ASSERT_TRUE(c.Get("/health"));
  ASSERT_TRUE(c.Get("/nowhere"));
  EXPECT_EQ(s.stop(), 0);
  const std::string log = s.log();
  EXPECT_NE(log.find("GET /health 200 "), std::string::npos) << log;
  EXPECT_NE(log.find("GET /nowhere 404 "), std::string::npos) << log;
  EXPECT_NE(log.find("milmob serve: stopped"), std::string::npos) << log;
}

TEST(ServeCommand, BadOptionsExitWithTwo) {
  for (const std::string& args : std::vector<std::string>{"", "--net /nonexistent.mmnet", "--scenario " + kFlagship + " --port 70000",
                                 "--scenario " + kFlagship + " --max-json-depth 1", "--scenario " + kFlagship + " --threads 0"}) {
    const auto r = run_command(kMilmob + " serve -q " + args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.err;
    EXPECT_NE(r.err.find("error"), std::string::npos) << args;
  }
}

TEST(ServeCommand, RefusesAPortInUse) {
  ServerProcess first(kMilmob, {"--scenario", kFlagship});
  const auto r = run_command(kMilmob + " serve -q --scenario " + kFlagship + " --port " + std::to_string(first.port()));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos) << r.err;
}

}  // namespace
