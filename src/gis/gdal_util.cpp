#include "gis/gdal_util.h"

#include <cpl_error.h>

#include <filesystem>
#include <mutex>

#include "common/error.h"

namespace milmob::gis {

QuietGdalErrors::QuietGdalErrors() {
  CPLPushErrorHandler(CPLQuietErrorHandler);
  CPLErrorReset();
}

QuietGdalErrors::~QuietGdalErrors() { CPLPopErrorHandler(); }

std::string QuietGdalErrors::last_message() {
  const std::string message = CPLGetLastErrorMsg();
  return message.empty() ? "" : " (" + message + ")";
}

GDALDatasetUniquePtr open_vector_file(const std::string& path, const std::string& expected) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path, "file not found (" + expected + ")");

  QuietGdalErrors quiet;
  GDALDatasetUniquePtr dataset(
      GDALDataset::FromHandle(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!dataset)
    throw InputError(path, "cannot be read as a vector dataset (" + expected + ")" + QuietGdalErrors::last_message());
  if (dataset->GetLayerCount() < 1) throw InputError(path, "has no layer (" + expected + ")");
  return dataset;
}

std::unique_ptr<OGRCoordinateTransformation> transform_to_wgs84(OGRLayer& layer, const std::string& path) {
  const OGRSpatialReference* source = layer.GetSpatialRef();
  if (source == nullptr) return nullptr;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // x = longitude, whatever EPSG says
  if (source->IsSame(&wgs84)) return nullptr;
  QuietGdalErrors quiet;
  std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(source, &wgs84));
  if (!transform)
    throw InputError(path, "layer '" + std::string(layer.GetName()) + "': cannot transform its CRS to WGS84" +
                               QuietGdalErrors::last_message());
  return transform;
}

std::string field_names(const OGRFeatureDefn& defn) {
  std::string fields;
  for (int i = 0; i < defn.GetFieldCount(); ++i)
    fields += (i == 0 ? "" : ", ") + std::string(defn.GetFieldDefn(i)->GetNameRef());
  return fields.empty() ? "none" : fields;
}

}  // namespace milmob::gis
