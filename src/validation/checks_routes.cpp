// Rule 10: vehicle limits on the routes. The plan names the network edges of each road part;
// this check reads their limits from the network, applies the scenario's overrides itself (a
// later override replaces the limits an earlier one set; `closed` closes the edge for good)
// and holds every vehicle type of the class to them. It shares no code with the router.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "geo/distance.h"
#include "scenario/vehicle_lookup.h"
#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;

namespace {

const char* const kRule = "vehicle limits";
constexpr double kNoTime = std::numeric_limits<double>::quiet_NaN();

struct EdgeRule {
  EdgeLimits limits;
  bool closed = false;
};

bool selects(const Network& net, EdgeId e, const scenario::WaySelector& s) {
  if (!s.mode.empty() && s.mode != (net.mode[e] == Mode::Rail ? "rail" : net.mode[e] == Mode::Road ? "road" : "other"))
    return false;
  if (s.mode.empty() && net.mode[e] != Mode::Road && net.mode[e] != Mode::Rail) return false;
  if (s.way_id != 0) return net.osm_way_id[e] == s.way_id;
  if (!s.near) return false;
  const std::uint32_t shape = net.shape[e] & ~kShapeReversed;
  for (std::uint32_t i = net.shape_first[shape]; i + 1 < net.shape_first[shape + 1]; ++i) {
    const geo::LonLat a{geo::from_fixed(net.shape_lon_e7[i]), geo::from_fixed(net.shape_lat_e7[i])};
    const geo::LonLat b{geo::from_fixed(net.shape_lon_e7[i + 1]), geo::from_fixed(net.shape_lat_e7[i + 1])};
    if (geo::project_to_segment(s.near->where, a, b).distance_m <= s.radius_m) return true;
  }
  return false;
}

// The limits of `e` after the scenario's overrides, in their order.
EdgeRule rule_of(const Network& net, const scenario::Scenario& s, EdgeId e) {
  EdgeRule r{net.limits(e), false};
  for (const scenario::Override& o : s.network.overrides) {
    if (!selects(net, e, o.select)) continue;
    const auto put = [](float& limit, const std::optional<double>& value) {
      if (value) limit = static_cast<float>(*value);
    };
    put(r.limits.max_weight_t, o.max_weight_t);
    put(r.limits.max_height_m, o.max_height_m);
    put(r.limits.max_width_m, o.max_width_m);
    put(r.limits.mlc_wheeled, o.mlc_wheeled);
    put(r.limits.mlc_tracked, o.mlc_tracked);
    r.closed |= o.closed;
  }
  return r;
}

// The first limit the vehicle exceeds, in words; "" if none. Unknown figures (NaN) keep every limit.
std::string broken(const EdgeLimits& l, const vehicles::VehicleType& v) {
  const auto over = [](double value, float limit) { return limit != kNoLimit && value > static_cast<double>(limit); };
  if (over(v.weight_t, l.max_weight_t)) return fmt::format("maxweight {:g} t < {:g} t", l.max_weight_t, v.weight_t);
  if (over(v.axle_load_t, l.max_axle_load_t))
    return fmt::format("maxaxleload {:g} t < {:g} t", l.max_axle_load_t, v.axle_load_t);
  if (over(v.height_m, l.max_height_m)) return fmt::format("maxheight {:g} m < {:g} m", l.max_height_m, v.height_m);
  if (over(v.width_m, l.max_width_m)) return fmt::format("maxwidth {:g} m < {:g} m", l.max_width_m, v.width_m);
  const float mlc = v.tracked ? l.mlc_tracked : l.mlc_wheeled;
  if (over(v.mlc, mlc)) return fmt::format("MLC {:g} < {:g} ({})", mlc, v.mlc, v.tracked ? "tracked" : "wheeled");
  return "";
}

}  // namespace

void check_vehicle_limits(const CheckInput& in, Violations& out) {
  if (in.network == nullptr || in.catalogue == nullptr) return;
  const Network& net = *in.network;
  std::map<EdgeId, EdgeRule> rules;  // edges are shared by many legs: each looked up once
  for (const PlanUnit& u : in.plan.units)
    for (std::size_t l = 0; l < u.legs.size(); ++l) {
      const PlanLeg& leg = u.legs[l];
      std::vector<const vehicles::VehicleType*> types;
      for (const std::string& name : leg.types)
        if (const auto* t = scenario::find_vehicle_type(in.scenario, *in.catalogue, name)) types.push_back(t);
      for (std::size_t p = 0; p < leg.parts.size(); ++p) {
        const PlanLegPart& part = leg.parts[p];
        if (part.mode != "road") continue;  // a HET carries the vehicle: its own limits are not the road's
        const std::string where = fmt::format("{} legs[{}].parts[{}]", u.id, l, p);
        for (const EdgeId e : part.edges) {
          if (e >= net.edge_count() || net.mode[e] != Mode::Road) {
            add(out, kRule, where, kNoTime, fmt::format("edge {} is not a road of the network", e));
            continue;
          }
          auto it = rules.find(e);
          if (it == rules.end()) it = rules.emplace(e, rule_of(net, in.scenario, e)).first;
          const std::string name = net.edge_name(e).empty() ? fmt::format("edge {}", e)
                                                            : fmt::format("'{}' (edge {})", net.edge_name(e), e);
          if (it->second.closed) add(out, kRule, where, kNoTime, fmt::format("{} is closed by an override", name));
          for (const auto* t : types)
            if (const std::string why = broken(it->second.limits, *t); !why.empty())
              add(out, kRule, where, kNoTime, fmt::format("{} on {}: {}", t->name, name, why));
        }
      }
    }
}

}  // namespace milmob::validation
