#include "server/api_error.h"

namespace milmob::server {

nlohmann::json error_body(const std::string& code, const std::string& message, const std::string& field) {
  return {{"error",
           {{"code", code}, {"message", message}, {"field", field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field)}}}};
}

}  // namespace milmob::server
