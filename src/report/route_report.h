#pragma once
// A route as the documents users read: JSON (docs/cli.md#route), GeoJSON and plain text.
#include <nlohmann/json.hpp>
#include <string>

#include "routing/router.h"

namespace milmob::report {

nlohmann::json route_to_json(const routing::Route& r);
nlohmann::json route_to_geojson(const routing::Route& r);  // a FeatureCollection
std::string route_to_text(const routing::Route& r);

}  // namespace milmob::report
