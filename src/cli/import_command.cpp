#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>

#include "cli/commands.h"
#include "cli/gis_layers.h"
#include "common/data_path.h"
#include "common/error.h"
#include "common/progress.h"
#include "gis/plugin.h"
#include "network/file.h"
#include "network/summary.h"
#include "osm/importer.h"
#include "routing/cch.h"

namespace milmob::cli {

namespace {

struct ImportArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string countries;
  std::string country_field = "ADM0_A3";
  std::string bridge_mlc;
  std::string mapping;
  double stitch_radius_km = 2;
  bool include_minor = false, include_light_rail = false, strategic = false, json = false;
};

nlohmann::json report_json(const osm::ImportReport& r) {
  return {{"ways_read", r.ways_read},
          {"road_ways", r.road_ways},
          {"rail_ways", r.rail_ways},
          {"degenerate_road_ways", r.degenerate_road_ways},
          {"degenerate_rail_ways", r.degenerate_rail_ways},
          {"missing_node_locations", r.missing_node_locations},
          {"unparsed_values", r.unparsed_values},
          {"unparsed_examples", r.unparsed_examples}};
}

void run_import(const ImportArgs& a, const GlobalOptions& global) {
  const auto start = std::chrono::steady_clock::now();
  const bool progress = !global.quiet && Progress::stderr_is_terminal();
  GisImport gis_import;
  osm::ImportOptions options;
  for (const auto& input : a.inputs) (gis::is_gis_path(input) ? gis_import.inputs : options.inputs).push_back(input);
  if (!a.mapping.empty() && gis_import.inputs.empty())
    throw InputError("--mapping", "applies to GIS inputs (.geojson, .json, .gpkg, .shp), and none was given");
  if (!std::isfinite(a.stitch_radius_km) || a.stitch_radius_km < 0)
    throw InputError("--stitch-radius", "expected a distance in km, 0 or more");
  options.include_minor_roads = a.include_minor;
  options.include_light_rail = a.include_light_rail;
  options.strategic = a.strategic;
  options.progress = progress;
  if (!a.bridge_mlc.empty()) options.bridge_defaults.apply_overrides(a.bridge_mlc);

  const std::string countries_path =
      a.countries.empty() ? data_dir() + "/naturalearth/ne_50m_admin_0_countries_europe.geojson" : a.countries;
  // Read the country layer first: a bad path should fail before a long import.
  const std::unique_ptr<gis::CountryLookup> countries = gis::load_countries(countries_path, a.country_field);

  // GIS layers before the long OSM import: a bad mapping or layer should fail at once.
  if (!gis_import.inputs.empty()) read_gis_layers(gis_import, a.mapping, progress);

  osm::ImportReport report;
  NetworkBuilder builder = options.inputs.empty() ? NetworkBuilder() : osm::import_osm(options, report);
  if (!gis_import.inputs.empty())
    add_gis_layers(gis_import, builder, !options.inputs.empty(), a.stitch_radius_km * 1000);
  {
    Progress p("import: countries", builder.node_count(), progress);
    std::vector<std::string> codes;
    for (std::uint16_t i = 0; i < countries->size(); ++i) codes.push_back(countries->code(i));
    builder.assign_countries(
        codes, [&](const geo::LonLat& point) { return countries->lookup(point); },
        [&](std::size_t done) { p.update(done); });
  }
  NetworkData data = std::move(builder).build();
  {
    // The contraction hierarchy's order and arcs: done once here, mapped at every load.
    Progress p("import: ordering (METIS)", 0, progress);
    data.cch_rank = routing::nested_dissection_order(data.view());
    routing::CchArcs arcs = routing::chordal_arcs(data.view(), data.cch_rank);
    data.cch_first_up = std::move(arcs.first_up);
    data.cch_up_head = std::move(arcs.up_head);
  }
  const Network net = data.view();
  write_network(a.output, net);
  const NetworkSummary summary = summarize(net);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (a.json) {
    nlohmann::json j = to_json(summary);
    j["output"] = a.output;
    j["inputs"] = a.inputs;
    j["import"] = report_json(report);
    if (!gis_import.inputs.empty()) j["gis"] = gis_json(gis_import);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << fmt::format("wrote {} ({:.2f} s)\n", a.output, seconds) << to_text(summary);
    if (!gis_import.inputs.empty()) std::cout << gis_text(gis_import);
    if (!report.unparsed_values.empty()) {
      std::cout << "tag values not understood (kept as no limit):";
      for (const auto& [key, count] : report.unparsed_values) std::cout << fmt::format(" {} {}", key, count);
      std::cout << "\n";
    }
  }
}

}  // namespace

void add_import_command(CLI::App& app, const GlobalOptions& global, int&) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand("import", "Build a network file from OpenStreetMap extracts and GIS line layers");
  cmd->add_option("inputs", args->inputs,
                  "OSM files (PBF or XML) and GIS layers (.geojson, .json, .gpkg, .shp); all are merged into one "
                  "network, GIS layers stitched to the OSM region")
      ->required();
  cmd->add_option("-o,--output", args->output, "Network file to write (.mmnet)")->required();
  cmd->add_option("--countries", args->countries,
                  "Country polygon layer read with GDAL (default: the shipped Natural Earth 1:50m layer)");
  cmd->add_option("--country-field", args->country_field, "Attribute of the country layer holding the code")
      ->capture_default_str();
  cmd->add_option("--bridge-mlc", args->bridge_mlc,
                  "Override the default load class of untagged bridges, e.g. primary=60,secondary=40 "
                  "(defaults: " + osm::BridgeDefaults().describe() + ")");
  cmd->add_flag("--include-minor-roads", args->include_minor, "Also import highway=service and highway=track");
  cmd->add_flag("--include-light-rail", args->include_light_rail, "Also import railway=light_rail");
  cmd->add_flag("--strategic", args->strategic,
                "Only the strategic network: motorway, trunk, primary (and links), main-line rail (usage=main)");
  cmd->add_option("--mapping", args->mapping,
                  "YAML file saying which fields of the GIS layers hold which attribute (docs/import.md, GIS layers); "
                  "default: the native field names");
  cmd->add_option("--stitch-radius", args->stitch_radius_km,
                  "GIS road nodes this close to an OSM road node (km), or inside the OSM region, are joined to it")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the summary as JSON");
  cmd->callback([args, &global] { run_import(*args, global); });
}

}  // namespace milmob::cli
