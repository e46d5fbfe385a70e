// The GIS mapping file (docs/import.md, "GIS layers") and the attribute words it checks.
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "gis/line_attributes.h"
#include "gis/line_mapping.h"
#include "support/run_command.h"

namespace milmob::gis {
namespace {

using milmob::testing::TempDir;
using milmob::testing::write_file;

const std::string kGisData = std::string(MILMOB_SOURCE_DIR) + "/tests/data/gis/";

// The message of the InputError that loading `path` throws ("" if none).
std::string error_of(const std::string& path) {
  try {
    load_line_mapping(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string error_for(const std::string& yaml) {
  TempDir dir;
  const std::string path = dir.path("mapping.yaml");
  write_file(path, yaml);
  const std::string message = error_of(path);
  // The temp path varies: report it as "mapping.yaml".
  std::string out = message;
  for (std::size_t at; (at = out.find(path)) != std::string::npos;) out.replace(at, path.size(), "mapping.yaml");
  return out;
}

TEST(GisMapping, ReadsTheExampleOfTheDocs) {
  const LineMapping m = load_line_mapping(kGisData + "roads_national.yaml");
  EXPECT_EQ(m.file, kGisData + "roads_national.yaml");
  EXPECT_EQ(m.node_tolerance_m, 2.0);
  EXPECT_FALSE(m.split_at_vertices);
  ASSERT_EQ(m.layers.size(), 1u);
  const LayerMapping& l = m.layers[0];
  EXPECT_EQ(l.layer, "roads_national");
  EXPECT_EQ(l.where, "STATUS = 'open'");
  EXPECT_EQ(l.label, "layers[0]");
  EXPECT_EQ(l.line, 4);

  ASSERT_TRUE(l.rule(Attribute::Mode));
  EXPECT_EQ(l.rule(Attribute::Mode)->field, "");
  EXPECT_EQ(l.rule(Attribute::Mode)->constant, "road");

  const auto& cls = l.rule(Attribute::RoadClass);
  ASSERT_TRUE(cls);
  EXPECT_EQ(cls->field, "ROADTYPE");
  EXPECT_EQ(cls->values, (std::map<std::string, std::string>{{"A", "motorway"}, {"B", "trunk"}, {"N", "primary"}}));
  EXPECT_EQ(cls->default_value, "primary");
  EXPECT_EQ(cls->line, 7);

  EXPECT_EQ(l.rule(Attribute::SpeedKmh)->field, "MAXSPEED");
  EXPECT_EQ(l.rule(Attribute::SpeedKmh)->default_value, "80");
  EXPECT_EQ(l.rule(Attribute::MaxWeightT)->scale, 0.001);
  EXPECT_EQ(l.rule(Attribute::LengthM)->scale, 1000.0);
  EXPECT_EQ(l.rule(Attribute::Oneway)->values.at("Y"), "true");
  EXPECT_EQ(l.rule(Attribute::Name)->field, "NAME");
  EXPECT_FALSE(l.rule(Attribute::Name)->optional_field);
  // Attributes the entry does not map keep their defaults: no native field is read.
  EXPECT_FALSE(l.rule(Attribute::MaxHeightM));
  EXPECT_FALSE(l.rule(Attribute::GaugeMm));
}

TEST(GisMapping, ReportsEveryMistakeAtOnceWithLineAndField) {
  const std::string f = kGisData + "bad_mapping.yaml";
  EXPECT_EQ(error_of(f),
            f + ":1: node_tolerance_m: expected a distance in metres from 0 to 1000, got '-1'\n" +
            f + ":2: split_at_vertices: expected true or false, got 'maybe'\n" +
            f + ":5: layers[0].mode: expected one of road, rail, sea, transfer, got 'boat'\n" +
            f + ":6: layers[0].road_class.values.A: expected a road class: one of motorway, trunk, primary, "
                "secondary, tertiary, unclassified, residential, service, track, motorway_link, trunk_link, "
                "primary_link, secondary_link, tertiary_link, rail_main, rail_branch, rail_industrial, rail_yard, "
                "rail_other, light_rail, got 'autobahn'\n" +
            f + ":7: layers[0].speed_kmh.default: expected a number >= 0, got 'fast'\n" +
            f + ":8: layers[0].oneway.scale: a scale applies to numbers only, not to oneway\n" +
            f + ":9: layers[0].name.field: missing; expected the name of the field to read (or a constant instead "
                "of a mapping)\n" +
            f + ":10: layers[0].colour: unknown key; expected layer, where or an attribute: mode, name, road_class, "
                "speed_kmh, length_m, oneway, max_weight_t, max_axle_load_t, max_height_m, max_width_m, mlc_wheeled, "
                "mlc_tracked, gauge_mm, electrified, bridge, tunnel, place_kind\n" +
            f + ":11: layers[1]: expected a mapping with 'layer', 'where' and attributes, got '42'\n" +
            f + ":12: extra: unknown key; expected one of node_tolerance_m, split_at_vertices, layers");
}

TEST(GisMapping, SmallMistakes) {
  EXPECT_EQ(error_for(""), "mapping.yaml:1: mapping: expected a mapping with the keys node_tolerance_m, "
                           "split_at_vertices, layers, got null");
  EXPECT_EQ(error_for("layers: []\n"), "mapping.yaml:1: layers: expected a non-empty list of layer mappings, got a list");
  EXPECT_EQ(error_for("layers:\n  - speed_kmh: {field: V, scale: 0}\n"),
            "mapping.yaml:2: layers[0].speed_kmh.scale: expected a number above 0, got '0'");
  EXPECT_EQ(error_for("layers:\n  - speed_kmh: {field: ''}\n"),
            "mapping.yaml:2: layers[0].speed_kmh.field: expected the name of a field of the layer, got ''");
  EXPECT_EQ(error_for("layers:\n  - layer: roads\n    oneway: [true]\n"),
            "mapping.yaml:3: layers[0].oneway: expected a constant or a mapping with the keys field, values, default, "
            "scale, got a list");
  EXPECT_EQ(error_for("layers:\n  - gauge_mm: {field: G, values: {N: 1435.5}}\n"),
            "mapping.yaml:2: layers[0].gauge_mm.values.N: expected a whole number from 0 to 65535, got '1435.5'");
  EXPECT_EQ(error_for("node_tolerance_m: 5000\n"),
            "mapping.yaml:1: node_tolerance_m: expected a distance in metres from 0 to 1000, got '5000'");
  EXPECT_EQ(error_for("layers:\n  - mode: road\n   where: x\n").substr(0, 20), "mapping.yaml:3: yaml");
  EXPECT_EQ(error_of("/nonexistent/mapping.yaml"), "/nonexistent/mapping.yaml: cannot open the GIS mapping file");
}

TEST(GisMapping, OptionsOnlyKeepTheNativeNames) {
  TempDir dir;
  write_file(dir.path("m.yaml"), "node_tolerance_m: 5\nsplit_at_vertices: true\n");
  const LineMapping m = load_line_mapping(dir.path("m.yaml"));
  EXPECT_EQ(m.node_tolerance_m, 5.0);
  EXPECT_TRUE(m.split_at_vertices);
  ASSERT_EQ(m.layers.size(), 1u);
  EXPECT_FALSE(m.layers[0].layer);
  ASSERT_TRUE(m.layers[0].rule(Attribute::MaxAxleLoadT));
  EXPECT_EQ(m.layers[0].rule(Attribute::MaxAxleLoadT)->field, "max_axle_load_t");
  EXPECT_TRUE(m.layers[0].rule(Attribute::MaxAxleLoadT)->optional_field);
}

TEST(GisAttributes, WordsAndNumbers) {
  EXPECT_FALSE(check_value(Attribute::Mode, " Rail "));
  EXPECT_EQ(parse_mode(" Rail "), Mode::Rail);
  EXPECT_EQ(check_value(Attribute::Mode, "air"), "expected one of road, rail, sea, transfer");
  EXPECT_EQ(parse_road_class("MOTORWAY"), RoadClass::Motorway);
  EXPECT_EQ(parse_place_kind("border_control"), PlaceKind::BorderControl);
  for (const char* yes : {"true", "YES", "1", "y"}) EXPECT_TRUE(parse_bool(yes)) << yes;
  for (const char* no : {"false", "No", "0", "N"}) EXPECT_FALSE(parse_bool(no)) << no;
  EXPECT_EQ(check_value(Attribute::Bridge, "maybe"), "expected true or false (also yes/no, 1/0, y/n)");
  EXPECT_EQ(number_value(" 7.5 "), 7.5);
  EXPECT_FALSE(number_value("-1"));
  EXPECT_FALSE(number_value("12 t"));
  EXPECT_FALSE(number_value("inf"));
  EXPECT_FALSE(check_value(Attribute::GaugeMm, "1520"));
  EXPECT_TRUE(check_value(Attribute::GaugeMm, "70000"));
  EXPECT_FALSE(check_value(Attribute::Name, "anything at all"));
}

TEST(GisAttributes, DefaultsByModeAndClass) {
  EXPECT_EQ(default_road_class(Mode::Road), RoadClass::Primary);
  EXPECT_EQ(default_road_class(Mode::Rail), RoadClass::RailMain);
  EXPECT_TRUE(class_fits_mode(RoadClass::Trunk, Mode::Road));
  EXPECT_FALSE(class_fits_mode(RoadClass::RailMain, Mode::Road));
  EXPECT_FALSE(class_fits_mode(RoadClass::Primary, Mode::Rail));
  EXPECT_EQ(default_speed_kmh(Mode::Sea, RoadClass::Unclassified), 30);
  EXPECT_EQ(default_speed_kmh(Mode::Transfer, RoadClass::Unclassified), 5);
  EXPECT_EQ(default_speed_kmh(Mode::Road, RoadClass::Motorway), milmob::default_speed_kmh(RoadClass::Motorway));
}

}  // namespace
}  // namespace milmob::gis
