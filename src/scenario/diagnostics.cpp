#include "scenario/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace milmob::scenario {

std::string Diagnostic::to_string() const {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  return fmt::format("{}: {}: {}{}", where, severity == Severity::Error ? "error" : "warning",
                     path.empty() ? "" : path + ": ", message);
}

void Diagnostics::error(long line, long column, std::string path, std::string message) {
  items_.push_back({Diagnostic::Severity::Error, file_, line, column, std::move(path), std::move(message)});
}

void Diagnostics::warning(long line, long column, std::string path, std::string message) {
  items_.push_back({Diagnostic::Severity::Warning, file_, line, column, std::move(path), std::move(message)});
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    return a.severity < b.severity;
  });
  return out;
}

nlohmann::ordered_json to_json(const Diagnostic& d) {
  return {{"severity", d.severity == Diagnostic::Severity::Error ? "error" : "warning"},
          {"file", d.file},
          {"line", d.line},
          {"column", d.column},
          {"path", d.path},
          {"message", d.message}};
}

}  // namespace milmob::scenario
