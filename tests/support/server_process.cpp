#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "support/run_command.h"

namespace milmob::testing {

ServerProcess::ServerProcess(const std::string& milmob, const std::vector<std::string>& args) {
  char tmpl[] = "/tmp/milmob-serve-log-XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  log_path_ = tmpl;
  std::vector<std::string> argv_s = {milmob, "serve"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  argv_s.insert(argv_s.end(), {"--port", "0", "-q"});
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(fd, 2);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fd);
  const std::string listening = "listening on http://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = log();
    const std::size_t at = text.find(listening);
    if (at != std::string::npos && text.find('/', at + listening.size()) != std::string::npos) {
      port_ = std::stoi(text.substr(at + listening.size()));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("milmob serve exited at start:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("milmob serve did not start within 60 s:\n" + log());
}

ServerProcess::~ServerProcess() {
  stop();
  std::error_code ec;
  std::filesystem::remove(log_path_, ec);
}

std::string ServerProcess::log() const { return read_file(log_path_); }

int ServerProcess::stop() {
  if (pid_ <= 0) return exit_code_;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return exit_code_;
}

}  // namespace milmob::testing
