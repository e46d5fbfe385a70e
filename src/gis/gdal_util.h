#pragma once
// What every GDAL reader of the gis module does the same way: open a vector file with a clear
// error, keep GDAL quiet, reproject to WGS84. Internal to the gis module (and its plugin).
#include <memory>
#include <string>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace milmob::gis {

// Keeps GDAL from printing to stderr while we read; its last message goes into our error instead.
class QuietGdalErrors {
 public:
  QuietGdalErrors();
  ~QuietGdalErrors();
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;

  // " (GDAL's last message)", or "" when it has none.
  static std::string last_message();
};

// Opens a vector dataset read-only. Throws InputError naming the file when it does not exist,
// cannot be read as vector data, or has no layer; `expected` says what it should have been
// ("expected a polygon layer: GeoJSON, GeoPackage, Shapefile...").
GDALDatasetUniquePtr open_vector_file(const std::string& path, const std::string& expected);

// The transformation of the layer's CRS to WGS84 longitude/latitude; nullptr when the layer
// is in WGS84 already or declares no CRS (taken as longitude/latitude, as GeoJSON mandates).
// Throws InputError naming the file when there is no such transformation.
std::unique_ptr<OGRCoordinateTransformation> transform_to_wgs84(OGRLayer& layer, const std::string& path);

// "ID, NAME, MAXSPEED": the fields of a layer, for messages.
std::string field_names(const OGRFeatureDefn& defn);

}  // namespace milmob::gis
