// The `network` section: where the network comes from and what the scenario changes in it.
#include <fmt/format.h>

#include <filesystem>

#include "scenario/loader_internal.h"

namespace milmob::scenario::detail {

namespace {

bool is_gis_layer(const std::string& path) {
  for (const char* ext : {".geojson", ".json", ".gpkg", ".shp"})
    if (path.ends_with(ext)) return true;
  return false;
}

bool is_osm_file(const std::string& path) {
  return path.ends_with(".osm.pbf") || path.ends_with(".osm") || path.ends_with(".pbf") || path.ends_with(".osm.bz2");
}

}  // namespace

void Loader::read_network(MapReader& root) {
  MapReader net(root.get("network", Need::Required), "network", diag);
  if (!net.valid()) return;
  if (const auto file = existing_file(net, "file", Need::Optional)) out.network.file = *file;
  for_each_item(net.get("sources"), "network.sources", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader s(item, path, diag);
    NetworkSource source;
    if (const auto p = existing_file(s, "path", Need::Required)) {
      if (!is_gis_layer(*p) && !is_osm_file(*p))
        report_error(diag, item["path"], s.path_of("path"),
                     "expected an OpenStreetMap extract (.osm.pbf, .osm) or a GIS layer (.geojson, .gpkg, .shp)");
      source.path = *p;
    }
    if (const auto m = existing_file(s, "mapping", Need::Optional)) {
      if (!source.path.empty() && !is_gis_layer(source.path))
        report_error(diag, item["mapping"], s.path_of("mapping"), "an attribute mapping applies to GIS layers only");
      source.mapping = *m;
    }
    out.network.sources.push_back(std::move(source));
  });
  if (!net.has("file") && !net.has("sources"))
    report_error(diag, net.node(), "network",
                 "expected 'file' (a network built by milmob import) or 'sources' (OSM extracts, GIS layers)");
  else if (net.has("file") && net.has("sources"))
    report_error(diag, net.node(), "network", "give either 'file' or 'sources', not both");

  for_each_item(net.get("overrides"), "network.overrides", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader o(item, path, diag);
    Override override;
    selector(o, override.select);
    override.mlc_wheeled = o.number("mlc_wheeled", Need::Optional, 0, 200);
    override.mlc_tracked = o.number("mlc_tracked", Need::Optional, 0, 200);
    if (const auto mlc = o.number("mlc", Need::Optional, 0, 200)) {
      override.mlc_wheeled = override.mlc_wheeled.value_or(*mlc);
      override.mlc_tracked = override.mlc_tracked.value_or(*mlc);
    }
    override.max_weight_t = o.number("max_weight_t", Need::Optional, 0, 1000);
    override.max_height_m = o.number("max_height_m", Need::Optional, 0, 20);
    override.max_width_m = o.number("max_width_m", Need::Optional, 0, 20);
    override.closed = o.flag("closed").value_or(false);
    if (const auto r = o.text("reason")) override.reason = *r;
    if (const auto s = o.text("source")) override.source = *s;
    const bool changes = override.mlc_wheeled || override.mlc_tracked || override.max_weight_t ||
                         override.max_height_m || override.max_width_m || override.closed;
    if (!changes && o.valid())
      report_error(diag, item, path,
                   "an override changes nothing: give mlc, mlc_wheeled, mlc_tracked, max_weight_t, max_height_m, "
                   "max_width_m or closed: true");
    out.network.overrides.push_back(std::move(override));
  });

  for_each_item(net.get("added_links"), "network.added_links", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader l(item, path, diag);
    AddedLink link;
    if (const auto n = l.text("name", Need::Required)) link.name = *n;
    const auto from = place(l, "from", Need::Required), to = place(l, "to", Need::Required);
    if (from) link.from = *from;
    if (to) link.to = *to;
    if (const auto m = l.choice("mode", Need::Optional, {"road", "rail", "sea"})) link.mode = *m;

    link.length_km = l.number("length_km", Need::Optional, 0.001, 5000);
    if (const auto v = l.number("speed_kmh", Need::Optional, 1, 300)) link.speed_kmh = *v;
    link.mlc_wheeled = l.number("mlc_wheeled", Need::Optional, 0, 200);
    link.mlc_tracked = l.number("mlc_tracked", Need::Optional, 0, 200);
    if (const auto mlc = l.number("mlc", Need::Optional, 0, 200)) {
      link.mlc_wheeled = link.mlc_wheeled.value_or(*mlc);
      link.mlc_tracked = link.mlc_tracked.value_or(*mlc);
    }
    link.max_weight_t = l.number("max_weight_t", Need::Optional, 0, 1000);
    link.oneway = l.flag("oneway").value_or(false);
    if (const auto s = l.text("source")) link.source = *s;
    out.network.added_links.push_back(std::move(link));
  });

  for_each_item(net.get("closures"), "network.closures", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader c(item, path, diag);
    Closure closure;
    if (const auto n = c.text("name", Need::Required)) closure.name = *n;
    selector(c, closure.select);
    const auto from = time(c, "from", Need::Required);
    const auto until = time(c, "until", Need::Required);
    if (from) closure.from = *from;
    if (until) closure.until = *until;
    if (from && until && *until <= *from)
      report_error(diag, item["until"], c.path_of("until"), "the closure must end after it starts ('from')");
    if (const auto r = c.text("reason")) closure.reason = *r;
    out.network.closures.push_back(std::move(closure));
  });
}

}  // namespace milmob::scenario::detail
