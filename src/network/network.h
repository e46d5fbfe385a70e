#pragma once
// The multimodal network: a directed graph in compressed sparse row form with one array per
// attribute (struct of arrays). `Network` only borrows the arrays, so the same view serves a
// network built in memory (NetworkData) and one mapped from a file (MappedNetwork).
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "geo/coord.h"

namespace milmob {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
constexpr std::uint32_t kInvalidId = std::numeric_limits<std::uint32_t>::max();
constexpr float kNoLimit = std::numeric_limits<float>::infinity();

enum class Mode : std::uint8_t { Road = 0, Rail = 1, Sea = 2, Air = 3, Transfer = 4 };
const char* mode_name(Mode m);

// Road classes (OSM highway=*) and, for rail edges, the track kind.
enum class RoadClass : std::uint8_t {
  Motorway, Trunk, Primary, Secondary, Tertiary, Unclassified, Residential, Service, Track,
  MotorwayLink, TrunkLink, PrimaryLink, SecondaryLink, TertiaryLink,
  RailMain, RailBranch, RailIndustrial, RailYard, RailOther, LightRail,
  Count
};
const char* road_class_name(RoadClass c);
// Typical free-flow speed of a class where the data gives none (km/h): our assumption for a
// heavy vehicle, shared by the OSM and the GIS import so that neither is faster for want of a tag.
float default_speed_kmh(RoadClass c);

// Edge flags (bit set).
namespace edge_flag {
constexpr std::uint16_t kBridge = 1u << 0;
constexpr std::uint16_t kTunnel = 1u << 1;
constexpr std::uint16_t kMlcDefaulted = 1u << 2;    // bridge MLC from the default table, not tagged
constexpr std::uint16_t kHgvForbidden = 1u << 3;    // legal: hgv/motor_vehicle/access = no
constexpr std::uint16_t kAccessDestination = 1u << 4;  // legal: destination/delivery only
constexpr std::uint16_t kElectrified = 1u << 5;
constexpr std::uint16_t kRoundabout = 1u << 6;
constexpr std::uint16_t kMilitaryAccess = 1u << 7;  // access explicitly granted to military traffic
}  // namespace edge_flag

// Physical limits of an edge; kNoLimit where none applies.
struct EdgeLimits {
  float max_weight_t = kNoLimit;
  float max_axle_load_t = kNoLimit;
  float max_height_m = kNoLimit;
  float max_width_m = kNoLimit;
  float mlc_wheeled = kNoLimit;
  float mlc_tracked = kNoLimit;
};

enum class PlaceKind : std::uint8_t {
  Port, Airfield, Military, BorderControl, RailStation, RailYard, LoadingRamp, Count
};
const char* place_kind_name(PlaceKind k);

// Indexes into a string table: [offsets[i], offsets[i+1]) of chars.
struct StringTable {
  std::span<const std::uint32_t> offsets;
  std::span<const char> chars;
  std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::string_view at(std::uint32_t i) const {
    return {chars.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
};

struct Network {
  // Nodes.
  std::span<const std::int32_t> node_lon_e7, node_lat_e7;
  std::span<const std::uint16_t> node_country;  // index into countries; kNoCountry if unknown
  std::span<const std::int64_t> node_osm_id;

  // Edges in CSR order: the out-edges of node u are [first_out[u], first_out[u+1]).
  std::span<const std::uint32_t> first_out;  // size node_count + 1
  std::span<const NodeId> head;
  std::span<const NodeId> tail;  // redundant with first_out, kept for explanations and output
  std::span<const float> length_m;
  std::span<const float> speed_kmh;  // legal/typical speed of the edge for a road vehicle
  std::span<const Mode> mode;
  std::span<const RoadClass> road_class;
  std::span<const std::uint16_t> flags;
  std::span<const std::uint32_t> limit_index;  // into limit_table: few distinct limit sets exist
  std::span<const std::uint16_t> gauge_mm;   // rail: primary gauge, 0 if unknown
  std::span<const std::uint16_t> gauge2_mm;  // rail: second gauge of dual-gauge track, else 0
  std::span<const std::int8_t> layer;
  std::span<const std::int64_t> osm_way_id;
  std::span<const std::uint32_t> name;   // index into names
  std::span<const std::uint32_t> shape;  // index into shape_first; top bit: traverse reversed

  // Edge geometry: shape s has points [shape_first[s], shape_first[s+1]) from tail to head.
  std::span<const std::uint32_t> shape_first;
  std::span<const std::int32_t> shape_lon_e7, shape_lat_e7;

  // Places that matter to deployments.
  std::span<const PlaceKind> place_kind;
  std::span<const std::int32_t> place_lon_e7, place_lat_e7;
  std::span<const std::uint32_t> place_name;  // index into names
  std::span<const std::int64_t> place_osm_id;
  std::span<const char> place_osm_type;  // 'n' node, 'w' way, 'r' relation; 'g' GIS layer (OSM id 0)
  std::span<const std::uint16_t> place_country;
  std::span<const float> place_runway_m;  // airfields: longest runway found, 0 if none

  std::span<const EdgeLimits> limit_table;  // entry 0: no limit at all

  // Nested-dissection order of the road graph for the contraction hierarchy (node -> rank),
  // computed at import; empty in networks built without it.
  std::span<const std::uint32_t> cch_rank;
  // Its arcs (the chordal supergraph) by rank: up-neighbours of rank r are
  // cch_up_head[cch_first_up[r] .. cch_first_up[r+1]), ascending; empty when not stored.
  std::span<const std::uint32_t> cch_first_up, cch_up_head;

  StringTable names;
  StringTable countries;  // ISO 3166-1 alpha-3 style codes (Natural Earth ADM0_A3)

  std::size_t node_count() const { return node_lon_e7.size(); }
  std::size_t edge_count() const { return head.size(); }
  std::size_t place_count() const { return place_kind.size(); }

  geo::LonLat node_coord(NodeId n) const {
    return {geo::from_fixed(node_lon_e7[n]), geo::from_fixed(node_lat_e7[n])};
  }
  std::string_view edge_name(EdgeId e) const { return names.at(name[e]); }
  const EdgeLimits& limits(EdgeId e) const { return limit_table[limit_index[e]]; }
  std::string_view country_code(std::uint16_t c) const;
};

constexpr std::uint16_t kNoCountry = 0xFFFF;
constexpr std::uint32_t kShapeReversed = 1u << 31;

}  // namespace milmob
