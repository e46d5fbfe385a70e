#include "support/ascii_network.h"

#include <stdexcept>

#include "geo/distance.h"
#include "network/builder.h"
#include "osm/road_profile.h"
#include "osm/way_attributes.h"

namespace milmob::testing {

geo::LonLat ascii_point(const std::string& map, char letter) {
  int row = 0, col = 0;
  for (const char c : map) {
    if (c == '\n') {
      ++row, col = 0;
      continue;
    }
    if (c == letter) return {9.5 + col * 0.001, 47.1 - row * 0.001};
    ++col;
  }
  throw std::invalid_argument(std::string("letter not on the map: ") + letter);
}

NetworkData ascii_network(const std::string& map, const std::vector<AsciiWay>& ways) {
  NetworkBuilder b;
  std::map<char, NodeId> nodes;
  for (const char c : map)
    if (std::isalpha(static_cast<unsigned char>(c))) nodes[c] = b.add_node(ascii_point(map, c), c);
  const osm::BridgeDefaults defaults;
  std::int64_t way_id = 0;
  for (const auto& w : ways) {
    ++way_id;
    const auto tag = [&](const char* key) -> const char* {
      const auto it = w.tags.find(key);
      return it == w.tags.end() ? nullptr : it->second.c_str();
    };
    const auto ignore = [](const char*, std::string_view) {};
    const char* highway = tag("highway");
    const auto cls = osm::road_class_of(highway ? highway : "", true);
    if (!cls) throw std::invalid_argument("way without a known highway tag: " + w.nodes);
    const osm::WayAttributes a = osm::road_attributes(tag, *cls, defaults, ignore);
    const char* name = tag("name");
    for (std::size_t i = 0; i + 1 < w.nodes.size(); ++i) {
      const geo::LonLat p = ascii_point(map, w.nodes[i]), q = ascii_point(map, w.nodes[i + 1]);
      const std::vector<geo::LonLat> shape{p, q};
      EdgeSpec e;
      e.length_m = static_cast<float>(geo::haversine_m(p, q));
      e.speed_kmh = a.speed_kmh;
      e.road_class = *cls;
      e.flags = a.flags;
      e.limits = a.limits;
      e.osm_way_id = way_id;
      e.name = b.add_name(name ? name : "");
      e.shape = b.add_shape(shape);
      const NodeId u = nodes.at(w.nodes[i]), v = nodes.at(w.nodes[i + 1]);
      if (a.forward) e.tail = u, e.head = v, b.add_edge(e);
      if (a.backward) e.tail = v, e.head = u, e.shape |= kShapeReversed, b.add_edge(e);
    }
  }
  return std::move(b).build();
}

}  // namespace milmob::testing
