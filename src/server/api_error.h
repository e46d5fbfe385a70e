#pragma once
// An API error as the client sees it: an HTTP status and the body
// {"error": {"code", "message", "field"}} (docs/api.md, "Errors").
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace milmob::server {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = "")
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string code_, field_;
};

// The body for an error; `field` is null when the error is not about one field.
nlohmann::json error_body(const std::string& code, const std::string& message, const std::string& field);

}  // namespace milmob::server
