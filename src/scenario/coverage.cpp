#include "scenario/coverage.h"

#include <fmt/format.h>

#include <optional>

#include "geo/point_index.h"

namespace milmob::scenario {

namespace {

// Nodes at either end of an edge of `mode`, and the ends of the added links of that mode.
geo::PointIndex nodes_of(const Network& net, const std::vector<AddedLink>& added_links, Mode mode) {
  std::vector<char> touched(net.node_count(), 0);
  for (EdgeId e = 0; e < net.edge_count(); ++e)
    if (net.mode[e] == mode) touched[net.tail[e]] = touched[net.head[e]] = 1;
  std::vector<std::pair<geo::LonLat, std::uint32_t>> points;
  for (NodeId n = 0; n < net.node_count(); ++n)
    if (touched[n]) points.emplace_back(net.node_coord(n), n);
  for (const AddedLink& link : added_links)
    if ((link.mode == "rail") == (mode == Mode::Rail))
      for (const PlaceRef* end : {&link.from, &link.to}) points.emplace_back(end->where, kInvalidId);
  return geo::PointIndex(points);
}

}  // namespace

std::size_t check_coverage(const std::vector<PlaceUse>& uses, const Network& net,
                           const std::vector<AddedLink>& added_links, Diagnostics& diag, double max_km) {
  std::optional<geo::PointIndex> road, rail;
  for (const PlaceUse& use : uses) {
    std::optional<geo::PointIndex>& index = use.mode == Mode::Rail ? rail : road;
    if (!index) index = nodes_of(net, added_links, use.mode == Mode::Rail ? Mode::Rail : Mode::Road);
    const char* what = use.mode == Mode::Rail ? "rail line" : "road";
    const auto hit = index->nearest(use.place.where);
    const std::string name = use.place.name.empty()
                                 ? fmt::format("{:.5f},{:.5f}", use.place.where.lon, use.place.where.lat)
                                 : "'" + use.place.name + "'";
    if (!hit)
      diag.warning(use.line, use.column, use.path, fmt::format("the network has no {} at all to reach {}", what, name));
    else if (hit->distance_m > max_km * 1000)
      diag.warning(use.line, use.column, use.path,
                   fmt::format("{} is {:.0f} km from the nearest {} of the network: outside it, or missing from it?",
                               name, hit->distance_m / 1000, what));
  }
  return uses.size();
}

}  // namespace milmob::scenario
