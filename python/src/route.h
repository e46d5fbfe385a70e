#pragma once
// A route as Python sees it: the library's route and the JSON `milmob route --json` prints for it.
#include <nlohmann/json.hpp>

#include "routing/router.h"

namespace milmob::python {

struct RouteResult {
  routing::Route route;
  nlohmann::json json;  // report::route_to_json(route)
};

}  // namespace milmob::python
