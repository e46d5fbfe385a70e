#include "cli/scenario_network.h"

#include "cli/gis_layers.h"
#include "common/data_path.h"
#include "common/progress.h"
#include "geo/distance.h"
#include "geo/point_index.h"
#include "gis/features.h"
#include "gis/plugin.h"
#include "osm/importer.h"

namespace milmob::cli {

namespace {

// The scenario's added links (a ferry, a military bridge): each end joins the nearest node
// within 2 km, else it starts a node of its own.
void add_links(NetworkBuilder& builder, const std::vector<scenario::AddedLink>& links) {
  if (links.empty()) return;
  std::vector<std::pair<geo::LonLat, std::uint32_t>> points;
  for (NodeId n = 0; n < builder.node_count(); ++n) points.emplace_back(builder.node_coord(n), n);
  const geo::PointIndex index(points);
  const auto node_at = [&](const geo::LonLat& p) {
    if (const auto hit = index.nearest(p, 2000)) return static_cast<NodeId>(hit->id);
    return builder.add_node(p);
  };
  for (const scenario::AddedLink& link : links) {
    const NodeId a = node_at(link.from.where), b = node_at(link.to.where);
    EdgeSpec e;
    e.mode = link.mode == "rail" ? Mode::Rail : link.mode == "sea" ? Mode::Sea : Mode::Road;
    e.road_class = e.mode == Mode::Rail ? RoadClass::RailMain : RoadClass::Unclassified;
    e.length_m = static_cast<float>(link.length_km ? *link.length_km * 1000
                                                   : geo::haversine_m(builder.node_coord(a), builder.node_coord(b)));
    e.speed_kmh = static_cast<float>(link.speed_kmh);
    if (link.max_weight_t) e.limits.max_weight_t = static_cast<float>(*link.max_weight_t);
    if (link.mlc_wheeled) e.limits.mlc_wheeled = static_cast<float>(*link.mlc_wheeled);
    if (link.mlc_tracked) e.limits.mlc_tracked = static_cast<float>(*link.mlc_tracked);
    e.name = builder.add_name(link.name);
    for (const auto& [tail, head] : {std::pair{a, b}, std::pair{b, a}}) {
      if (tail == b && link.oneway) break;
      e.tail = tail, e.head = head;
      const std::vector<geo::LonLat> line = {builder.node_coord(tail), builder.node_coord(head)};
      e.shape = builder.add_shape(line);
      builder.add_edge(e);
    }
  }
}

}  // namespace

std::optional<BuiltNetwork> build_scenario_network(const scenario::NetworkSpec& spec, const NetworkBuildOptions& o) {
  BuiltNetwork built;
  if (!spec.file.empty()) {
    built.mapped.emplace(MappedNetwork::open(spec.file));
    return built;
  }
  osm::ImportOptions options;
  for (const auto& source : spec.sources)
    if (!gis::is_gis_path(source.path)) options.inputs.push_back(source.path);
  if (!options.inputs.empty() && !o.import_osm) return std::nullopt;
  options.progress = o.progress;
  osm::ImportReport report;
  NetworkBuilder builder = options.inputs.empty() ? NetworkBuilder() : osm::import_osm(options, report);
  for (const auto& source : spec.sources) {
    if (!gis::is_gis_path(source.path)) continue;
    GisImport layer;
    layer.inputs = {source.path};
    read_gis_layers(layer, source.mapping, o.progress);
    add_gis_layers(layer, builder, !options.inputs.empty(), 2000);
  }
  add_links(builder, spec.added_links);
  if (o.countries) {
    const auto countries =
        gis::load_countries(data_dir() + "/naturalearth/ne_50m_admin_0_countries_europe.geojson", "ADM0_A3");
    std::vector<std::string> codes;
    for (std::uint16_t i = 0; i < countries->size(); ++i) codes.push_back(countries->code(i));
    builder.assign_countries(codes, [&](const geo::LonLat& p) { return countries->lookup(p); });
  }
  built.data = std::move(builder).build();
  return built;
}

}  // namespace milmob::cli
