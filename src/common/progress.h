#pragma once
// Progress of long work on stderr, only when stderr is a terminal and not --quiet.
#include <chrono>
#include <cstdint>
#include <string>

namespace milmob {

class Progress {
 public:
  // total == 0: an unknown amount (shows a count instead of a percentage).
  Progress(std::string label, std::uint64_t total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::uint64_t done);
  void finish();

  // True when progress output makes sense: stderr is a terminal.
  static bool stderr_is_terminal();

 private:
  std::string label_;
  std::uint64_t total_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace milmob
