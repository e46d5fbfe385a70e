// Slow clients and many idle connections do not block other clients (docs/security.md): with
// 10,000 idle connections and slowloris clients that trickle a request header a byte at a time
// open on loopback, a normal client's GET /health and POST /route are answered within seconds;
// then the server's timeouts close the idle ones (--idle-timeout) and the slow ones, with 408
// (--request-timeout). Beyond --max-connections a connection is answered 503 and closed.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/server_process.h"

namespace {

using nlohmann::json;
using milmob::testing::ServerProcess;
using Clock = std::chrono::steady_clock;

const std::string kMilmob = MILMOB_BINARY;
const std::string kFlagship = std::string(MILMOB_SOURCE_DIR) + "/examples/vjtf-baltic.yaml";
constexpr std::size_t kIdleWanted = 10000;
constexpr int kSlow = 20;

// Connects without waiting; -1 when no socket could be made.
int start_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads what the server sends on `fd` into `into` until it holds `until` (empty: until the
// server closes) or `within` has passed.
void read_until(int fd, std::string& into, std::string_view until, Clock::duration within) {
  const auto deadline = Clock::now() + within;
  while ((until.empty() || into.find(until) == std::string::npos) && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    into.append(buf, static_cast<std::size_t>(n));
  }
}

// Polls `fds` for `events` until each has one or the deadline passes; how many had.
std::size_t wait_all(std::vector<int>& fds, short events, Clock::duration within, bool until_closed) {
  std::vector<bool> done(fds.size(), false);
  std::size_t count = 0;
  const auto deadline = Clock::now() + within;
  while (count < fds.size() && Clock::now() < deadline) {
    std::vector<pollfd> p;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < fds.size(); ++i)
      if (!done[i]) {
        p.push_back({fds[i], events, 0});
        index.push_back(i);
      }
    if (::poll(p.data(), p.size(), 200) <= 0) continue;
    for (std::size_t k = 0; k < p.size(); ++k) {
      if (p[k].revents == 0) continue;
      if (until_closed) {
        char buf[4096];
        const ssize_t n = ::recv(fds[index[k]], buf, sizeof(buf), MSG_DONTWAIT);
        if (n > 0 || (n < 0 && errno == EAGAIN)) continue;  // data before the end
      }
      done[index[k]] = true;
      ++count;
    }
  }
  return count;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

TEST(ServeConnections, IdleAndSlowClientsDoNotBlockOthers) {
  // Each idle connection takes a descriptor here and one in the server (which raises its own).
  rlimit r{};
  ::getrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = r.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &r);
  ::getrlimit(RLIMIT_NOFILE, &r);
  const std::size_t room = r.rlim_cur == RLIM_INFINITY ? kIdleWanted : static_cast<std::size_t>(r.rlim_cur) - 200;
  const std::size_t idle_count = std::min(kIdleWanted, room);
  if (idle_count < 1000)
    GTEST_SKIP() << "the descriptor limit (ulimit -n " << r.rlim_cur << ") leaves room for fewer than 1,000 connections";
  if (idle_count < kIdleWanted)
    std::cout << "note: " << idle_count << " idle connections instead of " << kIdleWanted << ": ulimit -n is " << r.rlim_cur << "\n";

  ServerProcess server(kMilmob, {"--scenario", kFlagship, "--idle-timeout", "8", "--request-timeout", "5",
                                 "--max-connections", "12000"});
  const int port = server.port();
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  const std::string route = R"({"from": [13.40, 52.52], "to": [23.90, 54.90], "vehicle": "Leopard 2A6", "max_snap_m": 20000})";
  ASSERT_EQ(c.Post("/route", route, "application/json")->status, 200);  // warm: the router's customization

  const auto opening = Clock::now();
  std::vector<int> idle;
  for (std::size_t i = 0; i < idle_count; ++i) {
    const int fd = start_connect(port);
    ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
    idle.push_back(fd);
  }
  ASSERT_EQ(wait_all(idle, POLLOUT, std::chrono::seconds(20), false), idle.size()) << "not all connected";
  std::cout << idle.size() << " idle connections open in " << ms_since(opening) << " ms\n";

  // Slowloris: a request header, a byte every 100 ms, never finished.
  std::vector<int> slow;
  for (int i = 0; i < kSlow; ++i) {
    const int fd = start_connect(port);
    ASSERT_GE(fd, 0);
    slow.push_back(fd);
  }
  ASSERT_EQ(wait_all(slow, POLLOUT, std::chrono::seconds(10), false), slow.size());
  std::atomic<bool> trickling{true};
  std::thread trickle([&] {
    const std::string head = "POST /route HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const int fd : slow) [[maybe_unused]] ssize_t n = ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    for (int i = 0; trickling && i < 200; ++i) {
      for (const int fd : slow) [[maybe_unused]] ssize_t n = ::send(fd, "X", 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  // A normal client, on new connections, while all of them are open.
  const auto stopwatch = Clock::now();
  double worst_health = 0, worst_route = 0;
  for (int i = 0; i < 5; ++i) {
    httplib::Client fresh("127.0.0.1", port);
    fresh.set_read_timeout(30, 0);
    auto t = Clock::now();
    const auto h = fresh.Get("/health");
    worst_health = std::max(worst_health, ms_since(t));
    ASSERT_TRUE(h) << httplib::to_string(h.error());
    ASSERT_EQ(h->status, 200);
    EXPECT_GE(json::parse(h->body).at("connections").at("open").get<std::size_t>(), idle.size());
    t = Clock::now();
    const auto p = fresh.Post("/route", route, "application/json");
    worst_route = std::max(worst_route, ms_since(t));
    ASSERT_TRUE(p) << httplib::to_string(p.error());
    EXPECT_EQ(p->status, 200);
  }
  std::cout << "with " << idle.size() << " idle and " << kSlow << " slow connections open: GET /health at worst " << worst_health
            << " ms, POST /route at worst " << worst_route << " ms\n";
  EXPECT_LT(worst_health, 3000);
  EXPECT_LT(worst_route, 3000);
  EXPECT_LT(ms_since(stopwatch), 8000);

  // The slow ones are refused with 408 after --request-timeout (5 s), the idle ones closed after
  // --idle-timeout (8 s): every one of them, each seeing the end of its connection.
  std::vector<std::string> answers(slow.size());
  const std::size_t slow_closed = wait_all(slow, POLLIN | POLLRDHUP, std::chrono::seconds(15), true);
  trickling = false;
  trickle.join();
  EXPECT_EQ(slow_closed, slow.size());
  const auto closing = Clock::now();
  EXPECT_EQ(wait_all(idle, POLLIN | POLLRDHUP, std::chrono::seconds(20), true), idle.size());
  std::cout << "idle connections all closed by the server " << ms_since(opening) / 1000 << " s after the first opened\n";
  EXPECT_LT(ms_since(closing), 20000);
  for (const int fd : idle) ::close(fd);
  for (const int fd : slow) ::close(fd);
  EXPECT_NE(server.log().find("POST /route 200"), std::string::npos);
}

TEST(ServeConnections, SlowRequestIsAnswered408) {
  ServerProcess server(kMilmob, {"--scenario", kFlagship, "--request-timeout", "2"});
  const int fd = start_connect(server.port());
  std::vector<int> one = {fd};
  ASSERT_EQ(wait_all(one, POLLOUT, std::chrono::seconds(5), false), 1u);
  const std::string head = "GET /health HTTP/1.1\r\nHost: x\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  std::string answer;
  read_until(fd, answer, "", std::chrono::seconds(10));
  ::close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"request_timeout\""), std::string::npos) << answer;
  EXPECT_NE(answer.find("--request-timeout"), std::string::npos) << answer;
}

// A client that sends "Expect: 100-continue" (curl, for large bodies) waits for 100 Continue
// before its body: the server, which reads bodies before answering, must send it at once.
TEST(ServeConnections, ExpectContinueGetsItsContinueAtOnce) {
  ServerProcess server(kMilmob, {"--scenario", kFlagship});
  const int fd = start_connect(server.port());
  std::vector<int> one = {fd};
  ASSERT_EQ(wait_all(one, POLLOUT, std::chrono::seconds(5), false), 1u);
  const std::string body = R"({"from": [13.40, 52.52], "to": [23.90, 54.90], "vehicle": "Leopard 2A6", "max_snap_m": 20000})";
  const std::string head = "POST /route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                           "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  const auto t = Clock::now();
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  std::string answer;
  read_until(fd, answer, "\r\n\r\n", std::chrono::seconds(5));
  EXPECT_EQ(answer, "HTTP/1.1 100 Continue\r\n\r\n");
  EXPECT_LT(ms_since(t), 500);
  ASSERT_EQ(::send(fd, body.data(), body.size(), MSG_NOSIGNAL), static_cast<ssize_t>(body.size()));
  answer.clear();
  read_until(fd, answer, "\"found\"", std::chrono::seconds(5));
  ::close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK", 0), 0u) << answer;
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos) << "one 100 Continue only";
}

// Requests that would have a request thread wait on the client for a body are answered at once:
// a POST without Content-Length has no body, a chunked one is refused (411).
TEST(ServeConnections, RequestsWithoutALengthDoNotWaitForABody) {
  ServerProcess server(kMilmob, {"--scenario", kFlagship});
  const auto exchange = [&](const std::string& request) {
    const int fd = start_connect(server.port());
    std::vector<int> one = {fd};
    EXPECT_EQ(wait_all(one, POLLOUT, std::chrono::seconds(5), false), 1u);
    [[maybe_unused]] const ssize_t sent = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string answer;
    read_until(fd, answer, "}}", std::chrono::seconds(5));
    ::close(fd);
    return answer;
  };
  auto t = Clock::now();
  const std::string no_length = exchange("POST /route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n");
  EXPECT_LT(ms_since(t), 1000);
  EXPECT_EQ(no_length.rfind("HTTP/1.1 400", 0), 0u) << no_length;
  EXPECT_NE(no_length.find("\"bad_json\""), std::string::npos) << no_length;
  t = Clock::now();
  const std::string chunked =
      exchange("POST /route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n");
  EXPECT_LT(ms_since(t), 1000);
  EXPECT_EQ(chunked.rfind("HTTP/1.1 411", 0), 0u) << chunked;
  EXPECT_NE(chunked.find("\"length_required\""), std::string::npos) << chunked;
}

TEST(ServeConnections, BeyondMaxConnectionsANewOneIsAnswered503) {
  ServerProcess server(kMilmob, {"--scenario", kFlagship, "--max-connections", "20"});
  std::vector<int> held;
  for (int i = 0; i < 20; ++i) held.push_back(start_connect(server.port()));
  ASSERT_EQ(wait_all(held, POLLOUT, std::chrono::seconds(5), false), held.size());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all accepted
  httplib::Client c("127.0.0.1", server.port());
  const auto refused = c.Get("/health");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  const json e = json::parse(refused->body).at("error");
  EXPECT_EQ(e.at("code"), "too_many_connections");
  EXPECT_NE(e.at("message").get<std::string>().find("--max-connections"), std::string::npos);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  for (int i = 0; i < 5; ++i) ::close(held[static_cast<std::size_t>(i)]);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto ok = c.Get("/health");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  for (std::size_t i = 5; i < held.size(); ++i) ::close(held[i]);
}

}  // namespace
