#include "simulation/distribution.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <cmath>
#include <map>
#include <set>

namespace milmob::simulation {

namespace {

constexpr double kZ90 = 1.2815515655446004;  // the standard normal's 90th percentile

}  // namespace

double Distribution::quantile(double u) const {
  switch (kind) {
    case Kind::Fixed: return a;
    case Kind::Uniform: return a + (b - a) * u;
    case Kind::Exponential: return -a * std::log1p(-u);
    case Kind::Lognormal: {
      if (a <= 0) return 0;
      const double sigma = std::log(b / a) / kZ90;
      return sigma <= 0 ? a : a * std::exp(sigma * normal_quantile(u));
    }
    case Kind::Triangular: {
      const double split = c > a ? (b - a) / (c - a) : 0;
      return u < split ? a + std::sqrt(u * (c - a) * (b - a)) : c - std::sqrt((1 - u) * (c - a) * (c - b));
    }
  }
  return a;
}

double Distribution::sample(Rng& rng) const {
  if (kind == Kind::Fixed) return a;  // draws nothing: a fixed value leaves the stream as it was
  return quantile(kind == Kind::Lognormal || kind == Kind::Exponential ? rng.open_uniform() : rng.uniform());
}

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::Fixed: return fmt::format("{:g}", a);
    case Kind::Uniform: return fmt::format("uniform({:g}, {:g})", a, b);
    case Kind::Exponential: return fmt::format("exponential(mean {:g})", a);
    case Kind::Lognormal: return fmt::format("lognormal(median {:g}, p90 {:g})", a, b);
    case Kind::Triangular: return fmt::format("triangular({:g}, {:g}, {:g})", a, b, c);
  }
  return "?";
}

Distribution parse_distribution(const YAML::Node& node, const std::string& field, InputErrors& errors,
                                const Distribution& fallback) {
  const long line = yaml_line(node, 1);
  const auto number = [&](const YAML::Node& n, const std::string& f, double& out) {
    try {
      out = n.as<double>();
    } catch (const YAML::Exception&) {
      errors.add(yaml_line(n, line), f, fmt::format("expected a number, got {}", yaml_describe(n)));
      return false;
    }
    if (!std::isfinite(out) || out < 0) {
      errors.add(yaml_line(n, line), f, fmt::format("expected a number >= 0, got {}", n.Scalar()));
      return false;
    }
    return true;
  };
  if (node.IsScalar()) {
    double v = 0;
    return number(node, field, v) ? Distribution::fixed(v) : fallback;
  }
  if (!node.IsMap()) {
    errors.add(line, field, fmt::format("expected a number or a mapping with 'distribution', got {}", yaml_describe(node)));
    return fallback;
  }
  static const std::map<std::string, std::pair<Distribution::Kind, std::vector<std::string>>> kinds = {
      {"fixed", {Distribution::Kind::Fixed, {"value"}}},
      {"uniform", {Distribution::Kind::Uniform, {"min", "max"}}},
      {"exponential", {Distribution::Kind::Exponential, {"mean"}}},
      {"lognormal", {Distribution::Kind::Lognormal, {"median", "p90"}}},
      {"triangular", {Distribution::Kind::Triangular, {"min", "mode", "max"}}},
  };
  const YAML::Node name = node["distribution"];
  if (!name.IsDefined() || !name.IsScalar()) {
    errors.add(line, field + ".distribution", "expected the name of a distribution: fixed, uniform, exponential, lognormal or triangular");
    return fallback;
  }
  const auto kind = kinds.find(name.Scalar());
  if (kind == kinds.end()) {
    errors.add(yaml_line(name, line), field + ".distribution",
               fmt::format("unknown distribution '{}'; expected fixed, uniform, exponential, lognormal or triangular",
                           name.Scalar()));
    return fallback;
  }
  const std::vector<std::string>& params = kind->second.second;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (key != "distribution" && std::find(params.begin(), params.end(), key) == params.end())
      errors.add(yaml_line(kv.first, line), field + "." + key,
                 fmt::format("not a parameter of the {} distribution (expected {})", name.Scalar(), fmt::join(params, ", ")));
  }
  double v[3] = {0, 0, 0};
  for (std::size_t i = 0; i < params.size(); ++i) {
    const YAML::Node p = node[params[i]];
    if (!p.IsDefined()) {
      errors.add(line, field + "." + params[i], fmt::format("missing: the {} distribution needs {}", name.Scalar(), fmt::join(params, ", ")));
      return fallback;
    }
    if (!number(p, field + "." + params[i], v[i])) return fallback;
  }
  Distribution d{kind->second.first, v[0], v[1], v[2]};
  const auto bad = [&](const std::string& what) {
    errors.add(line, field, fmt::format("{} distribution: expected {}", name.Scalar(), what));
    return fallback;
  };
  if (d.kind == Distribution::Kind::Uniform && d.b < d.a) return bad("min <= max");
  if (d.kind == Distribution::Kind::Lognormal && (d.a <= 0 || d.b < d.a)) return bad("0 < median <= p90");
  if (d.kind == Distribution::Kind::Triangular && !(d.a <= d.b && d.b <= d.c)) return bad("min <= mode <= max");
  return d;
}

}  // namespace milmob::simulation
