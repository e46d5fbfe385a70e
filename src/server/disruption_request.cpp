#include "server/disruption_request.h"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/time_expr.h"
#include "server/api_error.h"
#include "server/json_body.h"

namespace milmob::server {

namespace {

scenario::Minutes time_member(const nlohmann::json& d, const scenario::Scenario& s, const std::string& field) {
  const std::string text = string_member(d, "at", field);
  const auto t = scenario::parse_time(text, s.c_day);
  if (!t) throw ApiError(422, "bad_field", fmt::format("'{}' is not a time such as \"C+2 12:00\" or \"2027-05-05T06:00\"", text), field);
  return *t;
}

scenario::Disruption drawn_disruption(const nlohmann::json& d, const scenario::Scenario& s, const std::string& at) {
  scenario::Disruption out;
  out.kind = string_member(d, "kind", at + ".kind");
  if (member(d, "at") != nullptr) out.at = time_member(d, s, at + ".at");
  if (member(d, "duration") != nullptr) {
    const std::string text = string_member(d, "duration", at + ".duration");
    out.duration = scenario::parse_duration(text);
    if (!out.duration || *out.duration <= 0)
      throw ApiError(422, "bad_field", fmt::format("'{}' is not a duration such as \"36h\" or \"5d\"", text), at + ".duration");
  }
  std::string where;
  if (out.kind == "bridge_lost" || out.kind == "road_closed") {
    const geo::LonLat p = point_member(d, "near", at + ".near");
    out.select.near = scenario::PlaceRef{"", p, ""};
    out.select.radius_m = member(d, "radius_m") != nullptr ? number_member(d, "radius_m", at + ".radius_m") : 300;
    if (!(out.select.radius_m > 0 && out.select.radius_m <= 20000))
      throw ApiError(422, "out_of_range", "expected a radius above 0 and at most 20000 m", at + ".radius_m");
    if (member(d, "mode") != nullptr) {
      out.select.mode = string_member(d, "mode", at + ".mode");
      if (out.select.mode != "road" && out.select.mode != "rail")
        throw ApiError(422, "bad_field", "expected road or rail", at + ".mode");
    }
    where = fmt::format("at {:.4f},{:.4f}", p.lon, p.lat);
  } else if (out.kind == "border_closed") {
    const nlohmann::json* n = member(d, "nations");
    if (n == nullptr || !n->is_array() || n->size() != 2 || !(*n)[0].is_string() || !(*n)[1].is_string())
      throw ApiError(422, "bad_field", "expected two nations, e.g. [\"POL\", \"LTU\"]", at + ".nations");
    out.nations = {(*n)[0].get<std::string>(), (*n)[1].get<std::string>()};
    where = fmt::format("{}-{}", out.nations[0], out.nations[1]);
  } else if (out.kind == "capacity_cut") {
    const geo::LonLat p = point_member(d, "place", at + ".place");
    out.place = scenario::PlaceRef{"", p, ""};
    out.capacity_factor = number_member(d, "capacity_factor", at + ".capacity_factor");
    if (!(out.capacity_factor >= 0 && out.capacity_factor < 1))
      throw ApiError(422, "out_of_range", "expected a share of capacity kept, 0 or more and under 1", at + ".capacity_factor");
    where = fmt::format("at {:.4f},{:.4f}", p.lon, p.lat);
  } else {
    throw ApiError(422, "bad_field", fmt::format("unknown kind '{}'; known: bridge_lost, road_closed, border_closed, capacity_cut", out.kind),
                   at + ".kind");
  }
  out.name = member(d, "name") != nullptr ? string_member(d, "name", at + ".name")
                                          : fmt::format("{} {} from {}", out.kind, where, scenario::format_time(out.at));
  return out;
}

}  // namespace

WhatIfScenario whatif_scenario(const scenario::Scenario& base, const std::vector<std::string>& base_names,
                               const nlohmann::json& disruptions) {
  if (!disruptions.is_array() || disruptions.empty())
    throw ApiError(422, "bad_field", "expected a non-empty array of disruptions (names or objects)", "disruptions");
  if (disruptions.size() > kMaxDisruptionsPerRequest)
    throw ApiError(422, "too_many", fmt::format("at most {} disruptions per request", kMaxDisruptionsPerRequest), "disruptions");
  WhatIfScenario out{base, base_names};
  const auto add_name = [&](const std::string& n) {
    if (std::find(out.names.begin(), out.names.end(), n) == out.names.end()) out.names.push_back(n);
  };
  for (std::size_t i = 0; i < disruptions.size(); ++i) {
    const nlohmann::json& d = disruptions[i];
    const std::string at = fmt::format("disruptions[{}]", i);
    if (d.is_string()) {
      const std::string n = d.get<std::string>();
      const bool known = std::any_of(base.disruptions.begin(), base.disruptions.end(),
                                     [&](const scenario::Disruption& x) { return x.name == n; });
      if (!known) throw ApiError(422, "unknown_disruption", fmt::format("the scenario has no disruption named '{}'", n), at);
      add_name(n);
    } else if (d.is_object()) {
      scenario::Disruption x = drawn_disruption(d, base, at);
      const bool taken = std::any_of(out.scenario.disruptions.begin(), out.scenario.disruptions.end(),
                                     [&](const scenario::Disruption& y) { return y.name == x.name; });
      if (taken) throw ApiError(422, "bad_field", fmt::format("a disruption named '{}' exists already", x.name), at + ".name");
      add_name(x.name);
      out.scenario.disruptions.push_back(std::move(x));
    } else {
      throw ApiError(422, "bad_field", "expected a disruption's name or an object", at);
    }
  }
  return out;
}

}  // namespace milmob::server
