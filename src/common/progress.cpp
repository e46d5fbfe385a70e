#include "common/progress.h"

#include <unistd.h>

#include <cstdio>

namespace milmob {

Progress::Progress(std::string label, std::uint64_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled), last_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::update(std::uint64_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;  // redraw at most 5 times a second
  last_ = now;
  if (total_ > 0)
    std::fprintf(stderr, "\r%s: %3.0f%%", label_.c_str(), 100.0 * static_cast<double>(done) / static_cast<double>(total_));
  else
    std::fprintf(stderr, "\r%s: %llu", label_.c_str(), static_cast<unsigned long long>(done));
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  std::fprintf(stderr, "\r%s: done\n", label_.c_str());
}

}  // namespace milmob
