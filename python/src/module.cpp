// The compiled part of the `milmob` Python package (milmob/__init__.py re-exports it): a thin
// binding over the same library functions the `milmob` command calls.
#include <pybind11/pybind11.h>

#include "python/src/bindings.h"
#include "python/src/errors.h"

PYBIND11_MODULE(_milmob, m) {
  m.doc() = "milmob's C++ library: networks, routes, scenarios, plans and sweeps (see the milmob package).";
  m.attr("__version__") = MILMOB_VERSION;
  milmob::python::register_errors();
  milmob::python::bind_network(m);
  milmob::python::bind_scenario(m);
  milmob::python::bind_plan(m);
  milmob::python::bind_sweep(m);
}
