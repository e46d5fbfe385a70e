#include "server/connections.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string_view>

#include "server/api_error.h"
#include "server/request_framing.h"

namespace milmob::server {

namespace {

using Clock = std::chrono::steady_clock;

// A whole answer to a connection the server will close: written without blocking (the socket
// buffer of a new connection takes it), then closed by the caller.
void send_refusal(int fd, int status, const std::string& code, const std::string& message, const std::string& field = "") {
  const std::string body = error_body(code, message, field).dump();
  const char* reason = status == 503 ? "Service Unavailable"
                       : status == 408 ? "Request Timeout"
                       : status == 413 ? "Payload Too Large"
                       : status == 431 ? "Request Header Fields Too Large"
                       : status == 411 ? "Length Required"
                                       : "Bad Request";
  const std::string text = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n"
      "X-Content-Type-Options: nosniff\r\n{}\r\n{}",
      status, reason, body.size(), status == 503 ? "Retry-After: 1\r\n" : "", body);
  [[maybe_unused]] const ssize_t n = ::send(fd, text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

// Waits for `events` on fd until the deadline.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000 * 1000)));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

void ip_and_port(const sockaddr_storage& a, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&a);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    port = ntohs(in->sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto* in = reinterpret_cast<const sockaddr_in6*>(&a);
    ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof(text));
    port = ntohs(in->sin6_port);
  }
  ip = text;
}

}  // namespace

struct ConnectionServer::Connection {
  int fd = -1;
  std::string in;               // bytes received and not yet read by httplib
  std::size_t used = 0;         // of `in`, read by httplib
  std::size_t request_end = 0;  // where the request being answered ends in `in`
  bool working = false;         // with a request thread (else waiting in epoll)
  bool peer_done = false;       // the client shut its side after its request
  bool draining = false;        // refused: what the client still sends is read and dropped
  bool counted = true;          // counts against --max-connections
  Clock::time_point deadline;   // while waiting: when it is closed
};

namespace {

// The stream httplib parses a request from and writes its answer to: the request the gate read
// (whole), then the socket should httplib want more; each wait bounded by the request's deadline.
class BufferedStream : public httplib::Stream {
 public:
  BufferedStream(ConnectionServer::Connection& c, Clock::time_point deadline, Clock::duration write_time)
      : c_(c), deadline_(deadline), write_time_(write_time) {}
  bool is_readable() const override { return c_.used < c_.in.size() || wait_for(c_.fd, POLLIN, deadline_); }
  bool is_writable() const override { return wait_for(c_.fd, POLLOUT, write_deadline()); }
  ssize_t read(char* ptr, std::size_t size) override {
    if (c_.used < c_.in.size()) {
      const std::size_t n = std::min(size, c_.in.size() - c_.used);
      std::memcpy(ptr, c_.in.data() + c_.used, n);
      c_.used += n;
      return static_cast<ssize_t>(n);
    }
    for (;;) {
      const ssize_t n = ::recv(c_.fd, ptr, size, 0);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait_for(c_.fd, POLLIN, deadline_)) return -1;
    }
  }
  ssize_t write(const char* ptr, std::size_t size) override {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::send(c_.fd, ptr + done, size - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!wait_for(c_.fd, POLLOUT, write_deadline())) return -1;
      } else {
        return -1;
      }
    }
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof(a);
    if (::getpeername(c_.fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip_and_port(a, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof(a);
    if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip_and_port(a, ip, port);
  }
  socket_t socket() const override { return c_.fd; }

 private:
  // The answer has its own time from its first byte: a handler may have used the request's.
  Clock::time_point write_deadline() const {
    if (!write_deadline_) write_deadline_ = Clock::now() + write_time_;
    return *write_deadline_;
  }

  ConnectionServer::Connection& c_;
  Clock::time_point deadline_;
  Clock::duration write_time_;
  mutable std::optional<Clock::time_point> write_deadline_;
};

}  // namespace

// Made before any thread may call stop_serving().
ConnectionServer::ConnectionServer()
    : epoll_(::epoll_create1(EPOLL_CLOEXEC)), wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

ConnectionServer::~ConnectionServer() {
  stop_serving();
  if (epoll_ >= 0) ::close(epoll_);
  if (wake_ >= 0) ::close(wake_);
}

void ConnectionServer::stop_serving() {
  stopping_ = true;
  if (wake_ >= 0) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof(one));
  }
}

void ConnectionServer::serve() {
  const int listener = svr_sock_;
  if (listener < 0 || epoll_ < 0 || wake_ < 0) return;
  // The Keep-Alive header httplib writes tells the client how long an idle connection is kept.
  set_keep_alive_timeout(limits_.idle_timeout_s);
  ::fcntl(listener, F_SETFL, ::fcntl(listener, F_GETFL) | O_NONBLOCK);
  // A spare descriptor, given up for a moment when the process runs out, to refuse the
  // connection with an answer rather than leave it in the backlog.
  int spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
  ev.data.fd = listener;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, listener, &ev);
  for (int i = 0; i < limits_.threads; ++i) threads_.emplace_back([this] { request_thread(); });

  std::vector<epoll_event> events(256);
  auto next_sweep = Clock::now();
  while (!stopping_) {
    const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 250);
    for (int i = 0; i < n && !stopping_; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == wake_) break;
      if (fd != listener) {
        read_ready(fd);
        continue;
      }
      for (;;) {
        sockaddr_storage peer{};
        socklen_t len = sizeof(peer);
        int s = ::accept4(listener, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (s < 0 && (errno == EMFILE || errno == ENFILE) && spare >= 0) {
          ::close(spare);
          s = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
          if (s >= 0) {
            send_refusal(s, 503, "too_many_connections", "the server is out of file descriptors; try again");
            ::close(s);
          }
          spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
          continue;
        }
        if (s < 0) break;  // EAGAIN: all taken
        const int yes = 1;
        ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
        auto c = std::make_shared<Connection>();
        c->fd = s;
        c->deadline = Clock::now() + std::chrono::seconds(limits_.idle_timeout_s);
        c->counted = open_.load() < limits_.max_connections;
        {
          std::lock_guard lock(mutex_);
          connections_[s] = c;
        }
        if (c->counted) ++open_;
        epoll_event cev{};
        cev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
        cev.data.fd = s;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, s, &cev);
        if (!c->counted)
          refuse(c, 503, "too_many_connections",
                 fmt::format("the server has {} connections open, its limit (--max-connections); try again",
                             limits_.max_connections));
      }
    }
    if (Clock::now() >= next_sweep) {
      close_expired();
      next_sweep = Clock::now() + std::chrono::milliseconds(250);
    }
  }

  // Stop: no new connection or request; the requests handed over are answered, then closed.
  ::close(listener);
  svr_sock_ = INVALID_SOCKET;
  if (spare >= 0) ::close(spare);
  ready_cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
  std::vector<int> left;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [fd, c] : connections_) left.push_back(fd);
  }
  for (const int fd : left) close_connection(fd);
}

void ConnectionServer::read_ready(int fd) {
  std::shared_ptr<Connection> c;
  {
    std::lock_guard lock(mutex_);
    const auto it = connections_.find(fd);
    if (it == connections_.end() || it->second->working) return;
    c = it->second;
  }
  char buf[16384];
  if (c->draining) {
    for (;;) {
      const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
      if (n > 0 || (n < 0 && errno == EINTR)) continue;
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return close_connection(fd);
      break;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &ev);
    return;
  }
  const bool was_empty = c->in.empty();
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n > 0) {
      c->in.append(buf, static_cast<std::size_t>(n));
      if (c->in.size() > limits_.max_header_bytes + limits_.max_body_bytes + 8) break;  // framed below
      continue;
    }
    if (n == 0) c->peer_done = true;
    else if (errno == EINTR) continue;
    else if (errno != EAGAIN && errno != EWOULDBLOCK) c->peer_done = true;
    break;
  }
  // A request must arrive whole within --request-timeout of its first byte.
  if (was_empty && !c->in.empty()) c->deadline = Clock::now() + std::chrono::seconds(limits_.request_timeout_s);
  bool send_continue = false;
  const Framing f = frame_and_fix(c->in, limits_.max_header_bytes, limits_.max_body_bytes, send_continue);
  if (send_continue) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    [[maybe_unused]] const ssize_t n = ::send(fd, kContinue.data(), kContinue.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  }
  if (f.status != 0) {
    const std::string message =
        f.status == 431   ? fmt::format("the request header is larger than {} bytes", limits_.max_header_bytes)
        : f.status == 413 ? fmt::format("the body is larger than the limit of {} bytes (--max-body)", limits_.max_body_bytes)
        : f.status == 411 ? std::string("send the body with a Content-Length (chunked bodies are not taken)")
                          : std::string("the request's Content-Length is not a number");
    const char* code = f.status == 431   ? "header_too_large"
                       : f.status == 413 ? "body_too_large"
                       : f.status == 411 ? "length_required"
                                         : "bad_request";
    return refuse(c, f.status, code, message, f.status == 413 || f.status == 411 ? "body" : "");
  }
  if (f.end) {
    c->request_end = *f.end;
    return dispatch(c);
  }
  if (c->peer_done) return close_connection(fd);
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  ev.data.fd = fd;
  ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &ev);
}

void ConnectionServer::dispatch(const std::shared_ptr<Connection>& c) {
  {
    std::lock_guard lock(mutex_);
    c->working = true;
    ready_.push_back(c);
  }
  ready_cv_.notify_one();
}

void ConnectionServer::rearm(const std::shared_ptr<Connection>& c) {
  // Under the lock, which the gate takes before it looks at the connection: the gate's event
  // for it then follows the rearming (ThreadSanitizer cannot see the order epoll gives).
  std::lock_guard lock(mutex_);
  c->working = false;
  c->deadline = Clock::now() + std::chrono::seconds(limits_.idle_timeout_s);
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  ev.data.fd = c->fd;
  ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c->fd, &ev);
}

// The answer is sent and the connection shut for writing, then what the client was still
// sending is read and dropped for a second: closing with unread bytes would send a reset, which
// may reach the client before it has read the answer.
void ConnectionServer::refuse(const std::shared_ptr<Connection>& c, int status, const std::string& code,
                              const std::string& message, const std::string& field) {
  send_refusal(c->fd, status, code, message, field);
  ::shutdown(c->fd, SHUT_WR);
  c->draining = true;
  c->in.clear();
  c->deadline = Clock::now() + std::chrono::seconds(1);
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  ev.data.fd = c->fd;
  ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c->fd, &ev);
}

void ConnectionServer::close_expired() {
  const auto now = Clock::now();
  std::vector<std::shared_ptr<Connection>> expired;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [fd, c] : connections_)
      if (!c->working && c->deadline <= now) expired.push_back(c);
  }
  for (const auto& c : expired) {
    if (!c->draining && !c->in.empty()) {
      refuse(c, 408, "request_timeout",
             fmt::format("the request did not arrive within {} s (--request-timeout)", limits_.request_timeout_s));
      continue;
    }
    close_connection(c->fd);
  }
}

void ConnectionServer::close_connection(int fd) {
  std::shared_ptr<Connection> c;
  {
    std::lock_guard lock(mutex_);
    const auto it = connections_.find(fd);
    if (it == connections_.end()) return;
    c = std::move(it->second);
    connections_.erase(it);
  }
  ::close(fd);  // also leaves the epoll set
  if (c->counted) --open_;
}

void ConnectionServer::request_thread() {
  for (;;) {
    std::shared_ptr<Connection> c;
    {
      std::unique_lock lock(mutex_);
      ready_cv_.wait(lock, [&] { return !ready_.empty() || stopping_; });
      if (ready_.empty()) return;
      c = std::move(ready_.front());
      ready_.pop_front();
    }
    answer(c);
  }
}

void ConnectionServer::answer(const std::shared_ptr<Connection>& c) {
  for (;;) {
    const auto timeout = std::chrono::seconds(limits_.request_timeout_s);
    BufferedStream stream(*c, Clock::now() + timeout, timeout);
    bool closed = false;
    const bool close_after = stopping_ || c->peer_done;
    const bool ok = process_request(stream, close_after, closed, [](httplib::Request&) {});
    // A body the handler did not read (a refusal before it) is skipped, not parsed as a request.
    c->in.erase(0, std::max(c->used, std::min(c->request_end, c->in.size())));
    c->used = c->request_end = 0;
    if (!ok || closed || close_after) return close_connection(c->fd);
    // Pipelined: the next request may be here already.
    bool send_continue = false;
    const Framing f = frame_and_fix(c->in, limits_.max_header_bytes, limits_.max_body_bytes, send_continue);
    if (f.status != 0 || send_continue) return close_connection(c->fd);  // rare: not worth the gate's care
    if (!f.end) return rearm(c);
    c->request_end = *f.end;
  }
}

}  // namespace milmob::server
