// milmob.Scenario: a scenario file loaded and checked as `milmob check` does; its errors raise
// milmob.ScenarioError with every diagnostic.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include "planning/plan_output.h"
#include "python/src/bindings.h"
#include "python/src/errors.h"
#include "python/src/scenario_handle.h"

namespace milmob::python {

std::shared_ptr<ScenarioHandle> ScenarioHandle::load(const std::string& path, const cli::ScenarioInput& input) {
  cli::LoadedScenario loaded = cli::load_scenario_input(path, input);
  throw_if_errors(path, loaded.result.diagnostics);
  return std::shared_ptr<ScenarioHandle>(new ScenarioHandle(std::move(loaded)));
}

bool ScenarioHandle::network_built() const {
  const std::lock_guard lock(mutex_);
  return inputs_ != nullptr;
}

const cli::PlanningInputs& ScenarioHandle::inputs(bool progress) {
  const std::lock_guard lock(mutex_);
  // A copy: the scenario stays readable from Python while its network is built.
  if (!inputs_) inputs_ = cli::complete_planning_inputs(loaded_, progress);
  return *inputs_;
}

namespace {

py::dict unit_row(const scenario::Unit& u) {
  int vehicles = 0;
  py::list equipment;
  for (const auto& e : u.equipment) {
    vehicles += e.count;
    equipment.append(py::dict(py::arg("type") = e.type, py::arg("count") = e.count));
  }
  const auto place = [](const scenario::PlaceRef& p) { return p.name.empty() ? fmt::format("{},{}", p.where.lon, p.where.lat) : p.name; };
  py::dict row;
  row["id"] = u.id;
  row["name"] = u.name;
  row["nation"] = u.nation;
  row["home"] = place(u.home);
  row["home_lonlat"] = py::make_tuple(u.home.where.lon, u.home.where.lat);
  row["destination"] = place(u.destination);
  row["destination_lonlat"] = py::make_tuple(u.destination.where.lon, u.destination.where.lat);
  row["personnel"] = u.personnel;
  row["vehicles"] = vehicles;
  row["equipment"] = equipment;
  row["notice_to_move_h"] = u.notice_to_move_h;
  row["priority"] = u.priority;
  row["earliest_arrival"] = u.earliest_arrival ? py::object(py::str(planning::when(static_cast<double>(*u.earliest_arrival))))
                                               : py::object(py::none());
  row["required_delivery"] = planning::when(static_cast<double>(u.required_delivery));
  row["required_delivery_min"] = static_cast<double>(u.required_delivery);
  return row;
}

py::dict disruption_row(const scenario::Disruption& d) {
  py::dict row;
  row["name"] = d.name;
  row["kind"] = d.kind;
  row["at"] = planning::when(static_cast<double>(d.at));
  row["at_min"] = static_cast<double>(d.at);
  row["duration_h"] = d.duration ? py::object(py::float_(static_cast<double>(*d.duration) / 60)) : py::object(py::none());
  row["nations"] = d.nations;
  row["capacity_factor"] = d.capacity_factor;
  return row;
}

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<ScenarioHandle, std::shared_ptr<ScenarioHandle>>(m, "Scenario", R"doc(
A scenario file (docs/scenario.md): the force, each nation's rules, the resources, the network
and the named disruptions, with every name resolved.

``Scenario.load(path)`` reads and checks it as ``milmob check`` does and raises
:class:`ScenarioError` (file, line, column, field and every diagnostic) when it has errors.
The network it names is built at the first :func:`plan` and kept for the next ones.)doc")
      .def_static(
          "load",
          [](const std::filesystem::path& path, const std::optional<std::filesystem::path>& catalogue,
             const std::optional<std::filesystem::path>& places) {
            py::gil_scoped_release release;
            return ScenarioHandle::load(path.string(), {catalogue ? catalogue->string() : "", places ? places->string() : ""});
          },
          py::arg("path"), py::kw_only(), py::arg("catalogue") = py::none(), py::arg("places") = py::none(),
          R"doc(
Loads and checks the scenario at ``path``.

catalogue: another vehicle catalogue (default: the shipped data/vehicles.yaml).
places: another curated places table (default: the shipped data/places.yaml).

Raises ScenarioError (an InputError, so a ValueError) listing every error with its line and field.)doc")
      .def_property_readonly("file", [](const ScenarioHandle& s) { return s.scenario().file; },
                             "The file it was read from.")
      .def_property_readonly("name", [](const ScenarioHandle& s) { return s.scenario().name; }, "Its name.")
      .def_property_readonly("description", [](const ScenarioHandle& s) { return s.scenario().description; },
                             "Its description.")
      .def_property_readonly(
          "c_day",
          [](const ScenarioHandle& s) {
            const auto& d = s.scenario().c_day;
            return py::module_::import("datetime")
                .attr("date")(static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
          },
          "C-day as a datetime.date: times are minutes from C-day 00:00 UTC.")
      .def_property_readonly("time_zone", [](const ScenarioHandle& s) { return s.scenario().time_zone; },
                             "The time zone of its reports (times themselves are UTC).")
      .def_property_readonly(
          "units",
          [](const ScenarioHandle& s) {
            py::list out;
            for (const auto& u : s.scenario().units) out.append(unit_row(u));
            return out;
          },
          "The units: dicts with id, name, nation, home, home_lonlat, destination, destination_lonlat, personnel, "
          "vehicles, equipment, notice_to_move_h, priority, earliest_arrival, required_delivery (\"C+5 12:00\") and "
          "required_delivery_min.")
      .def_property_readonly(
          "disruptions",
          [](const ScenarioHandle& s) {
            py::list out;
            for (const auto& d : s.scenario().disruptions) out.append(disruption_row(d));
            return out;
          },
          "The named disruptions a what-if can apply: dicts with name, kind, at, at_min, duration_h, nations, "
          "capacity_factor.")
      .def_property_readonly("warnings", [](const ScenarioHandle& s) { return diagnostics_to_python(s.warnings()); },
                             "Its warnings as ``milmob check --json`` lists them (severity, file, line, column, path, "
                             "message).")
      .def_property_readonly("network_built", &ScenarioHandle::network_built,
                             "True once a plan has built the scenario's network.")
      .def("__repr__", [](const ScenarioHandle& s) {
        return fmt::format("<milmob.Scenario '{}': {} units>", s.scenario().name, s.scenario().units.size());
      });
}

}  // namespace milmob::python
