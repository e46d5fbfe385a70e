#include "routing/vehicle_cost.h"

#include <fmt/format.h>

#include <cmath>

namespace milmob::routing {

const char* limit_key(LimitKind k) {
  switch (k) {
    case LimitKind::Weight: return "maxweight";
    case LimitKind::AxleLoad: return "maxaxleload";
    case LimitKind::Height: return "maxheight";
    case LimitKind::Width: return "maxwidth";
    case LimitKind::MlcWheeled: return "mlc:wheeled";
    case LimitKind::MlcTracked: return "mlc:tracked";
  }
  return "limit";
}

namespace {
std::optional<BlockingLimit> exceeded(const EdgeLimits& l, const vehicles::VehicleLimits& v) {
  // NaN (unknown) vehicle values never compare greater: an unknown dimension does not block.
  auto exceeds = [](double value, float limit) { return limit != kNoLimit && value > static_cast<double>(limit); };
  if (exceeds(v.weight_t, l.max_weight_t)) return BlockingLimit{LimitKind::Weight, l.max_weight_t, v.weight_t};
  if (exceeds(v.axle_load_t, l.max_axle_load_t)) return BlockingLimit{LimitKind::AxleLoad, l.max_axle_load_t, v.axle_load_t};
  if (exceeds(v.height_m, l.max_height_m)) return BlockingLimit{LimitKind::Height, l.max_height_m, v.height_m};
  if (exceeds(v.width_m, l.max_width_m)) return BlockingLimit{LimitKind::Width, l.max_width_m, v.width_m};
  if (v.tracked && exceeds(v.mlc, l.mlc_tracked)) return BlockingLimit{LimitKind::MlcTracked, l.mlc_tracked, v.mlc};
  if (!v.tracked && exceeds(v.mlc, l.mlc_wheeled)) return BlockingLimit{LimitKind::MlcWheeled, l.mlc_wheeled, v.mlc};
  return std::nullopt;
}
}  // namespace

std::optional<BlockingLimit> blocking_limit(const Network& net, EdgeId e, const vehicles::VehicleLimits& v) {
  return exceeded(net.limits(e), v);
}

std::optional<BlockingLimit> blocking_limit(const EdgeLimits& limits, const vehicles::VehicleLimits& v) {
  return exceeded(limits, v);
}

double edge_speed_kmh(const Network& net, EdgeId e, const vehicles::VehicleLimits& v) {
  const bool vehicle_speed = std::isfinite(v.max_speed_kmh) && v.max_speed_kmh > 0;
  return vehicle_speed ? std::min<double>(net.speed_kmh[e], v.max_speed_kmh) : net.speed_kmh[e];
}

Millis edge_time_ms(const Network& net, EdgeId e, const vehicles::VehicleLimits& v) {
  const double ms = std::ceil(static_cast<double>(net.length_m[e]) / (edge_speed_kmh(net, e, v) / 3.6) * 1000.0);
  return static_cast<Millis>(std::min(ms, static_cast<double>(kForbidden - 1)));
}

std::string describe_block(const Network& net, EdgeId e, const BlockingLimit& b) {
  const std::uint16_t f = net.flags[e];
  const char* what = (f & edge_flag::kBridge) ? "bridge" : (f & edge_flag::kTunnel) ? "tunnel" : "road";
  const std::string_view name = net.edge_name(e);
  // Edges from a GIS layer have no OSM way (id 0).
  const std::string way = net.osm_way_id[e] != 0 ? fmt::format("way {}", net.osm_way_id[e]) : "GIS layer";
  const std::string who = name.empty() ? fmt::format("{} ({})", what, way) : fmt::format("{} '{}' ({})", what, name, way);
  switch (b.kind) {
    case LimitKind::Weight:
    case LimitKind::AxleLoad:
      return fmt::format("{} {} {:g} t < vehicle {:g} t", who, limit_key(b.kind), b.limit, b.value);
    case LimitKind::Height:
    case LimitKind::Width:
      return fmt::format("{} {} {:g} m < vehicle {:g} m", who, limit_key(b.kind), b.limit, b.value);
    case LimitKind::MlcWheeled:
    case LimitKind::MlcTracked: {
      const std::string source = (f & edge_flag::kMlcDefaulted)
                                     ? fmt::format(" (default for an untagged {} bridge)", road_class_name(net.road_class[e]))
                                     : std::string();
      return fmt::format("{} MLC {:g}{} < vehicle MLC {:g} ({})", who, b.limit, source, b.value,
                         b.kind == LimitKind::MlcTracked ? "tracked" : "wheeled");
    }
  }
  return who;
}

VehicleCost make_vehicle_cost(const Network& net, const vehicles::VehicleLimits& v, Mode mode) {
  VehicleCost c;
  c.mode = mode;
  c.time_ms.resize(net.edge_count());
  double max_kmh = 0;
  std::vector<bool> blocked(net.limit_table.size());  // decided once per distinct limit set
  for (std::size_t i = 0; i < blocked.size(); ++i) blocked[i] = exceeded(net.limit_table[i], v).has_value();
  for (EdgeId e = 0; e < net.edge_count(); ++e) {
    if (net.mode[e] != mode || blocked[net.limit_index[e]]) {
      c.time_ms[e] = kForbidden;
      continue;
    }
    max_kmh = std::max(max_kmh, edge_speed_kmh(net, e, v));
    c.time_ms[e] = edge_time_ms(net, e, v);
  }
  c.max_speed_mps = max_kmh / 3.6;
  return c;
}

}  // namespace milmob::routing
