#pragma once
// A plan written out: plan.json (everything; schema in docs/planning.md), closure.csv (per
// unit), march_tables.csv (per march unit: start point, halts, borders, night stops, release
// point), bookings.csv (convoy support centre places per night) and routes.geojson.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "planning/plan.h"

namespace milmob::planning {

nlohmann::ordered_json to_json(const Plan& plan);
std::string closure_csv(const Plan& plan);
std::string march_tables_csv(const Plan& plan);
std::string bookings_csv(const Plan& plan);
// GeoJSON: one LineString per unit and vehicle class (its road route), one Point per night stop
// and per border crossing of each march unit; properties say which unit, class and time.
nlohmann::ordered_json routes_geojson(const Plan& plan);
// One line per unit and the force closure, for a terminal.
std::string closure_text(const Plan& plan);

// "C+3 06:15" to the minute (rounded up: a convoy is not early by a fraction of a minute).
std::string when(double minutes);

}  // namespace milmob::planning
