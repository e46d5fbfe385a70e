#pragma once
// The stochastic model: what can delay a march unit as it executes its plan (breakdowns, border
// waits, weather days, loading), and what can go wrong before and during a deployment (the
// scenario's disruptions, bridges, borders, permissions, ports, convoy support centres), each with
// a probability or a distribution. Defaults and their sources: docs/simulation.md; a model file
// (YAML, `--model`) overrides any of them.
#include <map>
#include <string>

#include "simulation/distribution.h"

namespace milmob::simulation {

struct BreakdownModel {
  // Failures per 1000 vehicle-km. Wheeled: MIL-T-46780D requires >= 2600 mean miles between
  // failures (4184 km); tracked: the M1's design goal was 320 mean miles between failures
  // (GAO PSAD-79-67, 1979; 515 km).
  double wheeled_per_1000_km = 1000.0 / 4184;
  double tracked_per_1000_km = 1000.0 / 515;
  Distribution repair_min = Distribution::lognormal(60, 240);  // assumption
  double wait_limit_min = 30;  // assumption: the march unit waits for a repair this short
  Distribution clear_min = Distribution::fixed(10);  // assumption: a vehicle pulled off the road
};

struct DelayModel {
  BreakdownModel breakdown;
  Distribution border_wait_min = Distribution::lognormal(20, 90);  // assumption: hand-over at the border
  double weather_day_probability = 0.01;                             // assumption, per nation and day
  std::map<std::string, double> weather_by_nation;
  // Extra minutes of a loading activity, by mode (rail, sea, air); none when not listed.
  std::map<std::string, Distribution> loading_min = {{"rail", Distribution::lognormal(60, 240)},
                                                     {"sea", Distribution::lognormal(120, 720)},
                                                     {"air", Distribution::lognormal(60, 360)}};
  double weather_probability(const std::string& nation) const;
};

// Probabilities are per deployment (one run), durations from the disruption's start.
struct DisruptionModel {
  double scenario_probability = 0.1;  // assumption: each disruption the scenario names
  std::map<std::string, double> scenario_by_name;
  double bridge_probability = 0.01;  // per bridge on a planned route; assumption (crisis; peacetime ~6e-5/year)
  Distribution bridge_outage_h = Distribution::lognormal(72, 336);
  double border_probability = 0.05;  // per border the plan crosses; assumption
  Distribution border_closure_h = Distribution::lognormal(24, 96);
  double permission_probability = 0.2;  // per nation the plan enters; assumption
  Distribution permission_extra_working_days = Distribution::uniform(1, 5);
  double port_probability = 0.05;  // per port of the scenario; assumption
  double port_capacity_factor = 0.5;
  Distribution port_cut_h = Distribution::lognormal(48, 168);
  double centre_probability = 0.05;  // per convoy support centre; assumption
  double centre_capacity_factor = 0.5;
  Distribution centre_cut_h = Distribution::lognormal(48, 168);
  double scenario_probability_of(const std::string& name) const;
};

struct StochasticModel {
  std::string file;  // where it was read from; empty for the defaults
  DelayModel delays;
  DisruptionModel disruptions;
};

// Reads a model file over the defaults: every key is optional, an unknown key, a probability
// outside [0, 1], a negative figure or an unknown distribution is an InputError naming the file,
// line and field (all problems at once).
StochasticModel load_model(const std::string& path);
StochasticModel parse_model(const YAML::Node& root, const std::string& file);

// No delay and no disruption at all: executing a plan under it reproduces the plan.
StochasticModel zero_model();

}  // namespace milmob::simulation
