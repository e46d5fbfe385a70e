// `milmob serve`'s defences (docs/security.md), against the real server: the bearer token of
// --token-file, no CORS, the security headers, and static files confined to the page's own
// files (traversal attempts sent over raw sockets, since HTTP clients normalise paths).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.h"
#include "support/server_process.h"

namespace {

using nlohmann::json;
using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::ServerProcess;
using milmob::testing::TempDir;
using milmob::testing::write_file;

const std::string kMilmob = MILMOB_BINARY;
const std::string kFlagship = std::string(MILMOB_SOURCE_DIR) + "/examples/vjtf-baltic.yaml";
const std::string kToken = "s3cret-token-for-the-test-0123456789";
const std::string kRoute = R"({"from": [13.40, 52.52], "to": [23.90, 54.90], "vehicle": "Leopard 2A6", "max_snap_m": 20000})";

// Sends `request` as it is and reads until the server closes the connection (or 10 s pass).
std::string raw_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    ::close(fd);
    return "";
  }
  [[maybe_unused]] const ssize_t sent = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof(buf), 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

int status_of(const std::string& response) {
  return response.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(response.substr(9, 3)) : -1;
}

// A web directory of the page's shape, with a symlink to a file and one to a directory outside.
struct WebDir {
  TempDir tmp;
  std::string dir = tmp.path("web");
  WebDir() {
    std::filesystem::create_directories(dir + "/images");
    write_file(dir + "/index.html", "<!doctype html><title>milmob</title><script src=\"app.js\"></script>");
    write_file(dir + "/app.js", "console.log('milmob');");
    write_file(dir + "/images/marker.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write_file(tmp.path("secret.txt"), "SECRET-OUTSIDE-THE-WEB-DIR");
    std::filesystem::create_symlink(tmp.path("secret.txt"), dir + "/linked.txt");
    std::filesystem::create_directory_symlink(tmp.path(""), dir + "/up");
  }
};

class ServeSecurity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_ = new WebDir;
    token_dir_ = new TempDir;
    const std::string token_file = token_dir_->path("token");
    write_file(token_file, "  " + kToken + "\n");
    ::chmod(token_file.c_str(), 0600);
    server_ = new ServerProcess(kMilmob, {"--scenario", kFlagship, "--token-file", token_file, "--web-dir", web_->dir});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete token_dir_;
    delete web_;
  }
  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(120, 0);
    return c;
  }
  static void expect_unauthorized(const httplib::Result& r, const std::string& www_authenticate) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << r->body;
    const json e = json::parse(r->body).at("error");
    EXPECT_EQ(e.at("code"), "unauthorized");
    EXPECT_TRUE(e.at("field").is_null());
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), www_authenticate);
    EXPECT_EQ(r->body.find(kToken), std::string::npos);
  }

  static WebDir* web_;
  static TempDir* token_dir_;
  static ServerProcess* server_;
};
WebDir* ServeSecurity::web_ = nullptr;
TempDir* ServeSecurity::token_dir_ = nullptr;
ServerProcess* ServeSecurity::server_ = nullptr;

TEST_F(ServeSecurity, RequestsThatStartWorkNeedTheToken) {
  auto c = client();
  c.set_keep_alive(true);  // a refused body must not be read as the next request
  expect_unauthorized(c.Post("/route", kRoute, "application/json"), R"(Bearer realm="milmob")");
  expect_unauthorized(c.Post("/plan", "{}", "application/json"), R"(Bearer realm="milmob")");
  expect_unauthorized(c.Post("/plans/p1/whatif", R"({"disruptions": []})", "application/json"), R"(Bearer realm="milmob")");
  expect_unauthorized(c.Get("/plans/p1/bottlenecks"), R"(Bearer realm="milmob")");  // re-plans: work
  expect_unauthorized(c.Delete("/plans/p1"), R"(Bearer realm="milmob")");
  c.set_bearer_token_auth("not-the-token");
  expect_unauthorized(c.Post("/route", kRoute, "application/json"), R"(Bearer realm="milmob", error="invalid_token")");
  c.set_bearer_token_auth(kToken + "x");
  expect_unauthorized(c.Post("/route", kRoute, "application/json"), R"(Bearer realm="milmob", error="invalid_token")");

  c.set_bearer_token_auth(kToken);
  const auto r = c.Post("/route", kRoute, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  const auto p = c.Post("/plan", "{}", "application/json");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 202) << p->body;

  // Reading stays open.
  auto anonymous = client();
  for (const char* path : {"/health", "/network", "/vehicles", "/scenario", "/plans", "/"}) {
    const auto g = anonymous.Get(path);
    ASSERT_TRUE(g) << path;
    EXPECT_EQ(g->status, 200) << path;
  }
  EXPECT_EQ(server_->log().find(kToken), std::string::npos) << "the token is never logged";
}

TEST_F(ServeSecurity, NoCorsHeadersAndAPreflightIsNotAllowed) {
  auto c = client();
  const httplib::Headers origin = {{"Origin", "http://evil.example"}};
  const auto g = c.Get("/health", origin);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->status, 200);
  const auto preflight = c.Options("/route", {{"Origin", "http://evil.example"},
                                              {"Access-Control-Request-Method", "POST"},
                                              {"Access-Control-Request-Headers", "authorization, content-type"}});
  ASSERT_TRUE(preflight);
  EXPECT_GE(preflight->status, 400);
  for (const auto* r : {&*g, &*preflight})
    for (const auto& [name, value] : r->headers) {
      std::string lower = name;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      EXPECT_NE(lower.rfind("access-control-", 0), 0u) << name << ": " << value;
    }
}

TEST_F(ServeSecurity, EveryAnswerCarriesTheSecurityHeaders) {
  auto c = client();
  for (const char* path : {"/", "/app.js", "/health", "/nowhere"}) {
    const auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy").rfind("default-src 'self';", 0), 0u) << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
  }
  EXPECT_EQ(c.Get("/")->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(c.Get("/app.js")->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
}

TEST_F(ServeSecurity, StaticFilesOnlyFromThePagesOwnFiles) {
  const int port = server_->port();
  EXPECT_EQ(status_of(raw_exchange(port, "GET /images/marker.svg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), 200);
  for (const std::string target :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/images/../../../../etc/passwd", "/images/..%2f..%2f..%2fsecret.txt", "//etc/passwd", "/%2fetc%2fpasswd",
        "/..\\..\\..\\etc\\passwd", "/..%5c..%5c..%5cetc%5cpasswd", "/%5c%5c..%5csecret.txt", "/index.html%00.png",
        "/app.js%00", "/linked.txt", "/up/secret.txt", "/up/web/index.html", "/./../secret.txt", "/images/./../../secret.txt",
        "/%252e%252e/%252e%252e/etc/passwd", "/.%2e/.%2e/secret.txt"}) {
    const std::string answer = raw_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(status_of(answer), 404) << target << "\n" << answer;
    EXPECT_EQ(answer.find("root:"), std::string::npos) << target;
    EXPECT_EQ(answer.find("SECRET-OUTSIDE"), std::string::npos) << target;
  }
  // An absolute URI names the same paths: confined as well.
  const std::string absolute = raw_exchange(port, "GET http://x/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(absolute.find("root:"), std::string::npos);
  EXPECT_NE(status_of(absolute), 200);
}

TEST(ServeToken, AnEmptyOrUnreadableTokenFileIsRefusedAndAReadableOneWarned) {
  TempDir tmp;
  write_file(tmp.path("empty"), " \n");
  const auto empty = run_command(kMilmob + " serve -q --scenario " + kFlagship + " --token-file " + tmp.path("empty"));
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("--token-file"), std::string::npos) << empty.err;
  EXPECT_NE(empty.err.find("is empty"), std::string::npos) << empty.err;
  const auto missing = run_command(kMilmob + " serve -q --scenario " + kFlagship + " --token-file " + tmp.path("missing"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;

  write_file(tmp.path("shared"), kToken);
  ::chmod(tmp.path("shared").c_str(), 0644);
  ServerProcess s(kMilmob, {"--scenario", kFlagship, "--token-file", tmp.path("shared")});
  EXPECT_NE(s.log().find("can be read by other users"), std::string::npos) << s.log();
  EXPECT_EQ(s.log().find(kToken), std::string::npos);
}

}  // namespace
