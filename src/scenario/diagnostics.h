#pragma once
// What `milmob check` reports: every problem of a scenario with its file, line, column and
// field path (units[3].equipment[1].type, 0-based like JSON paths), gathered in one run.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace milmob::scenario {

struct Diagnostic {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string file;
  long line = 0, column = 0;  // 1-based; 0 when unknown
  std::string path;           // field path; empty for the whole file
  std::string message;

  // "file:line:column: error: path: message"
  std::string to_string() const;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  void error(long line, long column, std::string path, std::string message);
  void warning(long line, long column, std::string path, std::string message);

  std::size_t error_count() const;
  std::size_t warning_count() const;
  // In file order (line, column), errors before warnings at the same place; stable otherwise.
  std::vector<Diagnostic> sorted() const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
};

nlohmann::ordered_json to_json(const Diagnostic& d);

}  // namespace milmob::scenario
