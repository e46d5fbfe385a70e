#include "cli/scenario_network.h"

#include "cli/gis_layers.h"
#include "common/data_path.h"
#include "common/progress.h"
#include "gis/features.h"
#include "gis/plugin.h"
#include "osm/importer.h"

namespace milmob::cli {

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
