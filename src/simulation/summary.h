#pragma once
// From the runs of `simulate` or `sweep` to what a planner reads: the closure distribution
// (P10/P50/P90), each unit's P50/P90 arrival and probability of meeting its required delivery
// date, the causes of slip, and (sweep) the disruptions that cost most. Runs are kept as flat
// records so that MPI ranks can send them to rank 0; the summary depends only on the records in
// run order, never on who computed them.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulation/execution.h"
#include "simulation/schedule.h"

namespace milmob::simulation {

// A disruption a sweep may draw: a scenario's named one, or one the model makes up (a bridge on
// a planned route, a border, a nation's permissions, a port, a convoy support centre).
struct Candidate {
  std::string name, kind;
};

struct RunRecord {
  RunOutcome outcome;
  std::vector<std::uint8_t> fired;  // per candidate: drawn in this run
  // Per drawn candidate: this run's closure minus the closure of the same run without it (same
  // other disruptions, same delay seed): what it cost here. Infinity when only it stops a unit.
  std::vector<double> loss;
};

// Flat form: closure, column closure, unit arrivals, causes (closure, total), roadside nights, fired flags, losses.
std::size_t record_size(std::size_t units, std::size_t candidates);
void pack(const RunRecord& r, double* out);
RunRecord unpack(const double* in, std::size_t units, std::size_t candidates);

struct Summary {
  std::string command;  // simulate | sweep
  std::uint64_t seed = 0;
  std::size_t runs = 0;
  double planned_closure = 0;
  double p10 = 0, p50 = 0, p90 = 0, mean = 0, min = 0, max = 0;  // closure, minutes (infinity: never)
  double columns_p50 = 0, columns_p90 = 0;  // closure of the columns, vehicles left behind aside
  std::size_t never = 0;  // runs in which a unit could not arrive
  struct Unit {
    std::string id;
    bool executed = true;
    double planned = 0, required = 0, p50 = 0, p90 = 0, p_meet = 0;
  };
  std::vector<Unit> units;
  struct CauseShare {
    std::string cause;
    double closure_mean_min = 0;  // mean over runs, of the march unit that closes
    double runs_share = 0;        // share of runs in which it delayed that march unit
    double total_mean_min = 0;    // mean over runs, summed over every march unit
  };
  std::vector<CauseShare> causes;  // by closure_mean_min, largest first
  double roadside_nights_mean = 0;
  struct Loss {
    std::string name, kind;
    std::size_t fired = 0, never = 0;  // never: runs in which it alone left a unit unable to arrive
    double probability = 0, mean_loss_when_drawn_h = 0, expected_loss_h = 0;
  };
  std::vector<Loss> disruptions;  // by expected closure loss, largest first
};

// Percentile by nearest rank: the smallest value with at least p of the values at or below it.
double percentile(std::vector<double> values, double p);

Summary summarize(const std::string& command, std::uint64_t seed, const Schedule& base,
                  const std::vector<RunRecord>& runs, const std::vector<Candidate>& candidates);

std::string summary_text(const Summary& s);
nlohmann::ordered_json summary_json(const Summary& s);

}  // namespace milmob::simulation
