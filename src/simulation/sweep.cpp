#include "simulation/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "planning/overlay.h"
#include "planning/planner.h"
#include "simulation/random.h"
#include "simulation/runs.h"

namespace milmob::simulation {

namespace {

constexpr std::size_t kCacheLimit = 512;  // plans kept; a miss only costs a re-plan
constexpr double kInf = std::numeric_limits<double>::infinity();

std::int64_t rounded_minutes(double minutes) { return static_cast<std::int64_t>(std::llround(minutes)); }

}  // namespace

struct Sweep::Drawn {
  struct Event {
    std::size_t candidate = 0;
    std::int64_t at = 0, duration = 0;  // minutes
    int extra_days = 0;                 // permission
  };
  std::vector<Event> events;
  std::string key() const {
    std::string k;
    for (const Event& e : events) k += fmt::format("{}:{}:{}:{};", e.candidate, e.at, e.duration, e.extra_days);
    return k;
  }
};

Sweep::Sweep(const SweepInputs& in, int workers) : in_(in), clock_(in.scenario, in.calendar) {
  for (int w = 0; w < std::max(1, workers); ++w) routers_.push_back(std::make_unique<routing::Router>(in.net));
  const planning::Plan plan0 = plan(in.scenario, {}, 0);
  auto base = std::make_shared<Planned>();
  base->schedule = schedule_of(plan0, in.scenario, in.catalogue);
  base_ = base;
  horizon_min_ = std::max(1.0, base_->schedule.planned_closure);
  windows_ = std::make_unique<WindowTable>(clock_, nations_of(base_->schedule), horizon_of(base_->schedule));
  find_candidates(plan0);
}

Sweep::~Sweep() = default;

// The one place the sweep calls the planner.
planning::Plan Sweep::plan(const scenario::Scenario& s, const std::vector<std::string>& disruptions, int worker) {
  const planning::Overlay overlay(s, in_.net, disruptions);
  return planning::plan_movement(s, in_.catalogue, in_.calendar, *routers_[static_cast<std::size_t>(worker)], overlay);
}

void Sweep::find_candidates(const planning::Plan& base) {
  const DisruptionModel& m = in_.model.disruptions;
  const auto add = [&](Candidate c, Source s) {
    candidates_.push_back(std::move(c));
    sources_.push_back(std::move(s));
  };
  for (std::size_t i = 0; i < in_.scenario.disruptions.size(); ++i) {
    const scenario::Disruption& d = in_.scenario.disruptions[i];
    add({d.name, d.kind}, {static_cast<int>(i), "scenario", {}, "", ""});
  }
  // Bridges on the planned routes: road edges flagged as bridges whose ends are both points of
  // a route's drawn line.
  if (m.bridge_probability > 0) {
    std::set<std::pair<std::int32_t, std::int32_t>> on_route;
    for (const auto& u : base.units)
      for (const auto& leg : u.legs)
        for (const auto& p : leg.geometry) on_route.insert({geo::to_fixed(p.lon), geo::to_fixed(p.lat)});
    std::set<std::uint32_t> shapes_seen;  // a bridge's two directions share its drawn line
    const Network& net = in_.net;
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
      if (net.mode[e] != Mode::Road || !(net.flags[e] & edge_flag::kBridge)) continue;
      const NodeId a = net.tail[e], b = net.head[e];
      if (!on_route.count({net.node_lon_e7[a], net.node_lat_e7[a]}) || !on_route.count({net.node_lon_e7[b], net.node_lat_e7[b]}))
        continue;
      const std::uint32_t shape = net.shape[e] & ~kShapeReversed;
      if (!shapes_seen.insert(shape).second) continue;
      const std::uint32_t first = net.shape_first[shape];
      // A point inside the first segment of its drawn line: selects this bridge (both ways) only.
      const geo::LonLat p{(geo::from_fixed(net.shape_lon_e7[first]) + geo::from_fixed(net.shape_lon_e7[first + 1])) / 2,
                          (geo::from_fixed(net.shape_lat_e7[first]) + geo::from_fixed(net.shape_lat_e7[first + 1])) / 2};
      const std::string name(net.edge_name(e));
      add({fmt::format("bridge {}{}at {:.5f},{:.5f} lost", name, name.empty() ? "" : " ", p.lon, p.lat), "bridge_lost"},
          {-1, "bridge", p, "", ""});
    }
  }
  std::set<std::pair<std::string, std::string>> borders;
  std::set<std::string> entered;
  for (const auto& u : base.units)
    for (const auto& mu : u.march_units)
      for (const auto& c : mu.crossings) {
        borders.insert(std::minmax(c.from, c.to));
        entered.insert(c.to);
      }
  for (const auto& [a, b] : borders) add({fmt::format("border {}-{} closed", a, b), "border_closed"}, {-1, "border", {}, a, b});
  for (const auto& n : entered)
    add({fmt::format("permissions of {} delayed", n), "permission_delay"}, {-1, "permission", {}, n, ""});
  for (const auto& port : in_.scenario.resources.ports) {
    add({fmt::format("port {} capacity cut", port.place.label()), "capacity_cut"}, {-1, "port", port.place.where, "", ""});
  }
  for (const auto& c : in_.scenario.resources.convoy_support_centres) {
    add({fmt::format("convoy support centre {} capacity cut", c.place.label()), "capacity_cut"}, {-1, "centre", c.place.where, "", ""});
  }
}

std::shared_ptr<const Sweep::Planned> Sweep::planned(const Drawn& drawn, int worker) {
  if (drawn.events.empty()) return base_;
  const std::string key = drawn.key();
  {
    std::lock_guard lock(cache_mutex_);
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  // The scenario with this run's disruptions: the drawn scenario disruptions by name, the
  // others as disruptions of its own, permissions longer.
  scenario::Scenario s = in_.scenario;
  std::vector<std::string> names;
  std::vector<scenario::Disruption> applied;
  const DisruptionModel& m = in_.model.disruptions;
  for (const Drawn::Event& e : drawn.events) {
    const Source& src = sources_[e.candidate];
    if (src.scenario_index >= 0) {
      names.push_back(in_.scenario.disruptions[static_cast<std::size_t>(src.scenario_index)].name);
      applied.push_back(in_.scenario.disruptions[static_cast<std::size_t>(src.scenario_index)]);
      continue;
    }
    if (src.kind == "permission") {
      auto& p = s.rules.permissions;
      const double now = p.by_granting_nation.count(src.a) ? p.by_granting_nation[src.a] : p.default_lead_time_working_days;
      p.by_granting_nation[src.a] = now + e.extra_days;
      for (auto& pair : p.pairs)
        if (pair.to == src.a) pair.lead_time_working_days += e.extra_days;
      continue;
    }
    scenario::Disruption d;
    d.name = fmt::format("sweep: {}", candidates_[e.candidate].name);
    d.at = e.at;
    d.duration = e.duration;
    if (src.kind == "bridge") {
      d.kind = "bridge_lost";
      d.select.near = scenario::PlaceRef{"", src.where, ""};
      d.select.radius_m = 1;
      d.select.mode = "road";
    } else if (src.kind == "border") {
      d.kind = "border_closed";
      d.nations = {src.a, src.b};
    } else {
      d.kind = "capacity_cut";
      d.place = scenario::PlaceRef{"", src.where, ""};
      d.capacity_factor = src.kind == "port" ? m.port_capacity_factor : m.centre_capacity_factor;
    }
    s.disruptions.push_back(d);
    names.push_back(d.name);
    applied.push_back(d);
  }
  auto p = std::make_shared<Planned>();
  p->schedule = schedule_of(plan(s, names, worker), s, in_.catalogue);
  p->world = RunWorld::of(applied);
  std::lock_guard lock(cache_mutex_);
  ++plans_made_;
  if (cache_.size() < kCacheLimit) cache_.emplace(key, p);
  return p;
}

RunRecord Sweep::run(std::uint64_t seed, std::size_t index, int worker) {
  const std::uint64_t rs = run_seed(seed, index);
  Rng rng(rs);
  const DisruptionModel& m = in_.model.disruptions;
  Drawn drawn;
  RunRecord record;
  record.fired.assign(candidates_.size(), 0);
  // Every candidate draws the same number of values whether it fires or not, so that changing one
  // probability leaves the others' draws as they were.
  for (std::size_t k = 0; k < candidates_.size(); ++k) {
    const Source& src = sources_[k];
    double p = 0;
    const Distribution* duration_h = nullptr;
    if (src.scenario_index >= 0) p = m.scenario_probability_of(candidates_[k].name);
    else if (src.kind == "bridge") p = m.bridge_probability, duration_h = &m.bridge_outage_h;
    else if (src.kind == "border") p = m.border_probability, duration_h = &m.border_closure_h;
    else if (src.kind == "permission") p = m.permission_probability;
    else if (src.kind == "port") p = m.port_probability, duration_h = &m.port_cut_h;
    else if (src.kind == "centre") p = m.centre_probability, duration_h = &m.centre_cut_h;
    const double fire = rng.uniform(), when = rng.uniform(), how = rng.open_uniform();
    if (!(fire < p)) continue;
    record.fired[k] = 1;
    Drawn::Event e{k, 0, 0, 0};
    if (src.kind == "permission") {
      e.extra_days = std::max(1, static_cast<int>(std::ceil(m.permission_extra_working_days.quantile(how) - 1e-9)));
    } else if (duration_h) {
      e.at = rounded_minutes(when * horizon_min_);
      e.duration = std::max<std::int64_t>(1, rounded_minutes(duration_h->quantile(how) * 60));
    }
    drawn.events.push_back(e);
  }
  const std::uint64_t delay_seed = splitmix64(rs ^ 0x5eedULL);
  record.outcome = outcome(drawn, delay_seed, worker);
  // What each drawn disruption cost in this run: the same run without it.
  record.loss.assign(candidates_.size(), 0);
  for (std::size_t e = 0; e < drawn.events.size(); ++e) {
    Drawn without = drawn;
    without.events.erase(without.events.begin() + static_cast<std::ptrdiff_t>(e));
    const double other = outcome(without, delay_seed, worker).closure;
    const double here = record.outcome.closure;
    record.loss[drawn.events[e].candidate] = std::isinf(here) && std::isinf(other) ? 0 : here - other;
  }
  return record;
}

RunOutcome Sweep::outcome(const Drawn& drawn, std::uint64_t delay_seed, int worker) {
  const std::shared_ptr<const Planned> p = planned(drawn, worker);
  const Environment env{in_.scenario, *windows_, in_.model.delays, p->world};
  const RunOutcome outcome = execute(p->schedule, env, delay_seed);
  // In the base plan's unit order; a unit the base plan moves but this run's plan cannot never arrives.
  const Schedule& b = base_->schedule;
  RunOutcome mapped = outcome;
  mapped.unit_arrival.assign(b.units.size(), std::numeric_limits<double>::quiet_NaN());
  mapped.closure = 0;
  for (std::size_t u = 0; u < b.units.size(); ++u) {
    if (!b.units[u].feasible) continue;
    double a = kInf;
    for (std::size_t v = 0; v < p->schedule.units.size(); ++v)
      if (p->schedule.units[v].id == b.units[u].id && !std::isnan(outcome.unit_arrival[v])) a = outcome.unit_arrival[v];
    mapped.unit_arrival[u] = a;
    mapped.closure = std::max(mapped.closure, a);
  }
  if (std::isinf(mapped.closure)) mapped.column_closure = kInf;
  return mapped;
}


std::vector<RunRecord> run_sweep(Sweep& sweep, std::uint64_t seed, std::size_t first, std::size_t last, int threads,
                                 const std::function<void(std::size_t)>& done) {
  std::vector<RunRecord> records(last - first);
  for_each_run(
      first, last, threads, [&](std::size_t i, int worker) { records[i - first] = sweep.run(seed, i, worker); }, done);
  return records;
}

}  // namespace milmob::simulation
