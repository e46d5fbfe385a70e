#pragma once
// A real `milmob serve` process for API tests: started on 127.0.0.1 with --port 0 (the OS picks
// a free port, read back from its start line), stopped with SIGTERM.
#include <sys/types.h>

#include <string>
#include <vector>

namespace milmob::testing {

class ServerProcess {
 public:
  // Throws std::runtime_error with the server's log when it does not start within 60 s.
  ServerProcess(const std::string& milmob, const std::vector<std::string>& args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // What it printed on stderr so far (its log).
  std::string log() const;
  // Sends SIGTERM and waits: the exit code (-1: killed by a signal).
  int stop();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
  int exit_code_ = -1;
};

}  // namespace milmob::testing
