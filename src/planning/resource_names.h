#pragma once
// How a plan names the resources it books (bookings' `resource`, the carrier fleets): one
// spelling for the planner, its bottleneck and utilisation reports and the transit view. The
// validator spells them on its own, as an independent reader of plan.json must.
#include <string>

namespace milmob::planning::resource_name {

inline std::string railhead(const std::string& place) { return "railhead " + place; }
inline std::string transshipment(const std::string& place) { return "transshipment " + place; }
inline std::string port(const std::string& place) { return "port " + place; }
inline std::string berths(const std::string& port) { return "berths at " + port; }
inline std::string on_the_ground(const std::string& airfield) { return "on the ground at " + airfield; }
inline std::string trains(const std::string& nation) { return nation + " train"; }
inline std::string hets(const std::string& nation) { return nation + " HET"; }
inline std::string ship(const std::string& name) { return "ship " + name; }
inline std::string aircraft(const std::string& type) { return "aircraft " + type; }

}  // namespace milmob::planning::resource_name
