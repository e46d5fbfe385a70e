#pragma once
// A request body read as JSON, refused (ApiError 400/413) when it is not JSON, not an object or
// nested deeper than the limit, before any handler looks at it.
#include <string>

#include <nlohmann/json.hpp>

#include "geo/coord.h"

namespace milmob::server {

nlohmann::json parse_json_body(const std::string& body, int max_depth);

// Typed members of a request object; each throws ApiError 422 naming the field.
const nlohmann::json* member(const nlohmann::json& object, const char* key);
double number_member(const nlohmann::json& object, const char* key, const std::string& field);
std::string string_member(const nlohmann::json& object, const char* key, const std::string& field);
bool bool_member(const nlohmann::json& object, const char* key, const std::string& field);
// [lon, lat] within the valid ranges.
geo::LonLat point_member(const nlohmann::json& object, const char* key, const std::string& field);

}  // namespace milmob::server
