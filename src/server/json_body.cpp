#include "server/json_body.h"

#include <fmt/format.h>

#include <cmath>

#include "server/api_error.h"

namespace milmob::server {

nlohmann::json parse_json_body(const std::string& body, int max_depth) {
  if (body.empty()) throw ApiError(400, "bad_json", "the request needs a JSON object as its body", "body");
  // The depth is checked while parsing: a deeply nested document is refused before it is built.
  const auto check_depth = [max_depth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) &&
        depth >= max_depth)
      throw ApiError(400, "too_deep", fmt::format("the JSON body is nested deeper than the limit of {} levels (--max-json-depth)", max_depth),
                     "body");
    return true;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body, check_depth);
  } catch (const nlohmann::json::exception& e) {
    // A syntax error (parse_error) or a number beyond a double (out_of_range 406, "1e400").
    throw ApiError(400, "bad_json", fmt::format("the body is not valid JSON: {}", e.what()), "body");
  }
  if (!j.is_object()) throw ApiError(400, "bad_json", "the body must be a JSON object", "body");
  return j;
}

const nlohmann::json* member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

double number_member(const nlohmann::json& object, const char* key, const std::string& field) {
  const nlohmann::json* v = member(object, key);
  if (v == nullptr || !v->is_number() || !std::isfinite(v->get<double>()))
    throw ApiError(422, "bad_field", "expected a number", field);
  return v->get<double>();
}

std::string string_member(const nlohmann::json& object, const char* key, const std::string& field) {
  const nlohmann::json* v = member(object, key);
  if (v == nullptr || !v->is_string()) throw ApiError(422, "bad_field", "expected a string", field);
  return v->get<std::string>();
}

bool bool_member(const nlohmann::json& object, const char* key, const std::string& field) {
  const nlohmann::json* v = member(object, key);
  if (v == nullptr || !v->is_boolean()) throw ApiError(422, "bad_field", "expected true or false", field);
  return v->get<bool>();
}

geo::LonLat point_member(const nlohmann::json& object, const char* key, const std::string& field) {
  const nlohmann::json* v = member(object, key);
  if (v == nullptr) throw ApiError(422, "missing_field", "expected [lon, lat]", field);
  if (!v->is_array() || v->size() != 2 || !(*v)[0].is_number() || !(*v)[1].is_number())
    throw ApiError(422, "bad_field", "expected [lon, lat] (two numbers)", field);
  const double lon = (*v)[0].get<double>(), lat = (*v)[1].get<double>();
  if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90))
    throw ApiError(422, "bad_field", fmt::format("[{:g}, {:g}] is not a longitude in -180..180 and a latitude in -90..90", lon, lat),
                   field);
  return {lon, lat};
}

}  // namespace milmob::server
