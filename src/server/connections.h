#pragma once
// The server's connections, owned by milmob rather than by httplib's accept loop.
//
// httplib 0.11.4 (Debian's compiled library) gives each accepted connection a thread of its
// fixed pool for as long as the connection stays open, polling it every 11 ms while it idles: 16
// idle or slow clients starve everyone else, and 10,000 polling threads would eat the CPU.
// Here one thread waits on every connection with epoll and reads each request (its header and,
// when it has a Content-Length, its body) into memory without blocking; only a request that
// has fully arrived is handed to a request thread, which runs it through httplib's parser and
// handlers. An idle keep-alive connection, or a client that trickles its request a byte at a
// time, costs a file descriptor and a buffer, never a thread. Limits: --max-connections (beyond
// it a new connection gets 503 and is closed), --idle-timeout (a connection without a request
// in progress is closed), --request-timeout (a request must arrive whole within it of its
// first byte; its answer must be written within it).
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace milmob::server {

struct ConnectionLimits {
  std::size_t max_connections = 10000;
  int idle_timeout_s = 5;
  int request_timeout_s = 60;
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 1u << 20;
  int threads = 16;  // request threads
};

class ConnectionServer : public httplib::Server {
 public:
  ConnectionServer();
  ~ConnectionServer() override;

  // Before serve(): the limits. The listening socket is httplib's, bound by bind_to_port().
  void set_connection_limits(const ConnectionLimits& limits) { limits_ = limits; }
  // Serves on the bound socket until stop(); returns when the requests in progress are answered.
  void serve();
  // From any thread, also before serve() began.
  void stop_serving();
  // Connections open now (waiting or being answered).
  std::size_t open_connections() const { return open_.load(); }

  struct Connection;

 private:
  void read_ready(int fd);
  void close_expired();
  void refuse(const std::shared_ptr<Connection>& c, int status, const std::string& code, const std::string& message,
              const std::string& field = "");
  void close_connection(int fd);
  void dispatch(const std::shared_ptr<Connection>& c);
  void rearm(const std::shared_ptr<Connection>& c);
  void request_thread();
  void answer(const std::shared_ptr<Connection>& c);

  ConnectionLimits limits_;
  int epoll_ = -1, wake_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> open_{0};
  std::mutex mutex_;  // connections_, ready_
  std::condition_variable ready_cv_;
  std::unordered_map<int, std::shared_ptr<Connection>> connections_;
  std::deque<std::shared_ptr<Connection>> ready_;
  std::vector<std::thread> threads_;
};

}  // namespace milmob::server
