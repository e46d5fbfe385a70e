#pragma once
// A distribution of a duration, a count or a share, as the stochastic model file names it
// (docs/simulation.md). Sampled by inverse CDF from simulation::Rng, so the same seed gives the
// same value everywhere.
#include <string>

#include <yaml-cpp/yaml.h>

#include "common/yaml_input.h"
#include "simulation/random.h"

namespace milmob::simulation {

struct Distribution {
  enum class Kind { Fixed, Uniform, Exponential, Lognormal, Triangular };
  Kind kind = Kind::Fixed;
  // fixed: a = value; uniform: [a, b); exponential: mean a; lognormal: median a, 90th
  // percentile b; triangular: min a, mode b, max c.
  double a = 0, b = 0, c = 0;

  static Distribution fixed(double value) { return {Kind::Fixed, value, 0, 0}; }
  static Distribution lognormal(double median, double p90) { return {Kind::Lognormal, median, p90, 0}; }
  static Distribution uniform(double min, double max) { return {Kind::Uniform, min, max, 0}; }

  double sample(Rng& rng) const;
  // The value at quantile u in [0, 1): what sample() returns for that uniform draw.
  double quantile(double u) const;
  bool always_zero() const { return kind == Kind::Fixed && a == 0; }
  std::string describe() const;  // "lognormal(median 60, p90 360)"
};

// Reads `{distribution: lognormal, median: 60, p90: 360}` (or a plain number: fixed). Problems go
// to `errors` with the node's line and `field`; the default is returned then.
Distribution parse_distribution(const YAML::Node& node, const std::string& field, InputErrors& errors,
                                const Distribution& fallback);

}  // namespace milmob::simulation
