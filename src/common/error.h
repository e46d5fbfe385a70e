#pragma once
// Typed errors carried up to the command, which maps them to exit codes (docs/cli.md):
// InputError -> 2 (bad input), anything else -> 1 (internal). "No route" is a result, not an error.
#include <stdexcept>
#include <string>

namespace milmob {

// Bad input: names where it was found (file, line, field) and what was expected.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
  InputError(const std::string& file, const std::string& message)
      : std::runtime_error(file.empty() ? message : file + ": " + message) {}
  InputError(const std::string& file, long line, const std::string& field, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + field + ": " + message) {}
};

}  // namespace milmob
