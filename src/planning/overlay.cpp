#include "planning/overlay.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "geo/distance.h"
#include "scenario/time_expr.h"

namespace milmob::planning {

namespace {

constexpr double kForever = std::numeric_limits<double>::infinity();

bool mode_matches(const std::string& wanted, Mode m) {
  if (wanted.empty()) return m == Mode::Road || m == Mode::Rail;
  return (wanted == "rail") == (m == Mode::Rail) && (m == Mode::Road || m == Mode::Rail);
}

// An edge's limits with those an override names put in their place.
EdgeLimits replaced(EdgeLimits l, const scenario::Override& o) {
  const auto put = [](float& limit, const std::optional<double>& value) {
    if (value) limit = static_cast<float>(*value);
  };
  put(l.max_weight_t, o.max_weight_t);
  put(l.max_height_m, o.max_height_m);
  put(l.max_width_m, o.max_width_m);
  put(l.mlc_wheeled, o.mlc_wheeled);
  put(l.mlc_tracked, o.mlc_tracked);
  return l;
}

}  // namespace

std::vector<EdgeId> Overlay::select(const scenario::WaySelector& s, const std::string& what) {
  std::vector<EdgeId> out;
  for (EdgeId e = 0; e < net_.edge_count(); ++e) {
    if (!mode_matches(s.mode, net_.mode[e])) continue;
    if (s.way_id != 0) {
      if (net_.osm_way_id[e] == s.way_id) out.push_back(e);
      continue;
    }
    // By position: an edge whose drawn line passes within the radius.
    const std::uint32_t shape = net_.shape[e] & ~kShapeReversed;
    const std::uint32_t first = net_.shape_first[shape], last = net_.shape_first[shape + 1];
    for (std::uint32_t i = first; i + 1 < last; ++i) {
      const geo::LonLat a{geo::from_fixed(net_.shape_lon_e7[i]), geo::from_fixed(net_.shape_lat_e7[i])};
      const geo::LonLat b{geo::from_fixed(net_.shape_lon_e7[i + 1]), geo::from_fixed(net_.shape_lat_e7[i + 1])};
      if (geo::project_to_segment(s.near->where, a, b).distance_m <= s.radius_m) {
        out.push_back(e);
        break;
      }
    }
  }
  if (out.empty()) notes_.push_back(fmt::format("{} selects no edge of the network: not applied", what));
  return out;
}

Overlay::Overlay(const scenario::Scenario& s, const Network& net, const std::vector<std::string>& disruptions)
    : net_(net) {
  for (std::size_t i = 0; i < s.network.overrides.size(); ++i) {
    const scenario::Override& o = s.network.overrides[i];
    has_overrides_ = true;
    for (const EdgeId e : select(o.select, fmt::format("network.overrides[{}]", i))) {
      const auto [it, fresh] = overridden_.try_emplace(e, OverriddenEdge{net.limits(e), false});
      it->second.limits = replaced(it->second.limits, o);
      it->second.closed |= o.closed;
    }
  }
  const auto close = [&](const std::vector<EdgeId>& edges, ClosedWindow w) {
    for (const EdgeId e : edges) closed_[e].push_back(w);
  };
  for (std::size_t i = 0; i < s.network.closures.size(); ++i) {
    const scenario::Closure& c = s.network.closures[i];
    close(select(c.select, fmt::format("network.closures[{}] '{}'", i, c.name)),
          {static_cast<double>(c.from), static_cast<double>(c.until),
           fmt::format("closure '{}' {} to {}", c.name, scenario::format_time(c.from), scenario::format_time(c.until))});
  }
  const bool all = std::find(disruptions.begin(), disruptions.end(), "all") != disruptions.end();
  for (const std::string& name : disruptions) {
    const bool known = name == "all" || std::any_of(s.disruptions.begin(), s.disruptions.end(),
                                                    [&](const scenario::Disruption& d) { return d.name == name; });
    if (!known) throw InputError("--disruption", fmt::format("the scenario has no disruption named '{}'", name));
  }
  for (const scenario::Disruption& d : s.disruptions) {
    if (!all && std::find(disruptions.begin(), disruptions.end(), d.name) == disruptions.end()) continue;
    const double from = static_cast<double>(d.at);
    const double until = d.duration ? from + static_cast<double>(*d.duration) : kForever;
    const std::string reason = fmt::format("disruption '{}' from {}", d.name, scenario::format_time(d.at));
    if (d.kind == "bridge_lost" || d.kind == "road_closed")
      close(select(d.select, fmt::format("disruption '{}'", d.name)), {from, until, reason});
    else if (d.kind == "border_closed" && d.nations.size() == 2)
      borders_.push_back({d.nations[0], d.nations[1], {from, until, reason}});
    else if (d.kind == "capacity_cut" && d.place)
      cuts_.push_back({d.place->where, from, until, d.capacity_factor});
  }
  for (auto& [edge, windows] : closed_)
    std::sort(windows.begin(), windows.end(), [](const ClosedWindow& a, const ClosedWindow& b) { return a.from < b.from; });
}

routing::VehicleCost Overlay::cost(const routing::VehicleCost& base, const vehicles::VehicleLimits& v,
                                   double avoid_from, double avoid_until) const {
  routing::VehicleCost cost = base;
  // An override replaces the limits it names: a class that exceeds them may not use the edge,
  // and one that the edge's own limit stopped may when the override raises it (a strengthened
  // bridge: an upgrade). Where overrides disagree, the later one holds.
  for (const auto& [e, o] : overridden_) {
    if (o.closed || routing::blocking_limit(o.limits, v)) {
      cost.time_ms[e] = routing::kForbidden;
    } else if (!cost.usable(e) && net_.mode[e] == cost.mode) {
      cost.time_ms[e] = routing::edge_time_ms(net_, e, v);
      cost.max_speed_mps = std::max(cost.max_speed_mps, routing::edge_speed_kmh(net_, e, v) / 3.6);
    }
  }
  for (const auto& [edge, windows] : closed_)
    for (const ClosedWindow& w : windows)
      if (w.from < avoid_until && w.until > avoid_from) cost.time_ms[edge] = routing::kForbidden;
  return cost;
}

const std::vector<ClosedWindow>* Overlay::closed(EdgeId e) const {
  const auto it = closed_.find(e);
  return it == closed_.end() ? nullptr : &it->second;
}

std::vector<ClosedWindow> Overlay::border_closed(const std::string& a, const std::string& b) const {
  std::vector<ClosedWindow> out;
  for (const Border& x : borders_)
    if ((x.a == a && x.b == b) || (x.a == b && x.b == a)) out.push_back(x.window);
  return out;
}

double Overlay::capacity_factor(const geo::LonLat& place, double t) const {
  double factor = 1;
  for (const Cut& c : cuts_)
    if (t >= c.from && t < c.until && geo::haversine_m(place, c.where) < 1000) factor *= c.factor;
  return factor;
}

}  // namespace milmob::planning
