#pragma once
// The parts of the module, each in its own file; module.cpp puts them together.
#include <pybind11/pybind11.h>

namespace milmob::python {

namespace py = pybind11;

void bind_network(py::module_& m);   // Network, Route, vehicles()
void bind_scenario(py::module_& m);  // Scenario
void bind_plan(py::module_& m);      // Plan, plan()
void bind_sweep(py::module_& m);     // Sweep, sweep()

}  // namespace milmob::python
