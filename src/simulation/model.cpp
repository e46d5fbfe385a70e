#include "simulation/model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace milmob::simulation {

double DelayModel::weather_probability(const std::string& nation) const {
  const auto it = weather_by_nation.find(nation);
  return it == weather_by_nation.end() ? weather_day_probability : it->second;
}

double DisruptionModel::scenario_probability_of(const std::string& name) const {
  const auto it = scenario_by_name.find(name);
  return it == scenario_by_name.end() ? scenario_probability : it->second;
}

namespace {

// Reads one mapping: each known key has a reader; any other key is an error naming the keys.
class Section {
 public:
  Section(const YAML::Node& node, std::string path, InputErrors& errors) : node_(node), path_(std::move(path)), errors_(errors) {
    if (node_.IsDefined() && !node_.IsNull() && !node_.IsMap())
      errors_.add(yaml_line(node_, 1), path_, fmt::format("expected a mapping, got {}", yaml_describe(node_)));
  }
  void on(const std::string& key, std::function<void(const YAML::Node&, const std::string&)> read) {
    keys_.push_back(key);
    if (node_.IsMap() && node_[key].IsDefined()) read(node_[key], field(key));
  }
  void number(const std::string& key, double& out, double max = INFINITY) {
    on(key, [&, max](const YAML::Node& n, const std::string& f) { read_number(n, f, out, max); });
  }
  void probability(const std::string& key, double& out) { number(key, out, 1); }
  void distribution(const std::string& key, Distribution& out) {
    on(key, [&](const YAML::Node& n, const std::string& f) { out = parse_distribution(n, f, errors_, out); });
  }
  // Call last: reports keys no reader took.
  void finish() {
    if (!node_.IsMap()) return;
    for (const auto& kv : node_)
      if (std::find(keys_.begin(), keys_.end(), kv.first.Scalar()) == keys_.end())
        errors_.add(yaml_line(kv.first, 1), field(kv.first.Scalar()),
                    fmt::format("unknown key; expected one of {}", fmt::join(keys_, ", ")));
  }
  void read_number(const YAML::Node& n, const std::string& f, double& out, double max) {
    double v = 0;
    try {
      v = n.as<double>();
    } catch (const YAML::Exception&) {
      errors_.add(yaml_line(n, 1), f, fmt::format("expected a number, got {}", yaml_describe(n)));
      return;
    }
    if (!std::isfinite(v) || v < 0 || v > max) {
      errors_.add(yaml_line(n, 1), f,
                  max == 1 ? fmt::format("expected a probability between 0 and 1, got {}", n.Scalar())
                           : fmt::format("expected a number >= 0, got {}", n.Scalar()));
      return;
    }
    out = v;
  }
  InputErrors& errors() { return errors_; }
  std::string field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  YAML::Node node_;
  std::string path_;
  InputErrors& errors_;
  std::vector<std::string> keys_;
};

// `{NAME: number, ...}`.
void read_map(Section& parent, const std::string& key, std::map<std::string, double>& out, double max) {
  parent.on(key, [&, max](const YAML::Node& n, const std::string& f) {
    if (!n.IsMap()) {
      parent.errors().add(yaml_line(n, 1), f, fmt::format("expected a mapping of names to numbers, got {}", yaml_describe(n)));
      return;
    }
    for (const auto& kv : n) {
      double v = 0;
      parent.read_number(kv.second, f + "." + kv.first.Scalar(), v, max);
      out[kv.first.Scalar()] = v;
    }
  });
}

void read_delays(const YAML::Node& node, InputErrors& errors, DelayModel& d) {
  Section s(node, "delays", errors);
  s.on("breakdown", [&](const YAML::Node& n, const std::string& f) {
    Section b(n, f, errors);
    b.number("wheeled_per_1000_km", d.breakdown.wheeled_per_1000_km);
    b.number("tracked_per_1000_km", d.breakdown.tracked_per_1000_km);
    b.distribution("repair_min", d.breakdown.repair_min);
    b.number("wait_limit_min", d.breakdown.wait_limit_min);
    b.distribution("clear_min", d.breakdown.clear_min);
    b.finish();
  });
  s.distribution("border_wait_min", d.border_wait_min);
  s.on("weather", [&](const YAML::Node& n, const std::string& f) {
    Section w(n, f, errors);
    w.probability("probability_per_day", d.weather_day_probability);
    read_map(w, "by_nation", d.weather_by_nation, 1);
    w.finish();
  });
  s.on("loading_min", [&](const YAML::Node& n, const std::string& f) {
    Section l(n, f, errors);
    for (const char* mode : {"rail", "sea", "air"}) l.distribution(mode, d.loading_min[mode]);
    l.finish();
  });
  s.finish();
}

void read_disruptions(const YAML::Node& node, InputErrors& errors, DisruptionModel& d) {
  Section s(node, "disruptions", errors);
  s.on("scenario", [&](const YAML::Node& n, const std::string& f) {
    Section x(n, f, errors);
    x.probability("probability", d.scenario_probability);
    read_map(x, "by_name", d.scenario_by_name, 1);
    x.finish();
  });
  const auto kind = [&](const char* key, double& p, Distribution& duration, const char* duration_key, double* factor) {
    s.on(key, [&, duration_key, factor](const YAML::Node& n, const std::string& f) {
      Section x(n, f, errors);
      x.probability("probability", p);
      x.distribution(duration_key, duration);
      if (factor) x.probability("capacity_factor", *factor);
      x.finish();
    });
  };
  kind("bridge", d.bridge_probability, d.bridge_outage_h, "outage_h", nullptr);
  kind("border_closure", d.border_probability, d.border_closure_h, "duration_h", nullptr);
  kind("permission_delay", d.permission_probability, d.permission_extra_working_days, "extra_working_days", nullptr);
  kind("port", d.port_probability, d.port_cut_h, "duration_h", &d.port_capacity_factor);
  kind("convoy_support_centre", d.centre_probability, d.centre_cut_h, "duration_h", &d.centre_capacity_factor);
  s.finish();
}

}  // namespace

StochasticModel parse_model(const YAML::Node& root, const std::string& file) {
  StochasticModel m;
  m.file = file;
  InputErrors errors(file);
  Section top(root, "", errors);
  top.on("delays", [&](const YAML::Node& n, const std::string&) { read_delays(n, errors, m.delays); });
  top.on("disruptions", [&](const YAML::Node& n, const std::string&) { read_disruptions(n, errors, m.disruptions); });
  top.finish();
  if (!root.IsNull() && !root.IsMap()) errors.add(1, "model", "expected a mapping with 'delays' and/or 'disruptions'");
  errors.throw_if_any();
  return m;
}

StochasticModel load_model(const std::string& path) { return parse_model(load_yaml_file(path, "the stochastic model"), path); }

StochasticModel zero_model() {
  StochasticModel m;
  DelayModel& d = m.delays;
  d.breakdown.wheeled_per_1000_km = d.breakdown.tracked_per_1000_km = 0;
  d.border_wait_min = Distribution::fixed(0);
  d.weather_day_probability = 0;
  d.loading_min.clear();
  DisruptionModel& x = m.disruptions;
  x.scenario_probability = x.bridge_probability = x.border_probability = x.permission_probability = 0;
  x.port_probability = x.centre_probability = 0;
  return m;
}

}  // namespace milmob::simulation
