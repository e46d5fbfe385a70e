// milmob.sweep() and milmob.Sweep: a Monte Carlo over random disruptions and delays, run by the
// library's simulation::run_sweep (the loop `milmob sweep` runs) and summarized by the same
// summary_json, so that Sweep.to_dict() is the document `milmob sweep --json` prints.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>

#include "cli/run_options.h"
#include "common/error.h"
#include "python/src/bindings.h"
#include "python/src/scenario_handle.h"
#include "python/src/to_python.h"
#include "simulation/random.h"
#include "simulation/runs.h"
#include "simulation/sweep.h"

namespace milmob::python {

namespace {

struct SweepHandle {
  std::shared_ptr<ScenarioHandle> scenario;
  std::uint64_t seed = 0;
  int threads = 0;
  std::vector<std::string> unit_ids;       // the base plan's order (the CSV's columns)
  std::vector<simulation::Candidate> candidates;
  std::vector<simulation::RunRecord> records;  // in run order
  nlohmann::ordered_json json;                 // summary_json: what `milmob sweep --json` prints
  std::string text;                            // summary_text: what it prints without --json
  double seconds = 0;
  std::size_t plans_made = 0;
};

void say(bool progress, const std::string& text) {
  if (progress) py::print(text, py::arg("file") = py::module_::import("sys").attr("stderr"), py::arg("flush") = true);
}

// Python ints of any size: a seed outside 0..2^64-1 is bad input, as for the command.
std::uint64_t seed_of(const py::int_& seed) {
  const py::int_ zero(0), top(py::int_(1).attr("__lshift__")(64));
  if (seed < zero || !(seed < top))
    throw InputError("seed", fmt::format("expected a whole number from 0 to 18446744073709551615, got {}",
                                         py::repr(seed).cast<std::string>()));
  return seed.cast<std::uint64_t>();
}

std::shared_ptr<SweepHandle> make_sweep(const std::shared_ptr<ScenarioHandle>& scenario, long long runs,
                                        const py::int_& seed, int threads, const std::optional<std::filesystem::path>& model,
                                        const std::optional<std::filesystem::path>& csv, bool progress) {
  // The command's checks and messages, with the parameters' names.
  if (runs < 1) throw InputError("runs", fmt::format("expected a number of runs >= 1, got {}", runs));
  if (runs > 100'000'000) throw InputError("runs", fmt::format("expected at most 100000000 runs, got {}", runs));
  if (threads < 0) throw InputError("threads", fmt::format("expected a number of threads >= 0 (0: every core), got {}", threads));
  cli::RunOptions options;
  options.runs = runs;
  options.seed = seed_of(seed);
  options.threads = threads == 0 ? simulation::default_threads() : threads;
  if (model) options.model = model->string();
  if (csv) options.csv = csv->string();

  const auto start = std::chrono::steady_clock::now();
  auto out = std::make_shared<SweepHandle>();
  out->scenario = scenario;
  out->seed = options.seed;
  out->threads = options.threads;
  if (!scenario->network_built()) say(progress, fmt::format("milmob: building the network of {}", scenario->scenario().file));
  const auto n = static_cast<std::size_t>(runs);
  simulation::StochasticModel stochastic;
  const cli::PlanningInputs* in = nullptr;
  {
    py::gil_scoped_release release;
    stochastic = cli::load_run_model(options);
    in = &scenario->inputs(false);
  }
  say(progress, fmt::format("milmob: sweep of {} runs on {} thread(s): planning the scenario as it is", n, options.threads));
  const Network net = in->network.net();
  std::optional<simulation::Sweep> sweep;  // after what it borrows
  {
    py::gil_scoped_release release;
    sweep.emplace(simulation::SweepInputs{in->scenario(), in->loaded.catalogue, in->calendar, net, stochastic},
                  options.threads);
  }
  say(progress, fmt::format("milmob: {} disruptions may be drawn; running", sweep->candidates().size()));
  {
    py::gil_scoped_release release;
    std::size_t shown = 0;  // tenths of the runs reported so far
    // After each run of the calling thread: Ctrl-C stops the sweep (KeyboardInterrupt), and
    // progress by tenths. A run costs milliseconds at least, taking the GIL here much less.
    out->records = simulation::run_sweep(*sweep, options.seed, 0, n, options.threads, [&](std::size_t done) {
      const py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress || done * 10 / n <= shown) return;
      shown = done * 10 / n;
      say(true, fmt::format("milmob: sweep {}/{} runs", done, n));
    });
  }
  for (const auto& u : sweep->base().units) out->unit_ids.push_back(u.id);
  out->candidates = sweep->candidates();
  out->plans_made = sweep->plans_made();
  const simulation::Summary summary =
      simulation::summarize("sweep", options.seed, sweep->base(), out->records, sweep->candidates());
  out->json = simulation::summary_json(summary);
  out->text = simulation::summary_text(summary);
  cli::write_run_csv(options, sweep->base(), out->records, sweep->candidates());
  out->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  say(progress, fmt::format("milmob: closure P10 {} P50 {} P90 {} ({} runs, {} re-plans, {:.1f} s)",
                            out->json["closure"]["p10"].get<std::string>(), out->json["closure"]["p50"].get<std::string>(),
                            out->json["closure"]["p90"].get<std::string>(), n, out->plans_made, out->seconds));
  return out;
}

py::object minutes_or_none(double m) {
  if (!std::isfinite(m)) return py::none();
  return py::float_(std::round(m * 10) / 10);
}

// Every row with the same keys (a unit not simulated has only id and simulated in the JSON), for pandas.
py::list unit_rows(const SweepHandle& s) {
  static const char* const keys[] = {"id", "simulated", "planned_arrival", "p50_arrival", "p90_arrival",
                                     "p50_arrival_min", "p90_arrival_min", "required_delivery",
                                     "p_meet_required_delivery"};
  py::list out;
  for (const auto& u : s.json["units"]) {
    py::dict row;
    for (const char* k : keys) row[k] = u.contains(k) ? to_python(u[k]) : py::none();
    out.append(row);
  }
  return out;
}

py::list run_rows(const SweepHandle& s) {
  py::list out;
  for (std::size_t i = 0; i < s.records.size(); ++i) {
    const auto& r = s.records[i];
    py::dict row;
    row["run"] = i;
    row["seed"] = simulation::run_seed(s.seed, i);
    row["closure_min"] = minutes_or_none(r.outcome.closure);
    py::dict arrivals;
    for (std::size_t u = 0; u < s.unit_ids.size() && u < r.outcome.unit_arrival.size(); ++u)
      arrivals[py::str(s.unit_ids[u])] = minutes_or_none(r.outcome.unit_arrival[u]);
    row["arrival_min"] = arrivals;
    py::list drawn;
    for (std::size_t k = 0; k < r.fired.size() && k < s.candidates.size(); ++k)
      if (r.fired[k]) drawn.append(s.candidates[k].name);
    row["disruptions"] = drawn;
    out.append(row);
  }
  return out;
}

py::list records(const SweepHandle& s, const std::string& table) {
  if (table == "units") return unit_rows(s);
  if (table == "disruptions") return to_python(s.json["disruptions"]).cast<py::list>();
  if (table == "causes") return to_python(s.json["causes"]).cast<py::list>();
  if (table == "runs") return run_rows(s);
  throw py::value_error("table: '" + table + "': expected units, disruptions, causes or runs");
}

py::object closure_at(const SweepHandle& s, const char* key) { return to_python(s.json["closure"][key]); }

}  // namespace

void bind_sweep(py::module_& m) {
  py::class_<SweepHandle, std::shared_ptr<SweepHandle>>(m, "Sweep", R"doc(
A Monte Carlo sweep of a scenario, as ``milmob sweep`` runs it (docs/simulation.md): the closure
distribution, each unit's odds of meeting its required delivery date, the causes of slip and
the disruptions ranked by what they cost. ``to_dict()`` is the document ``milmob sweep --json``
prints for the same runs and seed; tables come as lists of dicts for pandas.)doc")
      .def_property_readonly("scenario", [](const SweepHandle& s) { return s.scenario; }, "The Scenario swept.")
      .def_property_readonly("runs", [](const SweepHandle& s) { return s.records.size(); }, "Number of runs.")
      .def_property_readonly("seed", [](const SweepHandle& s) { return s.seed; }, "The seed.")
      .def_property_readonly("threads", [](const SweepHandle& s) { return s.threads; },
                             "Threads used (the results do not depend on it).")
      .def_property_readonly("planned_closure", [](const SweepHandle& s) { return to_python(s.json["planned_closure"]); },
                             "Closure of the plan without disruptions or delays, as \"C+9 05:54\".")
      .def_property_readonly("p10", [](const SweepHandle& s) { return closure_at(s, "p10"); }, "Closure P10, as \"C+9 05:54\".")
      .def_property_readonly("p50", [](const SweepHandle& s) { return closure_at(s, "p50"); }, "Closure P50 (median).")
      .def_property_readonly("p90", [](const SweepHandle& s) { return closure_at(s, "p90"); }, "Closure P90.")
      .def_property_readonly("p10_min", [](const SweepHandle& s) { return closure_at(s, "p10_min"); },
                             "Closure P10 in minutes from C-day 00:00 UTC (None: some unit never arrives).")
      .def_property_readonly("p50_min", [](const SweepHandle& s) { return closure_at(s, "p50_min"); }, "Closure P50 in minutes.")
      .def_property_readonly("p90_min", [](const SweepHandle& s) { return closure_at(s, "p90_min"); }, "Closure P90 in minutes.")
      .def_property_readonly("closure", [](const SweepHandle& s) { return to_python(s.json["closure"]); },
                             "The closure section: p10/p50/p90 (and *_min), columns_p50_min, columns_p90_min, "
                             "mean_min, min_min, max_min, runs_never.")
      .def_property_readonly("units", &unit_rows, R"doc(
One dict per unit: id, simulated, planned_arrival, p50_arrival, p90_arrival, p50_arrival_min,
p90_arrival_min, required_delivery, p_meet_required_delivery (the share of runs in which it
arrives by its RDD). A unit not simulated has None in all but id and simulated.)doc")
      .def_property_readonly("disruptions", [](const SweepHandle& s) { return to_python(s.json["disruptions"]); },
                             "The disruptions that may be drawn, costliest first: name, kind, runs_drawn, "
                             "probability, runs_never, mean_loss_when_drawn_h, expected_closure_loss_h.")
      .def_property_readonly("causes", [](const SweepHandle& s) { return to_python(s.json["causes"]); },
                             "Causes of slip: cause, closure_mean_min, runs_share, all_march_units_mean_min.")
      .def_property_readonly("summary", [](const SweepHandle& s) { return to_python(s.json); },
                             "The same dict as to_dict().")
      .def_property_readonly("plans_made", [](const SweepHandle& s) { return s.plans_made; },
                             "Re-plans made (distinct draws of disruptions; the others come from a cache).")
      .def_property_readonly("seconds", [](const SweepHandle& s) { return s.seconds; }, "Wall time of the sweep, seconds.")
      .def("to_records", &records, py::arg("table") = "units", R"doc(
A table as a list of dicts for ``pandas.DataFrame.from_records``: "units" (default),
"disruptions", "causes" or "runs" (one row per run: run, seed, closure_min, arrival_min {unit:
minutes}, disruptions drawn: what ``--csv`` writes).)doc")
      .def(
          "to_dict", [](const SweepHandle& s) { return to_python(s.json); },
          "The summary: the document ``milmob sweep SCENARIO --runs N --seed S --json`` prints.")
      .def(
          "to_json", [](const SweepHandle& s) { return s.json.dump(); },
          "The line ``milmob sweep --json`` prints, byte for byte (without its newline).")
      .def(
          "text", [](const SweepHandle& s) { return s.text; }, "The summary the command prints without --json.")
      .def("__repr__", [](const SweepHandle& s) {
        return fmt::format("<milmob.Sweep '{}': {} runs, seed {}, closure P10 {} P50 {} P90 {}>",
                           s.scenario->scenario().name, s.records.size(), s.seed,
                           s.json["closure"]["p10"].get<std::string>(), s.json["closure"]["p50"].get<std::string>(),
                           s.json["closure"]["p90"].get<std::string>());
      });

  m.def("sweep", &make_sweep, py::arg("scenario"), py::arg("runs") = 1000, py::arg("seed") = 1, py::kw_only(),
        py::arg("threads") = 0, py::arg("model") = py::none(), py::arg("csv") = py::none(), py::arg("progress") = false,
        R"doc(
A Monte Carlo sweep of the scenario, as ``milmob sweep SCENARIO --runs N --seed S`` runs it
(docs/simulation.md): each run draws disruptions (the scenario's own and bridges, borders,
permissions, ports and convoy support centres on the planned routes, with the model's odds),
re-plans under them and executes the plan with random delays. Returns a Sweep.

runs: number of runs (>= 1). seed: 0 to 2**64-1; the same seed gives the same summary whatever
    the threads.
threads: 0 for every core. model: a stochastic model file (YAML; default: the documented
    figures). csv: also write every run to this CSV file, as ``--csv``.
progress: print the stages, each tenth of the runs and the closure percentiles on stderr.

Releases the GIL while it runs; Ctrl-C stops it (KeyboardInterrupt, after the runs under way).
Raises InputError for bad arguments or a bad model file.)doc");
}

}  // namespace milmob::python
