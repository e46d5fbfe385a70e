// Rules 10 and 11: vehicle limits on the routes. The plan names the network edges of each road
// and HET part; this check reads their limits from the network, applies the scenario's
// overrides itself (a later override replaces the limits an earlier one set; `closed` closes
// the edge for good) and holds every vehicle type of the class to them on a road part, and the
// loaded HET combination carrying each type on a HET part. It shares no code with the router.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "geo/distance.h"
#include "scenario/vehicle_lookup.h"
#include "validation/check_util.h"
#include "vehicles/mlc.h"

namespace milmob::validation {

using detail::add;

namespace {

const char* const kRule = "vehicle limits";
const char* const kHetRule = "HET limits";
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

double max_known(double a, double b) { return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b); }

// The empty HET of a HET part: the one plan.json names, else (older plans) the catalogue's
// empty HET combination of the unit's nation, else the first (docs/planning.md "HET").
const vehicles::VehicleType* het_of(const CheckInput& in, const PlanUnit& u, const PlanLegPart& part) {
  if (!part.het_type.empty()) return scenario::find_vehicle_type(in.scenario, *in.catalogue, part.het_type);
  const vehicles::VehicleType* any = nullptr;
  for (const auto& v : in.catalogue->all()) {
    if (v.category != "het" || v.name.find("(empty)") == std::string::npos) continue;
    if (v.nation == u.nation) return &v;
    if (!any) any = &v;
  }
  return any;
}

// The loaded combination (docs/planning.md "HET"): the HET's weight plus the vehicle's, as wide
// as the wider, the MLC its weight gives (wheeled: it rides on the HET's wheels), height and
// axle loads unknown (not published).
vehicles::VehicleType loaded_combination(const vehicles::VehicleType& het, const vehicles::VehicleType& v) {
  vehicles::VehicleType c;
  c.name = fmt::format("{} + {}", het.name, v.name);
  c.weight_t = het.weight_t + v.weight_t;
  c.width_m = max_known(het.width_m, v.width_m);
  c.mlc = vehicles::mlc_from_weight(c.weight_t, false);
  c.tracked = false;
  return c;
}

std::string describe(const vehicles::VehicleType& c) {
  std::string out = fmt::format("{:.1f} t, MLC {:g}", c.weight_t, c.mlc);
  if (!std::isnan(c.width_m)) out += fmt::format(", {:g} m wide", c.width_m);
  return out;
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
        if (part.mode != "road" && part.mode != "het") continue;
        const std::string where = fmt::format("{} legs[{}].parts[{}]", u.id, l, p);
        // On a HET part the loaded combination meets the road, one for each vehicle type.
        std::vector<vehicles::VehicleType> combinations;
        const char* rule = kRule;
        if (part.mode == "het") {
          rule = kHetRule;
          const vehicles::VehicleType* het = het_of(in, u, part);
          if (!het) {
            add(out, rule, where, kNoTime,
                part.het_type.empty() ? std::string("the catalogue has no empty HET combination to carry the class")
                                      : fmt::format("HET type '{}' is neither in the catalogue nor the scenario", part.het_type));
            continue;
          }
          for (const auto* t : types) combinations.push_back(loaded_combination(*het, *t));
        }
        for (const EdgeId e : part.edges) {
          if (e >= net.edge_count() || net.mode[e] != Mode::Road) {
            add(out, rule, where, kNoTime, fmt::format("edge {} is not a road of the network", e));
            continue;
          }
          auto it = rules.find(e);
          if (it == rules.end()) it = rules.emplace(e, rule_of(net, in.scenario, e)).first;
          const std::string name = net.edge_name(e).empty() ? fmt::format("edge {}", e)
                                                            : fmt::format("'{}' (edge {})", net.edge_name(e), e);
          if (it->second.closed) add(out, rule, where, kNoTime, fmt::format("{} is closed by an override", name));
          if (part.mode == "het") {
            for (const auto& c : combinations)
              if (const std::string why = broken(it->second.limits, c); !why.empty())
                add(out, rule, where, kNoTime, fmt::format("loaded {} ({}) on {}: {}", c.name, describe(c), name, why));
            continue;
          }
          for (const auto* t : types)
            if (const std::string why = broken(it->second.limits, *t); !why.empty())
              add(out, rule, where, kNoTime, fmt::format("{} on {}: {}", t->name, name, why));
        }
      }
    }
}

// Rule 13: a part's edges form one path, each starting at the node where the one before ends
// (the router's pieces are whole edges between the two snapped ends). Whether the path starts
// and ends at the part's places is not checked: a place may lie kilometres off the network.
void check_route_continuity(const CheckInput& in, Violations& out) {
  if (in.network == nullptr) return;
  const Network& net = *in.network;
  for (const PlanUnit& u : in.plan.units)
    for (std::size_t l = 0; l < u.legs.size(); ++l)
      for (std::size_t p = 0; p < u.legs[l].parts.size(); ++p) {
        const PlanLegPart& part = u.legs[l].parts[p];
        for (std::size_t i = 1; i < part.edges.size(); ++i) {
          const EdgeId a = part.edges[i - 1], b = part.edges[i];
          if (a >= net.edge_count() || b >= net.edge_count()) continue;  // rule 10 names them
          if (net.head[a] == net.tail[b]) continue;
          const geo::LonLat end = net.node_coord(net.head[a]), start = net.node_coord(net.tail[b]);
          add(out, "route continuity", fmt::format("{} legs[{}].parts[{}]", u.id, l, p), kNoTime,
              fmt::format("{} part {} > {}: edges[{}] (edge {}) ends at {:.5f},{:.5f} but edges[{}] (edge {}) starts "
                          "at {:.5f},{:.5f}, {:.1f} km away",
                          part.mode, part.from, part.to, i - 1, a, end.lon, end.lat, i, b, start.lon, start.lat,
                          geo::haversine_m(end, start) / 1000));
        }
      }
}

}  // namespace milmob::validation
