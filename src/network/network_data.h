#pragma once
// A network that owns its arrays (built in memory by NetworkBuilder); view() lends them out.
#include <vector>

#include "network/network.h"

namespace milmob {

struct NetworkData {
  std::vector<std::int32_t> node_lon_e7, node_lat_e7;
  std::vector<std::uint16_t> node_country;
  std::vector<std::int64_t> node_osm_id;

  std::vector<std::uint32_t> first_out;
  std::vector<NodeId> head, tail;
  std::vector<float> length_m, speed_kmh;
  std::vector<Mode> mode;
  std::vector<RoadClass> road_class;
  std::vector<std::uint16_t> flags;
  std::vector<std::uint32_t> limit_index;
  std::vector<EdgeLimits> limit_table;
  std::vector<std::uint16_t> gauge_mm, gauge2_mm;
  std::vector<std::int8_t> layer;
  std::vector<std::int64_t> osm_way_id;
  std::vector<std::uint32_t> name, shape;

  std::vector<std::uint32_t> shape_first;
  std::vector<std::int32_t> shape_lon_e7, shape_lat_e7;

  std::vector<PlaceKind> place_kind;
  std::vector<std::int32_t> place_lon_e7, place_lat_e7;
  std::vector<std::uint32_t> place_name;
  std::vector<std::int64_t> place_osm_id;
  std::vector<char> place_osm_type;
  std::vector<std::uint16_t> place_country;
  std::vector<float> place_runway_m;

  std::vector<std::uint32_t> cch_rank, cch_first_up, cch_up_head;

  std::vector<std::uint32_t> name_offsets;
  std::vector<char> name_chars;
  std::vector<std::uint32_t> country_offsets;
  std::vector<char> country_chars;

  Network view() const;
};

}  // namespace milmob
