// GIS line layers -> network: reading with GDAL (gis/feature_reader.h), ends merged into nodes
// (gis/line_network.h). Fixtures are GeoJSON in tests/data/gis/; the GeoPackage and Shapefile
// variants (one of them in EPSG:3035) are written from them by the tests with GDAL's ogr2ogr API.
#include <gtest/gtest.h>

#include <cpl_string.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <string>
#include <vector>

#include "common/error.h"
#include "geo/distance.h"
#include "gis/feature_reader.h"
#include "gis/line_network.h"
#include "support/run_command.h"

namespace milmob::gis {
namespace {

using milmob::testing::TempDir;
using milmob::testing::write_file;

const std::string kGisData = std::string(MILMOB_SOURCE_DIR) + "/tests/data/gis/";
const std::string kLines = kGisData + "lines.geojson";
const std::string kNational = kGisData + "roads_national.geojson";
const std::string kNationalMapping = kGisData + "roads_national.yaml";

struct Imported {
  GisFeatures features;
  LineNetworkReport report;
  NetworkData data;
  Network net() const { return data.view(); }
};

Imported import(const std::vector<std::string>& paths, const LineMapping& mapping = native_mapping()) {
  Imported out;
  out.features = read_features(paths, mapping);
  NetworkBuilder builder;
  out.report = add_gis_features(out.features, {mapping.node_tolerance_m, mapping.split_at_vertices}, builder);
  out.data = std::move(builder).build();
  return out;
}

LineMapping mapping_from(const TempDir& dir, const std::string& yaml) {
  write_file(dir.path("m.yaml"), yaml);
  return load_line_mapping(dir.path("m.yaml"));
}

// The edges named `name`, in CSR order.
std::vector<EdgeId> edges_named(const Network& n, std::string_view name) {
  std::vector<EdgeId> out;
  for (EdgeId e = 0; e < n.edge_count(); ++e)
    if (n.edge_name(e) == name) out.push_back(e);
  return out;
}

// The edge named `name` from the node at `from` to the node at `to`.
EdgeId edge_between(const Network& n, std::string_view name, geo::LonLat from, geo::LonLat to) {
  for (const EdgeId e : edges_named(n, name))
    if (geo::haversine_m(n.node_coord(n.tail[e]), from) < 0.5 && geo::haversine_m(n.node_coord(n.head[e]), to) < 0.5) return e;
  return kInvalidId;
}

// The one edge named `name` that starts nearest to `from`.
EdgeId edge_from(const Network& n, std::string_view name, geo::LonLat from) {
  EdgeId best = kInvalidId;
  for (const EdgeId e : edges_named(n, name))
    if (best == kInvalidId || geo::haversine_m(n.node_coord(n.tail[e]), from) < geo::haversine_m(n.node_coord(n.tail[best]), from))
      best = e;
  return best;
}

std::string error_of(const std::vector<std::string>& paths, const LineMapping& mapping = native_mapping()) {
  try {
    read_features(paths, mapping);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// What ogr2ogr does: writes `source` to `target` in `format`, reprojected to `srs` if given.
void translate(const std::string& source, const std::string& target, const std::string& format,
               const std::string& srs = "") {
  GDALAllRegister();
  char** argv = CSLAddString(nullptr, "-f");
  argv = CSLAddString(argv, format.c_str());
  if (!srs.empty()) {
    argv = CSLAddString(argv, "-t_srs");
    argv = CSLAddString(argv, srs.c_str());
  }
  GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv, nullptr);
  GDALDatasetH in = GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  ASSERT_NE(in, nullptr);
  int usage_error = 0;
  GDALDatasetH out = GDALVectorTranslate(target.c_str(), nullptr, 1, &in, options, &usage_error);
  ASSERT_NE(out, nullptr);
  GDALClose(out);
  GDALClose(in);
  GDALVectorTranslateOptionsFree(options);
  CSLDestroy(argv);
}

// ---- native field names ----

TEST(GisLines, EndsWithinTheToleranceBecomeOneNode) {
  const Imported g = import({kLines});
  const Network n = g.net();
  // A1's end and Landstrasse's start lie 4 cm apart; the rail line and the ferry start exactly
  // where the road and the rail line end: one node each, whatever the mode.
  EXPECT_EQ(g.report.nodes, 8u);
  EXPECT_EQ(g.report.merged_ends, 4u);
  EXPECT_EQ(n.node_count(), 8u);
  const EdgeId a1 = edge_from(n, "A1", {10.0, 50.0});
  const EdgeId land = edge_from(n, "Landstrasse", {10.1, 50.0});
  const EdgeId rail = edge_from(n, "Nebenbahn", {10.2, 50.05});
  EXPECT_EQ(n.head[a1], n.tail[land]);
  EXPECT_EQ(n.node_coord(n.tail[land]), (geo::LonLat{10.1, 50.0}));  // the first end seen is the node
  EXPECT_EQ(n.head[land], n.tail[rail]);
  // Zubringer starts 5 m away: beyond the default 1 m, its own node.
  const EdgeId feeder = edge_from(n, "Zubringer", {10.10007, 50.0});
  EXPECT_NE(n.tail[feeder], n.head[a1]);
  EXPECT_NEAR(geo::haversine_m(n.node_coord(n.tail[feeder]), n.node_coord(n.head[a1])), 5.0, 0.1);
}

TEST(GisLines, TheMappingsToleranceJoinsEndsFurtherApart) {
  TempDir dir;
  const Imported g = import({kLines}, mapping_from(dir, "node_tolerance_m: 10\n"));
  const Network n = g.net();
  EXPECT_EQ(n.node_count(), 7u);
  EXPECT_EQ(n.tail[edge_from(n, "Zubringer", {10.1, 50.0})], n.head[edge_from(n, "A1", {10.0, 50.0})]);
}

TEST(GisLines, OnewayLinesGiveOneEdgeOthersTwo) {
  const Imported g = import({kLines});
  const Network n = g.net();
  EXPECT_EQ(g.report.edges, 11u);
  ASSERT_EQ(edges_named(n, "A1").size(), 1u);
  EXPECT_EQ(n.node_coord(n.tail[edges_named(n, "A1")[0]]), (geo::LonLat{10.0, 50.0}));
  EXPECT_EQ(edges_named(n, "Landstrasse").size(), 2u);
  EXPECT_EQ(edges_named(n, "Faehre").size(), 4u);  // a MultiLineString: two parts, both ways
}

TEST(GisLines, LengthFromTheGeometryUnlessTheLayerGivesIt) {
  const Imported g = import({kLines});
  const Network n = g.net();
  EXPECT_NEAR(n.length_m[edges_named(n, "A1")[0]], geo::haversine_m({10.0, 50.0}, {10.1, 50.0}), 0.01);
  for (const EdgeId e : edges_named(n, "Landstrasse")) EXPECT_EQ(n.length_m[e], 20000.0f);
  // Cut at its vertex, the line keeps its total length: the pieces share it by their geometry.
  TempDir dir;
  const Imported split = import({kLines}, mapping_from(dir, "split_at_vertices: true\n"));
  const Network s = split.net();
  EXPECT_EQ(s.node_count(), 9u);
  const EdgeId first = edge_between(s, "Landstrasse", {10.1, 50.0}, {10.15, 50.02});
  const EdgeId second = edge_between(s, "Landstrasse", {10.15, 50.02}, {10.2, 50.05});
  ASSERT_NE(first, kInvalidId);
  ASSERT_NE(second, kInvalidId);
  EXPECT_EQ(s.head[first], s.tail[second]);
  EXPECT_NEAR(s.length_m[first] + s.length_m[second], 20000.0, 0.01);
  const double a = geo::haversine_m({10.1000005, 50.0}, {10.15, 50.02}), b = geo::haversine_m({10.15, 50.02}, {10.2, 50.05});
  EXPECT_NEAR(s.length_m[first], 20000.0 * a / (a + b), 0.01);
}

TEST(GisLines, LimitsGaugeFlagsAndSpeeds) {
  const Imported g = import({kLines});
  const Network n = g.net();
  const EdgeId a1 = edges_named(n, "A1")[0];
  EXPECT_EQ(n.mode[a1], Mode::Road);
  EXPECT_EQ(n.road_class[a1], RoadClass::Motorway);
  EXPECT_EQ(n.speed_kmh[a1], 100.0f);
  EXPECT_EQ(n.limits(a1).max_weight_t, 40.0f);
  EXPECT_EQ(n.limits(a1).max_height_m, 4.5f);
  EXPECT_EQ(n.limits(a1).mlc_tracked, 70.0f);
  EXPECT_EQ(n.limits(a1).mlc_wheeled, kNoLimit);  // absent: no limit
  EXPECT_EQ(n.limits(a1).max_axle_load_t, kNoLimit);
  EXPECT_EQ(n.flags[a1], edge_flag::kBridge);  // a stated bridge without MLC is not given a default
  EXPECT_EQ(n.osm_way_id[a1], 0);

  const EdgeId land = edges_named(n, "Landstrasse")[0];  // no mode, class or speed: primary road at 70
  EXPECT_EQ(n.mode[land], Mode::Road);
  EXPECT_EQ(n.road_class[land], RoadClass::Primary);
  EXPECT_EQ(n.speed_kmh[land], 70.0f);
  EXPECT_EQ(n.limit_index[land], 0u);  // null max_weight_t: no limit

  const EdgeId rail = edges_named(n, "Nebenbahn")[0];
  EXPECT_EQ(n.mode[rail], Mode::Rail);
  EXPECT_EQ(n.road_class[rail], RoadClass::RailBranch);
  EXPECT_EQ(n.gauge_mm[rail], 1520);
  EXPECT_EQ(n.flags[rail], edge_flag::kElectrified);
  EXPECT_EQ(n.speed_kmh[rail], 80.0f);

  const EdgeId feeder = edges_named(n, "Zubringer")[0];
  EXPECT_EQ(n.road_class[feeder], RoadClass::Secondary);
  EXPECT_EQ(n.speed_kmh[feeder], 60.0f);
  EXPECT_EQ(n.flags[feeder], edge_flag::kTunnel);

  const EdgeId ferry = edges_named(n, "Faehre")[0];
  EXPECT_EQ(n.mode[ferry], Mode::Sea);
  EXPECT_EQ(n.speed_kmh[ferry], 30.0f);
}

TEST(GisLines, ShapesKeepTheInteriorVerticesAndEndAtTheNodes) {
  const Imported g = import({kLines});
  const Network n = g.net();
  const EdgeId land = edge_from(n, "Landstrasse", {10.1, 50.0});
  ASSERT_EQ(n.shape[land] & kShapeReversed, 0u);
  const std::uint32_t s = n.shape[land];
  ASSERT_EQ(n.shape_first[s + 1] - n.shape_first[s], 3u);
  const auto point = [&](std::uint32_t i) {
    return geo::LonLat{geo::from_fixed(n.shape_lon_e7[i]), geo::from_fixed(n.shape_lat_e7[i])};
  };
  EXPECT_EQ(point(n.shape_first[s]), n.node_coord(n.tail[land]));  // moved the 4 cm onto the node
  EXPECT_EQ(point(n.shape_first[s] + 1), (geo::LonLat{10.15, 50.02}));
  EXPECT_EQ(point(n.shape_first[s] + 2), n.node_coord(n.head[land]));
  const EdgeId back = edge_from(n, "Landstrasse", {10.2, 50.05});
  EXPECT_EQ(n.shape[back], s | kShapeReversed);
}

TEST(GisLines, PointsWithAPlaceKindArePlacesOtherGeometriesAreSkipped) {
  const Imported g = import({kLines});
  const Network n = g.net();
  ASSERT_EQ(n.place_count(), 1u);
  EXPECT_EQ(n.place_kind[0], PlaceKind::Port);
  EXPECT_EQ(n.names.at(n.place_name[0]), "Testhafen");
  EXPECT_EQ(n.place_osm_type[0], 'g');
  ASSERT_EQ(g.features.layers.size(), 1u);
  EXPECT_EQ(g.features.layers[0].layer, "lines");
  EXPECT_EQ(g.features.layers[0].lines, 5u);
  EXPECT_EQ(g.features.layers[0].places, 1u);
  EXPECT_EQ(g.features.layers[0].skipped, 2u);  // a point without a kind, a polygon
}

TEST(GisLines, SameInputSameNetwork) {
  const Imported a = import({kLines}), b = import({kLines});
  EXPECT_EQ(a.data.node_lon_e7, b.data.node_lon_e7);
  EXPECT_EQ(a.data.head, b.data.head);
  EXPECT_EQ(a.data.length_m, b.data.length_m);
}

// ---- a mapping file, and the same layer as GeoPackage and Shapefile ----

void expect_national_roads(const Network& n) {
  // STATUS = 'closed' keeps N 3 out.
  EXPECT_EQ(n.node_count(), 4u);
  EXPECT_EQ(n.edge_count(), 5u);
  EXPECT_TRUE(edges_named(n, "N 3").empty());
  const EdgeId a7 = edge_from(n, "A 7", {9.0, 48.0});
  EXPECT_EQ(n.road_class[a7], RoadClass::Motorway);
  EXPECT_EQ(n.speed_kmh[a7], 120.0f);
  EXPECT_EQ(n.length_m[a7], 12500.0f);  // LEN_KM 12.5 x 1000
  EXPECT_FLOAT_EQ(n.limits(a7).max_weight_t, 44.0f);  // GEWICHT_KG 44000 x 0.001
  EXPECT_EQ(edges_named(n, "A 7").size(), 2u);
  ASSERT_EQ(edges_named(n, "B 10").size(), 1u);  // ONEWAY Y
  const EdgeId b10 = edges_named(n, "B 10")[0];
  EXPECT_EQ(n.road_class[b10], RoadClass::Trunk);
  EXPECT_EQ(n.speed_kmh[b10], 80.0f);  // MAXSPEED null: the mapping's default
  EXPECT_EQ(n.limits(b10).max_weight_t, kNoLimit);
  EXPECT_NEAR(n.length_m[b10], geo::haversine_m({9.2, 48.1}, {9.3, 48.1}), 0.05);
  const EdgeId k12 = edges_named(n, "K 12")[0];
  EXPECT_EQ(n.road_class[k12], RoadClass::Primary);  // 'K' is not in the table: the default
  EXPECT_FLOAT_EQ(n.limits(k12).max_weight_t, 7.5f);
}

TEST(GisLines, MappingFileReadsAGeoJsonLayer) {
  expect_national_roads(import({kNational}, load_line_mapping(kNationalMapping)).net());
}

TEST(GisLines, MappingFileReadsAShapefile) {
  TempDir dir;
  const std::string shp = dir.path("roads_national.shp");
  translate(kNational, shp, "ESRI Shapefile");
  expect_national_roads(import({shp}, load_line_mapping(kNationalMapping)).net());
}

TEST(GisLines, AGeoPackageInEtrs89LaeaIsReprojectedToWgs84) {
  TempDir dir;
  const std::string gpkg = dir.path("roads_national.gpkg");
  translate(kNational, gpkg, "GPKG", "EPSG:3035");
  {
    // The file really holds metres in EPSG:3035.
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    const OGRSpatialReference* srs = ds->GetLayer(0)->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "3035");
    OGREnvelope box;
    ASSERT_EQ(ds->GetLayer(0)->GetExtent(&box), OGRERR_NONE);
    EXPECT_GT(box.MinX, 4e6);
  }
  const Imported from_gpkg = import({gpkg}, load_line_mapping(kNationalMapping));
  const Imported from_geojson = import({kNational}, load_line_mapping(kNationalMapping));
  expect_national_roads(from_gpkg.net());
  const Network a = from_gpkg.net(), b = from_geojson.net();
  ASSERT_EQ(a.node_count(), b.node_count());
  for (NodeId v = 0; v < a.node_count(); ++v) {
    EXPECT_NEAR(a.node_lon_e7[v], b.node_lon_e7[v], 1) << v;  // 1e-7 degrees, a centimetre
    EXPECT_NEAR(a.node_lat_e7[v], b.node_lat_e7[v], 1) << v;
  }
  for (EdgeId e = 0; e < a.edge_count(); ++e) EXPECT_NEAR(a.length_m[e], b.length_m[e], 0.05) << e;
}

TEST(GisLines, SeveralFilesMakeOneNetwork) {
  const Imported g = import({kLines, kNational});
  EXPECT_EQ(g.features.layers.size(), 2u);
  EXPECT_EQ(g.net().node_count(), 8u + 5u);  // native names: roads_national is read with every feature
}

// ---- bad input ----

const std::string kExpectedFormat = "(expected GIS line layers: GeoJSON, GeoPackage, Shapefile...)";

TEST(GisLinesBadInput, MissingFile) {
  EXPECT_EQ(error_of({"/nonexistent/roads.geojson"}), "/nonexistent/roads.geojson: file not found " + kExpectedFormat);
}

TEST(GisLinesBadInput, NotAGisFile) {
  TempDir dir;
  const std::string notes = dir.path("notes.geojson");
  write_file(notes, "these are notes, not a GIS layer\n");
  EXPECT_EQ(error_of({notes}), notes + ": cannot be read as a vector dataset " + kExpectedFormat);
}

TEST(GisLinesBadInput, NoLineFeatures) {
  const std::string polygons = kGisData + "polygons.geojson";
  EXPECT_EQ(error_of({polygons}), polygons + ": no line features in layer 'polygons' (expected LineString or "
                                             "MultiLineString features, or Points with a place kind)");
}

TEST(GisLinesBadInput, EveryBadValueNamesFileLayerFeatureFieldAndValue) {
  const std::string f = kGisData + "bad_values.geojson";
  const std::string at = f + ": layer 'bad_values' feature ";
  EXPECT_EQ(error_of({f}),
            at + "1: field 'speed_kmh' = 'fast': expected a number >= 0 for speed_kmh\n" +
            at + "2: field 'mode' = 'boat': expected one of road, rail, sea, transfer for mode\n" +
            at + "3: field 'oneway' = 'sometimes': expected true or false (also yes/no, 1/0, y/n) for oneway\n" +
            at + "4: road_class 'motorway' does not suit mode rail (expected a rail class such as rail_main)\n" +
            at + "5: field 'max_height_m' = '-3': expected a number >= 0 for max_height_m\n" +
            at + "5: field 'gauge_mm' = '100000': expected a whole number from 0 to 65535 for gauge_mm\n" +
            at + "6: field 'place_kind' = 'harbour': expected a place kind: one of port, airfield, military, "
                 "border_control, rail_station, rail_yard, loading_ramp for place_kind");
}

TEST(GisLinesBadInput, ManyBadValuesAreCountedNotAllListed) {
  TempDir dir;
  std::string json = R"({"type": "FeatureCollection", "name": "many", "features": [)";
  for (int i = 0; i < 25; ++i)
    json += std::string(i ? "," : "") + R"({"type": "Feature", "properties": {"speed_kmh": "fast"}, "geometry": )" +
            R"({"type": "LineString", "coordinates": [[10, 50], [10.1, 50.)" + std::to_string(i + 1) + "]]}}";
  const std::string path = dir.path("many.geojson");
  write_file(path, json + "]}");
  const std::string message = error_of({path});
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 20) << message;
  EXPECT_NE(message.find(path + ": layer 'many' feature 19: field 'speed_kmh' = 'fast'"), std::string::npos) << message;
  EXPECT_EQ(message.substr(message.rfind('\n') + 1), "and 5 more values that cannot be read");
}

TEST(GisLinesBadInput, AMappedFieldMissingFromTheLayer) {
  TempDir dir;
  const LineMapping m = mapping_from(dir, "layers:\n  - layer: lines\n    speed_kmh: {field: MAXSPEED}\n");
  EXPECT_EQ(error_of({kLines}, m),
            kLines + ": layer 'lines' has no field 'MAXSPEED' (mapped to speed_kmh at " + dir.path("m.yaml") +
                ":3; fields are: mode, place_kind, name, length_m, road_class, gauge_mm, electrified, speed_kmh, oneway, "
                "max_weight_t, max_height_m, mlc_tracked, bridge, tunnel)");
}

TEST(GisLinesBadInput, AMappedLayerThatNoFileHas) {
  TempDir dir;
  const LineMapping m = mapping_from(dir, "layers:\n  - layer: lines\n  - layer: roads\n    mode: road\n");
  EXPECT_EQ(error_of({kLines}, m), dir.path("m.yaml") + ":3: layers[1].layer: no input has a layer 'roads' (layers are " +
                                       kLines + ": 'lines')");
}

TEST(GisLinesBadInput, AValueMissingFromTheTable) {
  TempDir dir;
  const LineMapping m = mapping_from(dir, "layers:\n  - oneway: {field: ONEWAY, values: {Y: true}}\n");
  const std::string at = kNational + ": layer 'roads_national' feature ";
  const std::string rest = ": field 'ONEWAY' = 'N': not among the values of layers[0].oneway at " + dir.path("m.yaml") +
                           ":2 (expected one of 'Y')";
  EXPECT_EQ(error_of({kNational}, m), at + "1" + rest + "\n" + at + "3" + rest + "\n" + at + "4" + rest);
}

TEST(GisLinesBadInput, ABadFilter) {
  TempDir dir;
  const LineMapping m = mapping_from(dir, "layers:\n  - layer: roads_national\n    where: \"STATUS = \"\n");
  const std::string message = error_of({kNational}, m);
  const std::string start = kNational + ": layer 'roads_national': the filter \"STATUS = \" of " + dir.path("m.yaml") +
                            ":3 (layers[0].where) is not valid";
  EXPECT_EQ(message.substr(0, start.size()), start) << message;
}

}  // namespace
}  // namespace milmob::gis
