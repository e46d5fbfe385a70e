#include <fmt/format.h>

#include <pthread.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/planning_inputs.h"
#include "common/error.h"
#include "common/progress.h"
#include "network/file.h"
#include "server/server.h"

namespace milmob::cli {

namespace {

struct ServeArgs {
  std::string net, scenario, token_file;
  ScenarioInput input;
  server::ServerOptions options;
  bool quiet = false;
};

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void check_options(const ServeArgs& a) {
  if (a.net.empty() && a.scenario.empty())
    throw InputError("--net", "give a network file (--net NET) or a scenario (--scenario S.yaml), or both");
  const auto& o = a.options;
  if (o.port < 0 || o.port > 65535) throw InputError("--port", fmt::format("expected 0..65535, got {}", o.port));
  if (o.threads < 1 || o.threads > 256) throw InputError("--threads", fmt::format("expected 1..256, got {}", o.threads));
  if (o.limits.max_body_bytes < 1024) throw InputError("--max-body", "expected at least 1024 bytes");
  if (o.limits.max_json_depth < 4 || o.limits.max_json_depth > 1000)
    throw InputError("--max-json-depth", "expected 4..1000 (a route request is 3 levels deep)");
  if (o.limits.request_timeout_s < 1) throw InputError("--request-timeout", "expected at least 1 s");
  if (o.limits.max_jobs < 1) throw InputError("--max-jobs", "expected at least 1");
  if (o.limits.max_plans < 1) throw InputError("--max-plans", "expected at least 1");
  if (o.limits.max_connections < 1) throw InputError("--max-connections", "expected at least 1");
  if (o.limits.idle_timeout_s < 1) throw InputError("--idle-timeout", "expected at least 1 s");
}

// The bearer token: the file's text without surrounding white space. Never printed.
std::string read_token(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("--token-file", fmt::format("cannot read {}", path));
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!token.empty() && blank(token.back())) token.pop_back();
  std::size_t start = 0;
  while (start < token.size() && blank(token[start])) ++start;
  token.erase(0, start);
  if (token.empty()) throw InputError("--token-file", fmt::format("{} is empty", path));
  for (const char c : token)
    if (c < 0x21 || c > 0x7e)
      throw InputError("--token-file", fmt::format("{}: expected one line of printable ASCII without spaces", path));
  if (token.size() < 16)
    std::fprintf(stderr, "milmob serve: warning: the token in %s is shorter than 16 characters: easy to guess\n", path.c_str());
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    std::fprintf(stderr, "milmob serve: warning: %s can be read by other users (chmod 600 it)\n", path.c_str());
  return token;
}

// Each connection takes a descriptor: the soft limit is raised to the hard one, and
// --max-connections is lowered to fit under it (with room for the network, logs, jobs).
void fit_connections_to_descriptors(server::Limits& limits) {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return;
  if (r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
    ::getrlimit(RLIMIT_NOFILE, &r);
  }
  constexpr rlim_t kReserve = 64;
  if (r.rlim_cur != RLIM_INFINITY && limits.max_connections + kReserve > r.rlim_cur) {
    const std::size_t fits = r.rlim_cur > kReserve + 1 ? static_cast<std::size_t>(r.rlim_cur - kReserve) : 1;
    std::fprintf(stderr, "milmob serve: warning: --max-connections %zu lowered to %zu: the process may open %llu files (ulimit -n)\n",
                 limits.max_connections, fits, static_cast<unsigned long long>(r.rlim_cur));
    limits.max_connections = fits;
  }
}

// What is served, kept alive for the server's lifetime: a scenario's inputs, or a network alone.
struct Served {
  std::unique_ptr<PlanningInputs> inputs;           // with --scenario
  std::optional<MappedNetwork> mapped;              // with --net
  std::optional<vehicles::Catalogue> catalogue;     // with --net alone
  std::optional<scenario::PlaceTable> places;
  std::optional<scenario::HolidayCalendar> calendar;
  Network net;
};

int run_serve(const ServeArgs& a) {
  check_options(a);
  // A bad token file is refused before the network loads.
  const std::string token = a.token_file.empty() ? std::string() : read_token(a.token_file);
  // Signals go to one thread that stops the server: blocked here, before any thread starts,
  // so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const bool progress = !a.quiet && Progress::stderr_is_terminal();
  Served s;
  if (!a.scenario.empty()) {
    s.inputs = load_planning_inputs(a.scenario, a.input, progress);
    if (!s.inputs) return kExitBadInput;
  }
  if (!a.net.empty()) {
    s.mapped.emplace(MappedNetwork::open(a.net));
    s.net = s.mapped->net();
    if (s.inputs && !s.inputs->scenario().network.added_links.empty())
      std::fprintf(stderr, "milmob serve: warning: --net replaces the scenario's network: its added links are not in it\n");
  } else {
    s.net = s.inputs->network.net();
  }
  if (!s.inputs) {
    s.catalogue = vehicles::Catalogue::load(a.input.catalogue_path.empty() ? vehicles::default_catalogue_path()
                                                                           : a.input.catalogue_path);
    s.places = scenario::PlaceTable::load_default();
    s.calendar = scenario::HolidayCalendar::load_default();
  }
  server::ServedData data{s.net,
                          s.inputs ? s.inputs->loaded.catalogue : *s.catalogue,
                          s.inputs ? s.inputs->loaded.places : *s.places,
                          s.inputs ? s.inputs->calendar : *s.calendar,
                          s.inputs ? std::make_shared<const scenario::Scenario>(s.inputs->scenario()) : nullptr};
  server::ServerOptions options = a.options;
  options.token = token;
  fit_connections_to_descriptors(options.limits);
  server::ApiServer api(data, options);
  api.bind();
  if (!is_loopback(a.options.host))
    std::fprintf(stderr, "milmob serve: warning: listening on %s, beyond this machine, without TLS%s\n", a.options.host.c_str(),
                 options.token.empty() ? ": the API has no authentication; anyone who reaches it can plan on it (--token-file)"
                                       : "; put a TLS reverse proxy in front (docs/security.md)");
  std::fprintf(stderr, "milmob serve: listening on http://%s:%d/ (%u nodes%s%s)%s\n", a.options.host.c_str(), api.port(),
               static_cast<unsigned>(s.net.node_count()), data.scenario ? "; scenario: " : "",
               data.scenario ? data.scenario->name.c_str() : "",
               api.web_dir().empty() ? "; the web page was not built: API only" : "");
  std::fflush(stderr);

  std::thread watcher([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    if (sig == SIGINT || sig == SIGTERM) std::fprintf(stderr, "milmob serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    api.stop();
  });
  api.run();
  pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher when the server stopped on its own
  watcher.join();
  std::fprintf(stderr, "milmob serve: stopped\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "HTTP API and web map on a network or a scenario (docs/api.md)");
  cmd->add_option("--net", args->net, "Network file written by 'milmob import'");
  cmd->add_option("--scenario", args->scenario, "Scenario to serve (YAML): its network is built, and POST /plan plans it");
  cmd->add_option("--host", args->options.host, "Address to listen on; beyond loopback, use --token-file and a TLS proxy")
      ->capture_default_str();
  cmd->add_option("--port", args->options.port, "Port (0: any free port, printed at start)")->capture_default_str();
  cmd->add_option("--threads", args->options.threads, "Threads answering requests")->capture_default_str();
  cmd->add_option("--max-body", args->options.limits.max_body_bytes, "Largest request body (bytes)")->capture_default_str();
  cmd->add_option("--max-json-depth", args->options.limits.max_json_depth, "Deepest nesting of a JSON body")
      ->capture_default_str();
  cmd->add_option("--request-timeout", args->options.limits.request_timeout_s,
                  "Seconds to read or write a request, and to wait for a what-if before answering with its job")
      ->capture_default_str();
  cmd->add_option("--max-jobs", args->options.limits.max_jobs, "Plans queued or running at once")->capture_default_str();
  cmd->add_option("--max-plans", args->options.limits.max_plans, "Plans kept (the oldest goes first)")->capture_default_str();
  cmd->add_option("--max-connections", args->options.limits.max_connections,
                  "Connections open at once; beyond it a new one is answered 503 and closed")
      ->capture_default_str();
  cmd->add_option("--idle-timeout", args->options.limits.idle_timeout_s,
                  "Seconds a connection may stay open without a request in progress")
      ->capture_default_str();
  cmd->add_option("--token-file", args->token_file,
                  "File holding a bearer token that requests starting work or changing state must send (docs/security.md)");
  cmd->add_option("--web-dir", args->options.web_dir, "Directory of the built web page (default: the one built with milmob)");
  add_scenario_input_options(*cmd, args->input);
  cmd->callback([args, &global, &exit_code] {
    args->quiet = global.quiet;
    args->options.scenario_limits = args->input.limits;  // also for scenarios in request bodies
    exit_code = run_serve(*args);
  });
}

}  // namespace milmob::cli
