#pragma once
// Runs a command line through the shell and captures what it printed and its exit code.
#include <string>

namespace milmob::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};

CommandResult run_command(const std::string& command_line);

// A fresh temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

}  // namespace milmob::testing
