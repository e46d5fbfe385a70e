// milmob.plan() and milmob.Plan: a scenario planned by the library (cli::plan_scenario, the call
// `milmob plan` makes), its outputs as Python rows and the documents the command writes.
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <set>

#include "common/error.h"
#include "common/progress.h"
#include "planning/plan_output.h"
#include "python/src/bindings.h"
#include "python/src/disruption_args.h"
#include "python/src/scenario_handle.h"
#include "python/src/to_python.h"

namespace milmob::python {

namespace {

struct PlanHandle {
  std::shared_ptr<ScenarioHandle> scenario;
  Disruptions disruptions;  // applied; with the scenario copy that holds those of files and dicts
  int improve = 0;          // re-insertion re-plans (`milmob plan --improve`)
  planning::Plan plan;
  nlohmann::ordered_json json;  // planning::to_json(plan): plan.json
};

double round1(double x) { return std::round(x * 10) / 10; }

py::object minutes(double m) {
  if (!std::isfinite(m)) return py::none();
  return py::float_(round1(m));
}

// Stage lines through Python's sys.stderr (seen in a notebook too); the library's own progress
// bars only where stderr is a terminal.
void say(bool progress, const std::string& text) {
  if (progress) py::print(text, py::arg("file") = py::module_::import("sys").attr("stderr"), py::arg("flush") = true);
}

std::shared_ptr<PlanHandle> make_plan(const std::shared_ptr<ScenarioHandle>& scenario, Disruptions what, int improve,
                                      bool progress) {
  if (improve < 0) throw InputError("improve", fmt::format("expected a number of re-plans >= 0, got {}", improve));
  const std::vector<std::string>& disruptions = what.names;
  const auto start = std::chrono::steady_clock::now();
  const bool bars = progress && Progress::stderr_is_terminal();
  if (!scenario->network_built()) say(progress, fmt::format("milmob: building the network of {}", scenario->scenario().file));
  auto out = std::make_shared<PlanHandle>();
  out->scenario = scenario;
  out->disruptions = what;
  out->improve = improve;
  const cli::PlanningInputs* in = nullptr;
  {
    py::gil_scoped_release release;
    in = &scenario->inputs(bars);
  }
  say(progress, fmt::format("milmob: planning {} units{}", scenario->scenario().units.size(),
                            disruptions.empty() ? "" : fmt::format(" with {} disruption(s)", disruptions.size())));
  {
    py::gil_scoped_release release;
    Progress bar("plan: units", 1000, bars);
    planning::PlanOptions options;
    options.improve_replans = improve;
    options.progress = [&bar](double done) { bar.update(static_cast<std::uint64_t>(done * 1000)); };
    out->plan = what.scenario ? cli::plan_scenario(*in, *what.scenario, disruptions, options)
                              : cli::plan_scenario(*in, disruptions, options);
    out->json = planning::to_json(out->plan);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  say(progress, fmt::format("milmob: force closure {} ({:.1f} s)", planning::when(out->plan.closure), seconds));
  return out;
}

// milmob.plan(scenario, disruptions, improve=..., progress=...), also Scenario.plan.
std::shared_ptr<PlanHandle> plan_scenario(const std::shared_ptr<ScenarioHandle>& scenario, const py::object& disruptions,
                                          int improve, bool progress) {
  return make_plan(scenario, add_disruptions(*scenario, {}, disruptions), improve, progress);
}

py::dict unit_row(const planning::UnitPlan& u) {
  int vehicles = 0;
  double distance_km = 0;
  for (const auto& l : u.legs) {
    vehicles += l.vehicles;
    distance_km = std::max(distance_km, l.distance_km);
  }
  py::object main_delay = py::none();
  for (const auto& d : u.delays)
    if (d.cause != planning::Activity::Drive) {
      main_delay = py::str(d.text);
      break;
    }
  py::dict row;
  row["id"] = u.id;
  row["name"] = u.name;
  row["nation"] = u.nation;
  row["feasible"] = u.feasible;
  row["infeasible_reason"] = u.feasible ? py::object(py::none()) : py::object(py::str(u.infeasible_reason));
  row["ready"] = planning::when(u.ready);
  row["departure"] = planning::when(u.departure);
  row["arrival"] = planning::when(u.arrival);
  row["required_delivery"] = planning::when(u.required_delivery);
  row["lateness_h"] = u.feasible ? py::object(py::float_(round1(u.lateness() / 60))) : py::object(py::none());
  row["ready_min"] = minutes(u.ready);
  row["departure_min"] = u.feasible ? minutes(u.departure) : py::none();
  row["arrival_min"] = u.feasible ? minutes(u.arrival) : py::none();
  row["required_delivery_min"] = minutes(u.required_delivery);
  row["vehicles"] = vehicles;
  row["march_units"] = u.march_units.size();
  row["distance_km"] = round1(distance_km);
  row["main_delay"] = main_delay;
  row["personnel"] = u.personnel.count;
  row["personnel_flown"] = u.personnel.flown;
  row["personnel_mode"] = u.personnel.mode;
  return row;
}

py::list unit_rows(const PlanHandle& p) {
  py::list out;
  for (const auto& u : p.plan.units) out.append(unit_row(u));
  return out;
}

py::list leg_rows(const PlanHandle& p) {
  py::list out;
  for (const auto& u : p.json["units"])
    for (const auto& leg : u["legs"]) {
      py::dict row;
      row["unit"] = to_python(u["id"]);
      for (auto it = leg.begin(); it != leg.end(); ++it)
        if (it.key() != "geometry") row[py::str(it.key())] = to_python(it.value());
      out.append(row);
    }
  return out;
}

py::list delay_rows(const PlanHandle& p) {
  py::list out;
  for (const auto& u : p.json["units"])
    for (const auto& d : u["delays"]) {
      py::dict row;
      row["unit"] = to_python(u["id"]);
      row["cause"] = to_python(d["cause"]);
      row["minutes"] = to_python(d["minutes"]);
      row["hours"] = round1(d["minutes"].get<double>() / 60);
      row["text"] = to_python(d["text"]);
      out.append(row);
    }
  return out;
}

// The rows of march_tables.csv, read back with Python's csv module: the same table, typed.
py::list march_table_rows(const PlanHandle& p) {
  const std::string text = planning::march_tables_csv(p.plan);
  const py::object reader =
      py::module_::import("csv").attr("DictReader")(py::module_::import("io").attr("StringIO")(text));
  py::list out;
  for (const py::handle row : reader) {
    py::dict r = row.cast<py::dict>();
    r["vehicles"] = py::int_(r["vehicles"]);
    for (const char* key : {"km", "lon", "lat"}) r[key] = py::float_(r[key]);
    out.append(r);
  }
  return out;
}

py::list records(const PlanHandle& p, const std::string& table) {
  if (table == "units") return unit_rows(p);
  if (table == "legs") return leg_rows(p);
  if (table == "march_tables") return march_table_rows(p);
  if (table == "bookings") return to_python(p.json["bookings"]).cast<py::list>();
  if (table == "delays") return delay_rows(p);
  throw py::value_error("table: '" + table + "': expected units, legs, march_tables, bookings or delays");
}

py::dict compare(const PlanHandle& a, const PlanHandle& b) {
  py::list units;
  for (const auto& u : a.plan.units) {
    const auto it = std::find_if(b.plan.units.begin(), b.plan.units.end(),
                                 [&](const planning::UnitPlan& o) { return o.id == u.id; });
    if (it == b.plan.units.end()) continue;
    py::dict row;
    row["unit"] = u.id;
    row["arrival"] = planning::when(u.arrival);
    row["other_arrival"] = planning::when(it->arrival);
    row["feasible"] = u.feasible;
    row["other_feasible"] = it->feasible;
    row["delta_h"] = u.feasible && it->feasible ? py::object(py::float_(round1((it->arrival - u.arrival) / 60)))
                                                : py::object(py::none());
    units.append(row);
  }
  py::dict out;
  out["closure"] = planning::when(a.plan.closure);
  out["other_closure"] = planning::when(b.plan.closure);
  out["closure_delta_h"] = round1((b.plan.closure - a.plan.closure) / 60);
  out["units"] = units;
  return out;
}

}  // namespace

void bind_plan(py::module_& m) {
  py::class_<PlanHandle, std::shared_ptr<PlanHandle>>(m, "Plan", R"doc(
A movement plan of a scenario, as ``milmob plan`` makes it (docs/planning.md): per unit its road
legs, march units and timetables, arrival and lateness, every delay with its cause; the convoy
support centre places booked; the force closure.

Tables come as lists of dicts (``pandas.DataFrame(plan.units)``); ``to_json()`` is the
plan.json the command writes, byte for byte; ``__geo_interface__`` the routes.geojson.)doc")
      .def_property_readonly("scenario", [](const PlanHandle& p) { return p.scenario; }, "The Scenario planned.")
      .def_property_readonly("closure", [](const PlanHandle& p) { return planning::when(p.plan.closure); },
                             "Force closure, the last arrival of a feasible unit, as \"C+5 14:20\".")
      .def_property_readonly("closure_min", [](const PlanHandle& p) { return round1(p.plan.closure); },
                             "Force closure in minutes from C-day 00:00 UTC.")
      .def_property_readonly("closure_h", [](const PlanHandle& p) { return round1(p.plan.closure / 60); },
                             "Force closure in hours from C-day 00:00 UTC.")
      .def_property_readonly("all_feasible", [](const PlanHandle& p) { return p.plan.all_feasible(); },
                             "True when every unit can be planned (the command exits 3 otherwise).")
      .def_property_readonly("disruptions", [](const PlanHandle& p) { return p.plan.disruptions; },
                             "Names of the scenario's disruptions applied (a what-if).")
      .def_property_readonly("notes", [](const PlanHandle& p) { return p.plan.notes; },
                             "Remarks: overrides or closures that matched no road, ...")
      .def_property_readonly("units", &unit_rows, R"doc(
One dict per unit, in planning order: id, name, nation, feasible, infeasible_reason, ready,
departure, arrival, required_delivery (as "C+3 06:15", like closure.csv), lateness_h, the same
times in minutes from C-day 00:00 UTC (ready_min, departure_min, arrival_min,
required_delivery_min; None when infeasible), vehicles, march_units (count), distance_km (its
longest class leg) and main_delay (the text of its largest delay that is not driving).)doc")
      .def_property_readonly("legs", &leg_rows,
                             "One dict per unit and vehicle class: unit, mode, vehicle_class, types, vehicles, "
                             "distance_km, unconstrained_km, countries, detours (geometry: see to_geojson()).")
      .def_property_readonly("march_tables", &march_table_rows,
                             "The rows of march_tables.csv: march_unit, serial, unit, vehicle_class, vehicles, event "
                             "(start_point, halt, night_stop, border, waits, release_point), from, until, km, lon, "
                             "lat, country, detail.")
      .def_property_readonly(
          "bookings", [](const PlanHandle& p) { return to_python(p.json["bookings"]); },
          "Convoy support centre places per night: resource, kind, unit, march_unit, vehicles, from, until.")
      .def_property_readonly("delays", &delay_rows,
                             "The explanation of every unit's delays (its last march unit's, largest first): unit, "
                             "cause, minutes, hours, text.")
      .def_property_readonly("explanations", &delay_rows, "The same rows as ``delays``.")
      .def("to_records", &records, py::arg("table") = "units",
           "A table as a list of dicts for ``pandas.DataFrame.from_records``: \"units\" (default), \"legs\", "
           "\"march_tables\", \"bookings\" or \"delays\".")
      .def(
          "to_json", [](const PlanHandle& p) { return p.json.dump(1) + "\n"; },
          "plan.json as ``milmob plan`` writes it (format milmob-plan/1, docs/planning.md), byte for byte.")
      .def(
          "to_dict", [](const PlanHandle& p) { return to_python(p.json); }, "plan.json as a dict.")
      .def(
          "to_geojson", [](const PlanHandle& p) { return to_python(planning::routes_geojson(p.plan)); },
          "routes.geojson as a dict: each unit's class routes, night stops and border crossings.")
      .def_property_readonly(
          "__geo_interface__", [](const PlanHandle& p) { return to_python(planning::routes_geojson(p.plan)); },
          "The same FeatureCollection as to_geojson(), for GeoPandas (GeoDataFrame.from_features(plan)).")
      .def(
          "text", [](const PlanHandle& p) { return planning::closure_text(p.plan); },
          "The closure table the command prints.")
      .def(
          "whatif",
          [](const PlanHandle& p, const py::object& disruptions, const std::optional<int>& improve, bool progress) {
            return make_plan(p.scenario, add_disruptions(*p.scenario, p.disruptions, disruptions),
                             improve.value_or(p.improve), progress);
          },
          py::arg("disruptions"), py::kw_only(), py::arg("improve") = py::none(), py::arg("progress") = false, R"doc(
The scenario planned again with these disruptions added to this plan's (a what-if), on the
network already built. Returns the new Plan; ``plan.compare(new)`` gives the difference.

disruptions: a name of the scenario's disruptions, a path to a disruption file (a
    ``disruptions:`` list in the scenario's format, as ``milmob whatif --disrupt FILE`` reads
    it; docs/whatif.md), a dict in that schema (``{"disruptions": [...]}`` or one disruption
    ``{"name": ..., "kind": "bridge_lost", "near": [lon, lat], ...}``), or a list of them.
improve: re-insertion re-plans (``milmob plan --improve N``); None: this plan's budget.
progress: print each stage and the closure on stderr.

Raises InputError naming an unknown disruption, ScenarioError (file, line, field) for a
disruption file or dict with errors.)doc")
      .def("compare", &compare, py::arg("other"), R"doc(
What changes from this plan to ``other``: closure, other_closure, closure_delta_h (positive:
later) and per unit (matched by id) arrival, other_arrival, feasible, other_feasible, delta_h.)doc")
      .def("__repr__", [](const PlanHandle& p) {
        return fmt::format("<milmob.Plan '{}': {} units, closure {}{}>", p.plan.scenario, p.plan.units.size(),
                           planning::when(p.plan.closure), p.plan.all_feasible() ? "" : ", some infeasible");
      });

  m.def("plan", &plan_scenario, py::arg("scenario"), py::arg("disruptions") = py::tuple(), py::kw_only(),
        py::arg("improve") = 0, py::arg("progress") = false, R"doc(
Plans the scenario's deployment (road, HET, rail, sea, air), as ``milmob plan`` does, and returns the Plan.

disruptions: names of the scenario's disruptions to apply (``scenario.disruptions``; "all" for
    every one), paths to disruption files or dicts in their schema (see Plan.whatif): a what-if.
improve: re-plans allowed to improve the order of priority and due date by re-insertion, as
    ``milmob plan --improve N`` (default 0; each costs a whole plan).
progress: print each stage and the closure on stderr (and the library's progress bars when
    stderr is a terminal).

The first plan of a Scenario builds its network (seconds for Europe's strategic layer); later
plans reuse it. Releases the GIL while it works. An infeasible unit is not an error: see
``all_feasible`` and each unit's ``infeasible_reason``.)doc");

  // scenario.plan(...): the same, as a method of Scenario.
  const py::object scenario_class = m.attr("Scenario");
  scenario_class.attr("plan") = py::cpp_function(
      &plan_scenario, py::name("plan"), py::is_method(scenario_class), py::arg("disruptions") = py::tuple(),
      py::kw_only(), py::arg("improve") = 0, py::arg("progress") = false,
      "The same as ``milmob.plan(scenario, disruptions, improve=..., progress=...)``.");
}

}  // namespace milmob::python
