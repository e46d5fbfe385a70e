#pragma once
// What one client may ask of the server; each is a `milmob serve` option and each refusal
// names its limit (docs/api.md, "Limits").
#include <cstddef>

namespace milmob::server {

struct Limits {
  std::size_t max_body_bytes = 1u << 20;  // a brigade's scenario is ~100 KB of YAML
  int max_json_depth = 32;                // the deepest request document is 4 levels
  int request_timeout_s = 60;             // reading and writing a request, waiting for a what-if
  int max_jobs = 2;                       // plans queued or running at once (each takes a core)
  std::size_t max_plans = 32;             // plans kept; the oldest goes first
  std::size_t max_connections = 10000;    // open at once; each costs a descriptor, never a thread
  int idle_timeout_s = 5;                 // a connection without a request in progress is closed
};

}  // namespace milmob::server
