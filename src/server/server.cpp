#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.h"
#include "network/summary.h"
#include "planning/bottlenecks.h"
#include "planning/bottlenecks_json.h"
#include "planning/plan_output.h"
#include "report/route_report.h"
#include "scenario/loader.h"
#include "scenario/scenario_json.h"
#include "scenario/time_expr.h"
#include "server/api_error.h"
#include "server/connections.h"
#include "server/disruption_request.h"
#include "server/jobs.h"
#include "server/json_body.h"
#include "server/plan_runner.h"
#include "server/plan_store.h"
#include "server/router_pool.h"
#include "server/vehicle_request.h"
#include "server/whatif.h"
#include "vehicles/vehicle_json.h"

namespace milmob::server {

namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;

constexpr const char* kVersion = "0.1.0";

// The request's start, for the log line: the logger runs on the thread that answered it.
thread_local std::chrono::steady_clock::time_point t_request_start;

void send_json(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text, "application/json");
}

void send_error(httplib::Response& res, const ApiError& e) {
  send_json(res, e.status(), error_body(e.code(), e.what(), e.field()).dump());
}

// Endpoints and their methods, for 405 answers to a known path asked with another method.
// `segments`: the path split at '/', "*" for an id. (No std::regex here: g++ 12 warns inside
// its <regex> in sanitizer builds.)
struct Endpoint {
  std::vector<std::string> segments;
  const char* methods;
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool path_matches(const Endpoint& e, const std::string& path) {
  const auto segments = split_path(path);
  if (segments.size() != e.segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (e.segments[i] != "*" ? segments[i] != e.segments[i] : segments[i].empty()) return false;
  return true;
}

// A point on the map for the page's layers: a scenario's railheads, ports, centres, ...
OJson place_feature(const scenario::PlaceRef& p, const std::string& kind, OJson properties) {
  properties["kind"] = kind;
  properties["name"] = p.name.empty() ? fmt::format("{:.4f}, {:.4f}", p.where.lon, p.where.lat) : p.name;
  return {{"type", "Feature"},
          {"geometry", {{"type", "Point"}, {"coordinates", {p.where.lon, p.where.lat}}}},
          {"properties", std::move(properties)}};
}

OJson scenario_places(const scenario::Scenario& s) {
  OJson features = OJson::array();
  const auto& r = s.resources;
  for (const auto& x : r.railheads)
    features.push_back(place_feature(x.place, "railhead", {{"trains_per_day", x.trains_per_day}}));
  for (const auto& x : r.transshipment)
    features.push_back(place_feature(x.place, "transshipment", {{"vehicles_per_day", x.vehicles_per_day}}));
  for (const auto& x : r.ports)
    features.push_back(place_feature(x.place, "port", {{"berths", x.berths}, {"vehicles_per_day", x.vehicles_per_day}}));
  for (const auto& x : r.airfields) features.push_back(place_feature(x.place, "airfield", {{"max_on_ground", x.max_on_ground}}));
  for (const auto& x : r.convoy_support_centres)
    features.push_back(place_feature(x.place, "convoy_support_centre", {{"vehicles_per_night", x.vehicles_per_night}}));
  for (const auto& x : r.staging_areas)
    features.push_back(place_feature(x.place, x.kind + "_area", {{"capacity_vehicles", x.capacity_vehicles}}));
  for (const auto& u : s.units) {
    features.push_back(place_feature(u.home, "home", {{"unit", u.id}}));
    features.push_back(place_feature(u.destination, "destination", {{"unit", u.id}}));
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

OJson disruption_list(const scenario::Scenario& s) {
  OJson out = OJson::array();
  for (const auto& d : s.disruptions) {
    OJson j = {{"name", d.name}, {"kind", d.kind}, {"at", scenario::format_time(d.at)}};
    j["duration"] = d.duration ? OJson(scenario::format_duration(*d.duration)) : OJson(nullptr);
    if (d.select.near) {
      j["near"] = {d.select.near->where.lon, d.select.near->where.lat};
      j["radius_m"] = d.select.radius_m;
    }
    if (!d.nations.empty()) j["nations"] = d.nations;
    if (d.place) {
      j["place"] = {d.place->where.lon, d.place->where.lat};
      j["capacity_factor"] = d.capacity_factor;
    }
    out.push_back(j);
  }
  return out;
}

// The page's files, read once at start: only these are served, so no path a client sends can
// reach another file (traversal, encoded separators, symlinks out of the directory).
struct Asset {
  std::string content, type;
};

std::string content_type(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},         {".geojson", "application/geo+json"},    {".png", "image/png"},
      {".svg", "image/svg+xml"},              {".ico", "image/x-icon"},               {".map", "application/json"},
      {".woff2", "font/woff2"},               {".txt", "text/plain; charset=utf-8"}};
  const auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::map<std::string, Asset> load_assets(const std::string& dir) {
  std::map<std::string, Asset> out;
  namespace fs = std::filesystem;
  std::error_code ec;
  // Symlinks are skipped, not followed: a link in the directory could point anywhere.
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink() || !it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out["/" + fs::relative(it->path(), dir).generic_string()] = {text.str(), content_type(it->path())};
  }
  return out;
}

// Equal or not, in a time that does not depend on where the first difference is.
bool same_secret(const std::string& given, const std::string& secret) {
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (std::size_t i = 0; i < secret.size(); ++i)
    diff |= static_cast<unsigned char>((i < given.size() ? given[i] : 0) ^ secret[i]);
  return diff == 0;
}

// What needs the token: every method that may change state, and the one GET that starts work.
bool needs_token(const httplib::Request& req) {
  if (req.method == "GET" || req.method == "HEAD")
    return req.path.size() > 12 && req.path.compare(req.path.size() - 12, 12, "/bottlenecks") == 0;
  return req.method != "OPTIONS";
}

}  // namespace

struct ApiServer::Impl {
  ServedData data;
  ServerOptions options;
  ConnectionServer http;
  OJson network_summary;
  RouterPool routers;
  PlanStore plans;
  JobRunner jobs;
  std::vector<Endpoint> endpoints;
  std::string web_dir;
  std::map<std::string, Asset> assets;
  int port = 0;
  int listen_socket = -1;

  // httplib listens with a backlog of 5 (fixed when it was compiled): a burst of new
  // connections overflows it, and the kernel drops their first packets, which come back after
  // a 1 s retransmit. A second listen() on the bound socket sets the usual backlog.
  void widen_backlog() const {
    if (listen_socket >= 0) ::listen(listen_socket, SOMAXCONN);
  }

  Impl(ServedData d, ServerOptions o)
      : data(std::move(d)),
        options(std::move(o)),
        // Routing is CPU-bound: more routers than cores would only hold more memory (each keeps
        // its own hierarchy and customizations).
        routers(data.net, static_cast<std::size_t>(std::max(1, std::min<int>(options.threads, static_cast<int>(std::thread::hardware_concurrency()))))),
        plans(options.limits.max_plans),
        // One worker per allowed job, at most the cores: a plan is CPU-bound.
        jobs(data.net, std::max(1, std::min<int>(options.limits.max_jobs, static_cast<int>(std::thread::hardware_concurrency()))),
             options.limits.max_jobs) {
    network_summary = OJson(to_json(summarize(data.net)));
    setup();
  }

  PlanningContext context() const { return {data.net, data.catalogue, data.calendar}; }

  std::shared_ptr<const StoredPlan> plan_or_404(const std::string& id) const {
    auto p = plans.get(id);
    if (!p) throw ApiError(404, "not_found", fmt::format("no plan '{}' (plans are kept while fewer than {} are newer)", id, options.limits.max_plans), "id");
    return p;
  }

  // Runs `work` as a job and waits for it up to the request time limit: the answer is the
  // job's result, or 202 with where to look when it takes longer.
  void run_and_wait(httplib::Response& res, const std::string& kind, JobRunner::Work work) {
    const std::string id = jobs.submit(kind, std::move(work));
    const JobStatus s = jobs.wait(id, std::chrono::seconds(options.limits.request_timeout_s));
    if (s.state == "done") return send_json(res, 200, s.result.dump());
    if (s.state == "failed") return send_json(res, s.error_status, s.error.dump());
    send_json(res, 202,
              OJson({{"job", id}, {"href", fmt::format("/jobs/{}", id)}, {"state", s.state},
                     {"message", fmt::format("still running after the request time limit of {} s (--request-timeout)",
                                             options.limits.request_timeout_s)}})
                  .dump());
  }

  // The scenario of a POST /plan: inline YAML, or the server's.
  std::shared_ptr<const scenario::Scenario> request_scenario(const Json& body) const {
    const Json* yaml = member(body, "scenario_yaml");
    if (yaml == nullptr) {
      if (!data.scenario)
        throw ApiError(422, "missing_field", "this server has no scenario (--scenario): give one as \"scenario_yaml\"",
                       "scenario_yaml");
      return data.scenario;
    }
    if (!yaml->is_string()) throw ApiError(422, "bad_field", "expected the scenario as YAML text", "scenario_yaml");
    const std::string base_dir = data.scenario ? std::filesystem::path(data.scenario->file).parent_path().string() : ".";
    scenario::LoadResult r =
        scenario::load_scenario_text(yaml->get<std::string>(), "scenario_yaml", base_dir,
                                     {data.catalogue, data.places, options.scenario_limits});
    if (!r.ok()) {
      const auto all = r.diagnostics.sorted();
      const scenario::Diagnostic& first = all.front();
      Json body_json = error_body("bad_scenario",
                                  fmt::format("{} error(s) in the scenario; the first: {}", r.diagnostics.error_count(), first.to_string()),
                                  "scenario_yaml" + (first.path.empty() ? std::string() : "." + first.path));
      Json diags = Json::array();
      for (const auto& d : all) diags.push_back(Json(to_json(d)));
      body_json["error"]["diagnostics"] = diags;
      throw ApiErrorWithBody(body_json);
    }
    // The server's network serves every scenario: one naming a holiday file would read the
    // server's disk on a client's word.
    if (!r.scenario.rules.holidays_file.empty())
      throw ApiError(422, "not_allowed", "an inline scenario may not name a holiday file; the shipped holidays apply",
                     "scenario_yaml.rules.holidays");
    return std::make_shared<const scenario::Scenario>(std::move(r.scenario));
  }

  // ApiError whose body carries more than the code, message and field (scenario diagnostics).
  struct ApiErrorWithBody : ApiError {
    explicit ApiErrorWithBody(Json b)
        : ApiError(422, b["error"]["code"].get<std::string>(), b["error"]["message"].get<std::string>(),
                   b["error"]["field"].get<std::string>()),
          body(std::move(b)) {}
    Json body;
  };

  template <class F>
  httplib::Server::Handler guard(F handler) {
    return [handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const ApiErrorWithBody& e) {
        send_json(res, e.status(), e.body.dump());
      } catch (const ApiError& e) {
        send_error(res, e);
      } catch (const InputError& e) {
        send_error(res, ApiError(422, "bad_input", e.what()));
      } catch (const std::exception& e) {
        send_error(res, ApiError(500, "internal", e.what()));
      }
    };
  }

  void add(const char* method, const char* pattern, httplib::Server::Handler h) {
    std::vector<std::string> segments = split_path(pattern);
    for (auto& seg : segments)
      if (seg.find('(') != std::string::npos) seg = "*";
    endpoints.push_back({std::move(segments), method});
    const std::string m = method;
    if (m == "GET") http.Get(pattern, std::move(h));
    else http.Post(pattern, std::move(h));
  }

  void setup() {
    const Limits& lim = options.limits;
    // Connections are milmob's (server/connections.h); httplib parses requests and answers them.
    ConnectionLimits cl;
    cl.max_connections = lim.max_connections;
    cl.idle_timeout_s = lim.idle_timeout_s;
    cl.request_timeout_s = lim.request_timeout_s;
    cl.max_body_bytes = lim.max_body_bytes;
    cl.threads = options.threads;
    http.set_connection_limits(cl);
    http.set_payload_max_length(lim.max_body_bytes);
    // httplib would write "max=5" in its Keep-Alive header; connections here have no such count.
    http.set_keep_alive_max_count(1000000);
    // No Access-Control-* header anywhere: browsers keep other sites' pages from reading or
    // posting to the API (docs/security.md). The page loads only its own files.
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
                              {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cross-Origin-Resource-Policy", "same-origin"}});
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which lets a second server bind a
    // port already in use, and share its requests, instead of failing. TCP_NODELAY (inherited by
    // accepted sockets): a response's headers and body go out as two writes, and Nagle would hold
    // the second for the client's delayed ACK (40 ms).
    http.set_socket_options([this](socket_t sock) {
      listen_socket = sock;
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    });
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      t_request_start = std::chrono::steady_clock::now();
      if (options.token.empty() || !needs_token(req)) return httplib::Server::HandlerResponse::Unhandled;
      const std::string auth = req.get_header_value("Authorization");
      const bool bearer = auth.size() > 7 && auth.compare(0, 7, "Bearer ") == 0;
      if (bearer && same_secret(auth.substr(7), options.token)) return httplib::Server::HandlerResponse::Unhandled;
      send_error(res, ApiError(401, "unauthorized",
                               bearer ? "the token is not this server's (--token-file)"
                                      : fmt::format("{} {} needs the server's token: send \"Authorization: Bearer <token>\"",
                                                    req.method, req.path)));
      res.set_header("WWW-Authenticate", bearer ? R"(Bearer realm="milmob", error="invalid_token")" : R"(Bearer realm="milmob")");
      return httplib::Server::HandlerResponse::Handled;
    });
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count();
      std::fprintf(stderr, "%s %s %d %.1f ms\n", req.method.c_str(), req.path.c_str(), res.status, ms);
    });
    // Errors httplib answers itself (unknown path, body too large) get the API's error body.
    http.set_error_handler(httplib::Server::HandlerWithResponse([this, lim](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      if (res.status == 413) {
        send_error(res, ApiError(413, "body_too_large",
                                 fmt::format("the body is larger than the limit of {} bytes (--max-body)", lim.max_body_bytes), "body"));
      } else if (res.status == 404) {
        not_found(req, res);
      } else {
        send_error(res, ApiError(res.status, "bad_request", fmt::format("the request was refused (HTTP {})", res.status)));
      }
      return httplib::Server::HandlerResponse::Handled;
    }));

    web_dir = options.web_dir.empty() ? std::string(MILMOB_WEB_DIR) : options.web_dir;
    if (std::filesystem::exists(std::filesystem::path(web_dir) / "index.html")) assets = load_assets(web_dir);
    if (assets.count("/index.html") == 0) web_dir.clear();

    add("GET", "/health", guard([this](const httplib::Request&, httplib::Response& res) {
          OJson j = {{"status", "ok"},
                     {"version", kVersion},
                     {"network", {{"nodes", data.net.node_count()}, {"edges", data.net.edge_count()}}},
                     {"scenario", data.scenario ? OJson(data.scenario->name) : OJson(nullptr)},
                     {"jobs", {{"active", jobs.active()}, {"limit", jobs.max_active()}}},
                     {"connections", {{"open", http.open_connections()}, {"limit", options.limits.max_connections}}},
                     {"web_page", !web_dir.empty()}};
          send_json(res, 200, j.dump());
        }));
    add("GET", "/network", guard([this](const httplib::Request&, httplib::Response& res) {
          send_json(res, 200, network_summary.dump());
        }));
    add("GET", "/vehicles", guard([this](const httplib::Request&, httplib::Response& res) {
          Json out = Json::array();
          for (const auto& v : data.catalogue.all()) out.push_back(vehicles::to_json(v));
          if (data.scenario)
            for (const auto& v : data.scenario->custom_vehicles) {
              Json j = vehicles::to_json(v);
              j["scenario"] = true;  // a type of the server's scenario, not of the catalogue
              out.push_back(j);
            }
          send_json(res, 200, out.dump());
        }));
    add("GET", "/scenario", guard([this](const httplib::Request&, httplib::Response& res) {
          if (!data.scenario)
            throw ApiError(404, "no_scenario", "this server serves a network without a scenario (start it with --scenario)");
          const scenario::Scenario& s = *data.scenario;
          OJson j = {{"name", s.name},
                     {"description", s.description},
                     {"c_day", scenario::format_iso_date(s.c_day)},
                     {"places", scenario_places(s)},
                     {"disruptions", disruption_list(s)},
                     {"document", scenario::to_document(s)}};
          send_json(res, 200, j.dump());
        }));
    add("POST", "/route", guard([this](const httplib::Request& req, httplib::Response& res) {
          const Json body = parse_json_body(req.body, options.limits.max_json_depth);
          routing::RouteRequest r;
          r.from = point_member(body, "from", "from");
          r.to = point_member(body, "to", "to");
          r.vehicle = vehicle_from_request(body, data.catalogue, data.scenario.get());
          if (member(body, "max_snap_m") != nullptr) {
            r.max_snap_m = number_member(body, "max_snap_m", "max_snap_m");
            if (!(r.max_snap_m > 0 && r.max_snap_m <= 100000))
              throw ApiError(422, "out_of_range", "expected a distance above 0 and at most 100000 m", "max_snap_m");
          }
          if (member(body, "explain") != nullptr) r.explain = bool_member(body, "explain", "explain");
          routing::Route route;
          try {
            auto router = routers.acquire();
            route = router->route(r);
          } catch (const InputError& e) {
            // The router names the end it could not snap as the command line's option.
            const std::string what = e.what();
            const bool to = what.rfind("--to: ", 0) == 0;
            throw ApiError(422, "not_on_network", what.substr(what.rfind("--", 0) == 0 ? what.find(' ') + 1 : 0), to ? "to" : "from");
          }
          send_json(res, 200, report::route_to_json(route).dump());
        }));
    add("POST", "/plan", guard([this](const httplib::Request& req, httplib::Response& res) {
          const Json body = parse_json_body(req.body, options.limits.max_json_depth);
          auto s = request_scenario(body);
          std::vector<std::string> names;
          if (const Json* d = member(body, "disruptions")) {
            WhatIfScenario w = whatif_scenario(*s, {}, *d);
            s = std::make_shared<const scenario::Scenario>(std::move(w.scenario));
            names = std::move(w.names);
          }
          const std::string id = jobs.submit("plan", [this, s, names](routing::Router& router, const JobRunner::Report& report) {
            const auto start = std::chrono::steady_clock::now();
            StoredPlan p;
            p.scenario = s;
            p.plan = run_planner(context(), *s, names, router, report);
            p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            auto stored = plans.add(std::move(p));
            return JobResult{stored->id, OJson{{"plan", stored->id}, {"href", fmt::format("/plans/{}", stored->id)}}};
          });
          send_json(res, 202, OJson({{"job", id}, {"href", fmt::format("/jobs/{}", id)}, {"state", "queued"}}).dump());
        }));
    add("GET", R"(/jobs/([A-Za-z0-9]+))", guard([this](const httplib::Request& req, httplib::Response& res) {
          const auto s = jobs.status(req.matches[1]);
          if (!s) throw ApiError(404, "not_found", fmt::format("no job '{}'", std::string(req.matches[1])), "id");
          OJson j = {{"id", s->id}, {"kind", s->kind}, {"state", s->state}, {"seconds", std::round(s->seconds * 1000) / 1000}};
          j["progress"] = std::round(s->progress * 1000) / 1000;
          if (!s->plan_id.empty()) {
            j["plan"] = s->plan_id;
            j["href"] = fmt::format("/plans/{}", s->plan_id);
          }
          if (s->state == "done") j["result"] = s->result;
          if (s->state == "failed") j["error"] = s->error["error"];
          send_json(res, 200, j.dump());
        }));
    add("GET", "/plans", guard([this](const httplib::Request&, httplib::Response& res) {
          OJson out = OJson::array();
          for (const auto& p : plans.all())
            out.push_back({{"id", p->id},
                           {"scenario", p->plan.scenario},
                           {"parent", p->parent.empty() ? OJson(nullptr) : OJson(p->parent)},
                           {"disruptions", p->plan.disruptions},
                           {"closure", planning::when(p->plan.closure)},
                           {"all_feasible", p->plan.all_feasible()},
                           {"href", fmt::format("/plans/{}", p->id)}});
          send_json(res, 200, out.dump());
        }));
    add("GET", R"(/plans/([A-Za-z0-9]+))", guard([this](const httplib::Request& req, httplib::Response& res) {
          send_json(res, 200, plan_or_404(req.matches[1])->plan_json);
        }));
    add("GET", R"(/plans/([A-Za-z0-9]+)/routes)", guard([this](const httplib::Request& req, httplib::Response& res) {
          res.set_content(planning::routes_geojson(plan_or_404(req.matches[1])->plan).dump(), "application/geo+json");
        }));
    add("GET", R"(/plans/([A-Za-z0-9]+)/march-tables)", guard([this](const httplib::Request& req, httplib::Response& res) {
          res.set_content(planning::march_tables_csv(plan_or_404(req.matches[1])->plan), "text/csv");
        }));
    add("GET", R"(/plans/([A-Za-z0-9]+)/closure)", guard([this](const httplib::Request& req, httplib::Response& res) {
          res.set_content(planning::closure_csv(plan_or_404(req.matches[1])->plan), "text/csv");
        }));
    add("GET", R"(/plans/([A-Za-z0-9]+)/bookings)", guard([this](const httplib::Request& req, httplib::Response& res) {
          res.set_content(planning::bookings_csv(plan_or_404(req.matches[1])->plan), "text/csv");
        }));
    add("GET", R"(/plans/([A-Za-z0-9]+)/bottlenecks)", guard([this](const httplib::Request& req, httplib::Response& res) {
          auto p = plan_or_404(req.matches[1]);
          run_and_wait(res, "bottlenecks", [this, p](routing::Router& router, const JobRunner::Report& report) {
            const auto found =
                planning::bottlenecks(*p->scenario, data.catalogue, data.calendar, router, p->plan.disruptions, report);
            return JobResult{"", OJson(planning::to_json(found))};
          });
        }));
    add("POST", R"(/plans/([A-Za-z0-9]+)/whatif)", guard([this](const httplib::Request& req, httplib::Response& res) {
          const Json body = parse_json_body(req.body, options.limits.max_json_depth);
          auto base = plan_or_404(req.matches[1]);
          const Json* d = member(body, "disruptions");
          if (d == nullptr) throw ApiError(422, "missing_field", "expected the disruptions to apply (names or objects)", "disruptions");
          auto w = std::make_shared<WhatIfScenario>(whatif_scenario(*base->scenario, base->plan.disruptions, *d));
          run_and_wait(res, "whatif", [this, base, w](routing::Router& router, const JobRunner::Report& report) {
            const auto start = std::chrono::steady_clock::now();
            StoredPlan p;
            p.parent = base->id;
            p.scenario = std::make_shared<const scenario::Scenario>(w->scenario);
            p.plan = run_planner(context(), *p.scenario, w->names, router, report);
            p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            auto stored = plans.add(std::move(p));
            OJson j = {{"base_plan", base->id}, {"plan", stored->id}, {"href", fmt::format("/plans/{}", stored->id)},
                       {"disruptions", stored->plan.disruptions}};
            j.update(closure_difference(base->plan, stored->plan));
            return JobResult{stored->id, j};
          });
        }));
    // Last: the page's files, and the API's 404/405 for any other GET.
    http.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      const auto it = assets.find(req.path == "/" ? "/index.html" : req.path);
      if (it == assets.end()) return not_found(req, res);
      res.set_content(it->second.content, it->second.type.c_str());
    });
  }

  // 405 for a known path asked with another method, else 404.
  void not_found(const httplib::Request& req, httplib::Response& res) const {
    std::string allowed;
    for (const auto& e : endpoints)
      if (path_matches(e, req.path)) allowed += (allowed.empty() ? "" : ", ") + std::string(e.methods);
    if (!allowed.empty())
      send_error(res, ApiError(405, "method_not_allowed", fmt::format("{} {} is not served; use {}", req.method, req.path, allowed)));
    else
      send_error(res, ApiError(404, "not_found", fmt::format("no such endpoint: {} {} (docs/api.md)", req.method, req.path)));
  }
};

ApiServer::ApiServer(ServedData data, ServerOptions options) : impl_(std::make_unique<Impl>(std::move(data), std::move(options))) {}
ApiServer::~ApiServer() = default;

void ApiServer::bind() {
  Impl& i = *impl_;
  if (i.options.port == 0) {
    i.port = i.http.bind_to_any_port(i.options.host);
    if (i.port <= 0) throw InputError("--host", fmt::format("cannot listen on {}", i.options.host));
    i.widen_backlog();
  } else {
    if (!i.http.bind_to_port(i.options.host, i.options.port))
      throw InputError("--port", fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                             i.options.host, i.options.port));
    i.port = i.options.port;
    i.widen_backlog();
  }
}

int ApiServer::port() const { return impl_->port; }
void ApiServer::run() { impl_->http.serve(); }
void ApiServer::stop() { impl_->http.stop_serving(); }
const std::string& ApiServer::web_dir() const { return impl_->web_dir; }

}  // namespace milmob::server
