#pragma once
// `milmob serve`: the HTTP API (docs/api.md, docs/openapi.yaml) and the web page, on one network
// and, optionally, one scenario. Requests run on a pool of threads; planning runs as jobs on
// worker threads (server/jobs.h); routing leases a Router per request (server/router_pool.h).
#include <memory>
#include <string>

#include "network/network.h"
#include "scenario/calendar.h"
#include "scenario/limits.h"
#include "scenario/places.h"
#include "scenario/scenario.h"
#include "server/limits.h"
#include "vehicles/catalogue.h"

namespace milmob::server {

// What the server serves; owned by the caller, alive while the server runs.
struct ServedData {
  const Network& net;
  const vehicles::Catalogue& catalogue;
  const scenario::PlaceTable& places;           // names in inline scenarios resolve against it
  const scenario::HolidayCalendar& calendar;    // the scenario's, else the shipped one
  std::shared_ptr<const scenario::Scenario> scenario;  // null when serving a network alone
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (port() says which)
  int threads = 16;  // request threads: they answer requests that have arrived whole
  Limits limits;
  scenario::Limits scenario_limits;  // for scenarios in request bodies (docs/limits.md)
  std::string web_dir;  // the built page; empty: the one built with milmob
  // When not empty, requests that start work or change state need "Authorization: Bearer
  // <token>" (docs/security.md); the rest stay open.
  std::string token;
};

class ApiServer {
 public:
  ApiServer(ServedData data, ServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Throws InputError when the address cannot be bound (in use, not local).
  void bind();
  int port() const;
  // Serves until stop(); returns after the requests in progress are answered.
  void run();
  // From any thread.
  void stop();
  // Where the page is served from; empty when it was not built.
  const std::string& web_dir() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace milmob::server
