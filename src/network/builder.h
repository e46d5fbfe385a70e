#pragma once
// Collects nodes, edges, shapes and places in any order and builds the CSR network.
#include <array>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/coord.h"
#include "network/network_data.h"

namespace milmob {

// One directed edge before the graph is built.
struct EdgeSpec {
  NodeId tail = kInvalidId, head = kInvalidId;
  float length_m = 0, speed_kmh = 0;
  Mode mode = Mode::Road;
  RoadClass road_class = RoadClass::Unclassified;
  std::uint16_t flags = 0;
  EdgeLimits limits;
  std::uint16_t gauge_mm = 0, gauge2_mm = 0;
  std::int8_t layer = 0;
  std::int64_t osm_way_id = 0;
  std::uint32_t name = 0;   // from add_name
  std::uint32_t shape = 0;  // from add_shape, | kShapeReversed to traverse it backwards
};

struct PlaceSpec {
  PlaceKind kind = PlaceKind::Port;
  geo::LonLat where;
  std::string name;
  std::int64_t osm_id = 0;
  char osm_type = 'n';  // 'n', 'w' or 'r'; 'g' for a place from a GIS layer (osm_id 0)
  float runway_m = 0;
};

class NetworkBuilder {
 public:
  NetworkBuilder();

  NodeId add_node(const geo::LonLat& where, std::int64_t osm_id = 0);
  std::uint32_t add_name(std::string_view name);  // deduplicated; "" is index 0
  // A polyline from the tail to the head of an edge (at least two points).
  std::uint32_t add_shape(std::span<const geo::LonLat> points);
  void add_edge(const EdgeSpec& edge);
  void add_place(const PlaceSpec& place);

  std::size_t node_count() const { return data_.node_lon_e7.size(); }
  geo::LonLat node_coord(NodeId n) const;

  // The edges added so far, in insertion order (stitching looks at what each import brought).
  std::size_t edge_count() const { return data_.head.size(); }
  NodeId edge_tail(EdgeId e) const { return data_.tail[e]; }
  NodeId edge_head(EdgeId e) const { return data_.head[e]; }
  Mode edge_mode(EdgeId e) const { return data_.mode[e]; }
  RoadClass edge_road_class(EdgeId e) const { return data_.road_class[e]; }
  float edge_speed_kmh(EdgeId e) const { return data_.speed_kmh[e]; }

  // Sets the country table and the country of every node and place added so far, through
  // lookup(point) -> index into codes (or kNoCountry). progress(done) is called now and then.
  void assign_countries(const std::vector<std::string>& codes,
                        const std::function<std::uint16_t(const geo::LonLat&)>& lookup,
                        const std::function<void(std::size_t)>& progress = {});

  // Sorts edges by tail (stable, so the result depends only on the insertion order).
  NetworkData build() &&;

 private:
  std::uint32_t limit_id(const EdgeLimits& limits);

  NetworkData data_;
  std::map<std::array<float, 6>, std::uint32_t> limit_ids_;
  std::vector<std::string> place_names_;
  std::unordered_map<std::string, std::uint32_t> name_index_;
};

}  // namespace milmob
