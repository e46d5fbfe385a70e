#pragma once
// C++ errors on their way to Python (classes in milmob/errors.py): milmob::InputError becomes
// milmob.InputError (a ValueError), a scenario with errors milmob.ScenarioError with its
// diagnostics, a route that does not exist milmob.NoRouteError carrying the route's explanation.
// Anything else stays a RuntimeError: an internal error, as the command's exit code 1.
#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "python/src/route.h"
#include "scenario/diagnostics.h"

namespace milmob::python {

namespace py = pybind11;

struct ScenarioFailure : std::runtime_error {
  ScenarioFailure(const std::string& message, std::vector<scenario::Diagnostic> all)
      : std::runtime_error(message), diagnostics(std::move(all)) {}
  std::vector<scenario::Diagnostic> diagnostics;  // errors and warnings, in file order
};

struct NoRoute : std::runtime_error {
  explicit NoRoute(RouteResult r) : std::runtime_error(r.route.vehicle + ": no route: " + r.route.reason), route(std::move(r)) {}
  RouteResult route;
};

void register_errors();

// Throws ScenarioFailure ("FILE: N error(s)" and each error) when `diagnostics` hold an error.
void throw_if_errors(const std::string& file, const scenario::Diagnostics& diagnostics);

// The diagnostics as the dicts of `milmob check --json`.
py::list diagnostics_to_python(const std::vector<scenario::Diagnostic>& diagnostics);

}  // namespace milmob::python
