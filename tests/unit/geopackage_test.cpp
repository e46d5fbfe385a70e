// routes.gpkg: the routes of a plan in a GeoPackage, a layer per mode and per kind of point.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "common/error.h"
#include "gis/geopackage_writer.h"

namespace {

const char* kRoutes = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[10,52],[11,52]]},
  "properties":{"kind":"route","mode":"road","unit":"a","distance_km":68.5}},
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[11,52],[14,52],[16,52.5]]},
  "properties":{"kind":"route","mode":"rail","unit":"a","distance_km":400.1}},
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[10,53],[11,53]]},
  "properties":{"kind":"route","mode":"road","unit":"b","distance_km":67.0}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[12,52]},
  "properties":{"kind":"night_stop","unit":"a","place":"Jägerbrück"}}]})";

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("milmob-gpkg-test-" + name)).string();
}

}  // namespace

TEST(GeoPackage, OneLayerPerModeAndKindWithEveryPropertyInWgs84) {
  const std::string path = temp_path("routes.gpkg");
  milmob::gis::write_geopackage(kRoutes, path);
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  EXPECT_STREQ(ds->GetDriver()->GetDescription(), "GPKG");
  ASSERT_EQ(ds->GetLayerCount(), 3);
  OGRLayer* road = ds->GetLayerByName("road");
  ASSERT_NE(road, nullptr);
  EXPECT_EQ(road->GetFeatureCount(), 2);
  EXPECT_EQ(ds->GetLayerByName("rail")->GetFeatureCount(), 1);
  OGRLayer* stops = ds->GetLayerByName("night_stop");
  ASSERT_NE(stops, nullptr);
  auto stop = std::unique_ptr<OGRFeature>(stops->GetNextFeature());
  ASSERT_TRUE(stop);
  EXPECT_STREQ(stop->GetFieldAsString("place"), "Jägerbrück");
  EXPECT_EQ(road->GetSpatialRef()->GetEPSGGeogCS(), 4326);
  auto first = std::unique_ptr<OGRFeature>(road->GetNextFeature());
  EXPECT_DOUBLE_EQ(first->GetFieldAsDouble("distance_km"), 68.5);
  EXPECT_EQ(first->GetGeometryRef()->toLineString()->getNumPoints(), 2);
  std::filesystem::remove(path);
}

TEST(GeoPackage, AFailedWriteLeavesThePreviousFileAndNoTemporary) {
  const std::string path = temp_path("keep.gpkg");
  milmob::gis::write_geopackage(kRoutes, path);
  const auto size = std::filesystem::file_size(path);
  EXPECT_THROW(milmob::gis::write_geopackage("not json", path), milmob::InputError);
  EXPECT_EQ(std::filesystem::file_size(path), size);
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    EXPECT_EQ(entry.path().string().find("keep.gpkg.tmp"), std::string::npos) << entry.path();
  EXPECT_THROW(milmob::gis::write_geopackage(kRoutes, "/nonexistent-dir/routes.gpkg"), milmob::InputError);
  std::filesystem::remove(path);
}
