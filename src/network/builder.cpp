#include "network/builder.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <stdexcept>

namespace milmob {

namespace {
void push_string(std::vector<std::uint32_t>& offsets, std::vector<char>& chars, std::string_view s) {
  chars.insert(chars.end(), s.begin(), s.end());
  offsets.push_back(static_cast<std::uint32_t>(chars.size()));
}
}  // namespace

NetworkBuilder::NetworkBuilder() {
  data_.name_offsets.push_back(0);
  data_.country_offsets.push_back(0);
  data_.shape_first.push_back(0);
  add_name("");
  limit_id(EdgeLimits{});  // entry 0: no limit at all
}

NodeId NetworkBuilder::add_node(const geo::LonLat& where, std::int64_t osm_id) {
  data_.node_lon_e7.push_back(geo::to_fixed(where.lon));
  data_.node_lat_e7.push_back(geo::to_fixed(where.lat));
  data_.node_osm_id.push_back(osm_id);
  return static_cast<NodeId>(data_.node_lon_e7.size() - 1);
}

geo::LonLat NetworkBuilder::node_coord(NodeId n) const {
  return {geo::from_fixed(data_.node_lon_e7[n]), geo::from_fixed(data_.node_lat_e7[n])};
}

std::uint32_t NetworkBuilder::add_name(std::string_view name) {
  auto [it, inserted] = name_index_.try_emplace(std::string(name), 0);
  if (inserted) {
    it->second = static_cast<std::uint32_t>(data_.name_offsets.size() - 1);
    push_string(data_.name_offsets, data_.name_chars, name);
  }
  return it->second;
}

std::uint32_t NetworkBuilder::add_shape(std::span<const geo::LonLat> points) {
  if (points.size() < 2) throw std::logic_error("an edge shape needs at least two points");
  for (const auto& p : points) {
    data_.shape_lon_e7.push_back(geo::to_fixed(p.lon));
    data_.shape_lat_e7.push_back(geo::to_fixed(p.lat));
  }
  data_.shape_first.push_back(static_cast<std::uint32_t>(data_.shape_lon_e7.size()));
  return static_cast<std::uint32_t>(data_.shape_first.size() - 2);
}

void NetworkBuilder::add_edge(const EdgeSpec& e) {
  // Straight into the per-edge arrays (build() puts them in CSR order): no second copy of the
  // edges, which is most of the import's memory on large networks.
  NetworkData& d = data_;
  d.head.push_back(e.head);
  d.tail.push_back(e.tail);
  d.length_m.push_back(e.length_m);
  d.speed_kmh.push_back(e.speed_kmh);
  d.mode.push_back(e.mode);
  d.road_class.push_back(e.road_class);
  d.flags.push_back(e.flags);
  d.limit_index.push_back(limit_id(e.limits));
  d.gauge_mm.push_back(e.gauge_mm);
  d.gauge2_mm.push_back(e.gauge2_mm);
  d.layer.push_back(e.layer);
  d.osm_way_id.push_back(e.osm_way_id);
  d.name.push_back(e.name);
  d.shape.push_back(e.shape);
}

std::uint32_t NetworkBuilder::limit_id(const EdgeLimits& l) {
  // Distinct limit sets are few (most roads have none): each is stored once.
  const std::array<float, 6> key{l.max_weight_t, l.max_axle_load_t, l.max_height_m, l.max_width_m, l.mlc_wheeled, l.mlc_tracked};
  const auto [it, inserted] = limit_ids_.try_emplace(key, static_cast<std::uint32_t>(data_.limit_table.size()));
  if (inserted) data_.limit_table.push_back(l);
  return it->second;
}

void NetworkBuilder::add_place(const PlaceSpec& place) {
  data_.place_kind.push_back(place.kind);
  data_.place_lon_e7.push_back(geo::to_fixed(place.where.lon));
  data_.place_lat_e7.push_back(geo::to_fixed(place.where.lat));
  data_.place_osm_id.push_back(place.osm_id);
  data_.place_osm_type.push_back(place.osm_type);
  data_.place_runway_m.push_back(place.runway_m);
  data_.place_name.push_back(add_name(place.name));
}

void NetworkBuilder::assign_countries(const std::vector<std::string>& codes,
                                      const std::function<std::uint16_t(const geo::LonLat&)>& lookup,
                                      const std::function<void(std::size_t)>& progress) {
  data_.country_offsets.assign(1, 0);
  data_.country_chars.clear();
  for (const auto& c : codes) push_string(data_.country_offsets, data_.country_chars, c);
  const std::size_t n = node_count();
  data_.node_country.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    data_.node_country[i] = lookup(node_coord(static_cast<NodeId>(i)));
    if (progress && i % 65536 == 0) progress(i);
  }
  data_.place_country.resize(data_.place_kind.size());
  for (std::size_t i = 0; i < data_.place_kind.size(); ++i)
    data_.place_country[i] = lookup({geo::from_fixed(data_.place_lon_e7[i]), geo::from_fixed(data_.place_lat_e7[i])});
}

namespace {
// Reorders v so that its i-th element becomes the order[i]-th of before.
template <class T>
void permute(std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  std::vector<T> out;
  out.reserve(v.size());
  for (const std::uint32_t i : order) out.push_back(v[i]);
  v = std::move(out);
}
}  // namespace

NetworkData NetworkBuilder::build() && {
  NetworkData d = std::move(data_);
  const std::size_t n = d.node_lon_e7.size(), m = d.head.size();
  if (d.node_country.size() != n) d.node_country.assign(n, kNoCountry);
  if (d.place_country.size() != d.place_kind.size()) d.place_country.assign(d.place_kind.size(), kNoCountry);

  // CSR order: a counting sort by tail, stable, so the result depends only on insertion order.
  d.first_out.assign(n + 1, 0);
  for (std::size_t e = 0; e < m; ++e) {
    if (d.tail[e] >= n || d.head[e] >= n) throw std::logic_error("edge refers to a node that does not exist");
    ++d.first_out[d.tail[e] + 1];
  }
  std::partial_sum(d.first_out.begin(), d.first_out.end(), d.first_out.begin());
  std::vector<std::uint32_t> order(m);
  {
    std::vector<std::uint32_t> next(d.first_out.begin(), d.first_out.end() - 1);
    for (std::uint32_t e = 0; e < m; ++e) order[next[d.tail[e]]++] = e;
  }
  permute(d.head, order), permute(d.tail, order), permute(d.length_m, order), permute(d.speed_kmh, order);
  permute(d.mode, order), permute(d.road_class, order), permute(d.flags, order), permute(d.limit_index, order);
  permute(d.gauge_mm, order), permute(d.gauge2_mm, order), permute(d.layer, order), permute(d.osm_way_id, order);
  permute(d.name, order), permute(d.shape, order);
  return d;
}

Network NetworkData::view() const {
  Network v;
  v.node_lon_e7 = node_lon_e7, v.node_lat_e7 = node_lat_e7, v.node_country = node_country;
  v.node_osm_id = node_osm_id;
  v.first_out = first_out, v.head = head, v.tail = tail, v.length_m = length_m, v.speed_kmh = speed_kmh;
  v.mode = mode, v.road_class = road_class, v.flags = flags, v.limit_index = limit_index;
  v.limit_table = limit_table;
  v.gauge_mm = gauge_mm, v.gauge2_mm = gauge2_mm, v.layer = layer, v.osm_way_id = osm_way_id;
  v.name = name, v.shape = shape;
  v.shape_first = shape_first, v.shape_lon_e7 = shape_lon_e7, v.shape_lat_e7 = shape_lat_e7;
  v.place_kind = place_kind, v.place_lon_e7 = place_lon_e7, v.place_lat_e7 = place_lat_e7;
  v.place_name = place_name, v.place_osm_id = place_osm_id, v.place_osm_type = place_osm_type, v.place_country = place_country;
  v.place_runway_m = place_runway_m;
  v.cch_rank = cch_rank;
  v.cch_first_up = cch_first_up;
  v.cch_up_head = cch_up_head;
  v.names = {name_offsets, name_chars};
  v.countries = {country_offsets, country_chars};
  return v;
}

}  // namespace milmob
