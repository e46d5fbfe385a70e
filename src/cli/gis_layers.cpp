#include "cli/gis_layers.h"

#include <fmt/format.h>

#include "common/progress.h"

namespace milmob::cli {

nlohmann::json gis_json(const GisImport& g) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : g.features.layers)
    layers.push_back({{"file", l.file}, {"layer", l.layer}, {"lines", l.lines}, {"places", l.places}, {"skipped", l.skipped}});
  nlohmann::json j = {{"inputs", g.inputs},
                      {"mapping", g.mapping.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.mapping.file)},
                      {"layers", layers},
                      {"lines", g.features.lines.size()},
                      {"nodes", g.network.nodes},
                      {"edges", g.network.edges},
                      {"merged_line_ends", g.network.merged_ends},
                      {"places", g.network.places}};
  if (g.stitch)
    j["stitch"] = {{"nodes", g.stitch->stitched_nodes}, {"edges", g.stitch->edges}, {"longest_m", g.stitch->longest_m}};
  return j;
}

std::string gis_text(const GisImport& g) {
  std::string t = fmt::format(
      "GIS layers: {} line features and {} places read from {} layer(s) -> {} nodes, {} edges ({} line ends merged)\n",
      g.features.lines.size(), g.network.places, g.features.layers.size(), g.network.nodes, g.network.edges,
      g.network.merged_ends);
  if (g.stitch)
    t += fmt::format("stitched: {} GIS road nodes joined to the OSM region by {} edges (longest {:.0f} m)\n",
                     g.stitch->stitched_nodes, g.stitch->edges, g.stitch->longest_m);
  return t;
}

void read_gis_layers(GisImport& g, const std::string& mapping_path, bool progress) {
  Progress p("import: GIS layers", 0, progress);
  g.mapping = mapping_path.empty() ? gis::native_mapping() : gis::load_line_mapping(mapping_path);
  g.features = gis::load_gis_features(g.inputs, g.mapping);
}

void add_gis_layers(GisImport& g, NetworkBuilder& builder, bool stitch_to_osm, double stitch_radius_m) {
  const BuilderPart osm{0, static_cast<NodeId>(builder.node_count()), 0, static_cast<EdgeId>(builder.edge_count())};
  g.network = gis::add_gis_features(g.features, {g.mapping.node_tolerance_m, g.mapping.split_at_vertices}, builder);
  const BuilderPart layers{osm.end_node, static_cast<NodeId>(builder.node_count()), osm.end_edge,
                           static_cast<EdgeId>(builder.edge_count())};
  if (stitch_to_osm) g.stitch = stitch(builder, osm, layers, stitch_radius_m);
}

}  // namespace milmob::cli
