// Many clients at once on one `milmob serve`: routes for several vehicle classes through the
// router pool, plans, what-ifs and bottleneck reports through the job runner, scenarios sent
// inline, and reads of the plans kept and of what is served, all in parallel. Every answer must be whole and right. Run under ThreadSanitizer by
// `scripts/test --tsan` (label `parallel`), where a data race ends the server and fails this test.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/run_command.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;

const std::string kMilmob = MILMOB_BINARY;
const std::string kScenario = std::string(MILMOB_SOURCE_DIR) + "/examples/liechtenstein-exercise.yaml";

struct Answer {
  int status = -1;
  std::string body;
};

Answer call(int port, const std::string& method, const std::string& path, const json& body = nullptr) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(300, 0);
  const httplib::Result r = method == "GET" ? c.Get(path.c_str()) : c.Post(path.c_str(), body.dump(), "application/json");
  if (!r) return {-1, httplib::to_string(r.error())};
  return {r->status, r->body};
}

// Polls a job until it is done; its final status document.
json finish(int port, const std::string& job) {
  for (int i = 0; i < 3000; ++i) {
    const Answer a = call(port, "GET", "/jobs/" + job);
    if (a.status != 200) return {{"state", "lost"}, {"answer", a.body}};
    json s = json::parse(a.body);
    if (s["state"] == "done" || s["state"] == "failed") return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {{"state", "timeout"}};
}

TEST(ServeConcurrency, RoutesPlansAndWhatIfsFromManyClients) {
  // Four request threads, two job workers, routers made on demand by concurrent requests.
  milmob::testing::ServerProcess server(kMilmob, {"--scenario", kScenario, "--threads", "6", "--max-jobs", "2"});
  const int port = server.port();

  // The answer each route must give, asked alone first.
  const char* vehicles[] = {"Leopard 2A4", "Boxer", "MAN HX77"};
  const json from = {9.50000, 47.06667}, to = {9.52046, 47.21076};
  std::vector<std::string> expected;
  for (const char* v : vehicles) {
    const Answer a = call(port, "POST", "/route", {{"from", from}, {"to", to}, {"vehicle", v}});
    ASSERT_EQ(a.status, 200) << a.body << server.log();
    expected.push_back(a.body);
  }

  std::atomic<int> routes_ok{0}, plans_ok{0}, reads_ok{0};
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  const auto fail = [&](const std::string& what) {
    std::lock_guard lock(failures_mutex);
    failures.push_back(what);
  };
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&, t] {
      for (int i = 0; i < 6; ++i) {
        const std::size_t k = static_cast<std::size_t>(t + i) % 3;
        const Answer a = call(port, "POST", "/route", {{"from", from}, {"to", to}, {"vehicle", vehicles[k]}});
        if (a.status == 200 && a.body == expected[k]) ++routes_ok;
        else fail("route: " + std::to_string(a.status) + " " + a.body.substr(0, 200));
      }
    });
  for (int t = 0; t < 2; ++t)
    clients.emplace_back([&] {
      for (int i = 0; i < 2; ++i) {
        // Plans are refused (429) while two jobs run: try again, as a client would.
        Answer a;
        for (int attempt = 0; attempt < 500; ++attempt) {
          a = call(port, "POST", "/plan", json::object());
          if (a.status != 429) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (a.status != 202) {
          fail("plan: " + std::to_string(a.status) + " " + a.body.substr(0, 200));
          continue;
        }
        const json s = finish(port, json::parse(a.body)["job"]);
        if (s["state"] != "done") {
          fail("plan job: " + s.dump());
          continue;
        }
        const std::string plan = s["plan"];
        const Answer got = call(port, "GET", "/plans/" + plan);
        const Answer csv = call(port, "GET", "/plans/" + plan + "/march-tables");
        if (got.status == 200 && json::parse(got.body).contains("units") && csv.status == 200) ++plans_ok;
        else fail("plan read: " + std::to_string(got.status));
        // A what-if on it (a job waited for within the request).
        Answer w;
        for (int attempt = 0; attempt < 500; ++attempt) {
          w = call(port, "POST", "/plans/" + plan + "/whatif", {{"disruptions", {"Rhine bridge Schaan-Buchs lost (test assumption)"}}});
          if (w.status != 429) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (w.status == 200 || w.status == 202) ++plans_ok;
        else fail("whatif: " + std::to_string(w.status) + " " + w.body.substr(0, 200));
      }
    });
  // Scenarios sent inline: read and checked on the request threads, planned as jobs.
  clients.emplace_back([&] {
    const std::string yaml = milmob::testing::read_file(kScenario);
    for (int i = 0; i < 2; ++i) {
      Answer a;
      for (int attempt = 0; attempt < 500; ++attempt) {
        a = call(port, "POST", "/plan", {{"scenario_yaml", yaml}});
        if (a.status != 429) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      const json s = a.status == 202 ? finish(port, json::parse(a.body)["job"]) : json{{"answer", a.body}};
      if (s.value("state", "") != "done") {
        fail("inline plan: " + s.dump().substr(0, 300));
        continue;
      }
      const Answer b = call(port, "GET", "/plans/" + s["plan"].get<std::string>() + "/bottlenecks");
      if (b.status == 200 || b.status == 202 || b.status == 429) ++plans_ok;
      else fail("bottlenecks: " + std::to_string(b.status) + " " + b.body.substr(0, 200));
    }
  });
  clients.emplace_back([&] {
    for (int i = 0; i < 40; ++i) {
      const Answer h = call(port, "GET", "/health"), p = call(port, "GET", "/plans");
      const Answer d = call(port, "GET", i % 3 == 0 ? "/scenario" : i % 3 == 1 ? "/vehicles" : "/network");
      if (h.status == 200 && p.status == 200 && json::parse(p.body).is_array() && d.status == 200) ++reads_ok;
      else fail("reads: " + std::to_string(h.status) + " " + std::to_string(p.status) + " " + std::to_string(d.status));
    }
  });
  for (auto& c : clients) c.join();
  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_EQ(routes_ok, 24);
  EXPECT_EQ(plans_ok, 10);
  EXPECT_EQ(reads_ok, 40);
  EXPECT_EQ(server.stop(), 0) << server.log();
  if (::testing::Test::HasFailure()) std::cerr << server.log();
}

}  // namespace
