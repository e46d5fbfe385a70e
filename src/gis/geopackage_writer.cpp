#include "gis/geopackage_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <map>

#include <cpl_vsi.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "gis/gdal_util.h"

namespace milmob::gis {

namespace {

// The layer a feature goes to: routes by mode, points by kind.
std::string layer_name(OGRFeature& f) {
  const auto text = [&](const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
  };
  const std::string kind = text("kind");
  if (kind == "route") return text("mode").empty() ? "road" : text("mode");
  return kind.empty() ? "other" : kind;
}

void write(const std::string& geojson, const std::string& path) {
  // GDAL reads the text from memory; the file name only tells it the format.
  const std::string source = fmt::format("/vsimem/milmob-routes-{}.geojson", ::getpid());
  VSILFILE* mem = VSIFileFromMemBuffer(source.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(geojson.data())),
                                       static_cast<vsi_l_offset>(geojson.size()), FALSE);
  if (mem == nullptr) throw InputError(path, "cannot hand the routes to GDAL");
  VSIFCloseL(mem);
  struct Unlink {
    std::string name;
    ~Unlink() { VSIUnlink(name.c_str()); }
  } unlink{source};
  GDALDatasetUniquePtr in(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!in || in->GetLayerCount() != 1) throw InputError(path, "the routes are not GeoJSON GDAL can read" + QuietGdalErrors::last_message());
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) throw InputError(path, "this GDAL has no GeoPackage driver");
  GDALDatasetUniquePtr out(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!out) throw InputError(path, "cannot create the GeoPackage" + QuietGdalErrors::last_message());
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* from = in->GetLayer(0);
  std::map<std::string, OGRLayer*> layers;
  if (out->StartTransaction() != OGRERR_NONE)  // one transaction: thousands of features in one write
    throw InputError(path, "cannot write the GeoPackage" + QuietGdalErrors::last_message());
  from->ResetReading();
  for (auto& feature : *from) {
    const std::string name = layer_name(*feature);
    OGRLayer*& to = layers[name];
    if (to == nullptr) {
      const OGRwkbGeometryType type = feature->GetGeometryRef() ? wkbFlatten(feature->GetGeometryRef()->getGeometryType())
                                                                : wkbUnknown;
      to = out->CreateLayer(name.c_str(), &wgs84, type, nullptr);
      if (to == nullptr) throw InputError(path, fmt::format("cannot create layer '{}'{}", name, QuietGdalErrors::last_message()));
      const OGRFeatureDefn* defn = from->GetLayerDefn();
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        OGRFieldDefn field(defn->GetFieldDefn(i));
        if (to->CreateField(&field) != OGRERR_NONE)
          throw InputError(path, fmt::format("cannot create field '{}'{}", field.GetNameRef(), QuietGdalErrors::last_message()));
      }
    }
    OGRFeature copy(to->GetLayerDefn());
    copy.SetFrom(feature.get(), TRUE);
    if (to->CreateFeature(&copy) != OGRERR_NONE)
      throw InputError(path, fmt::format("cannot write to layer '{}'{}", name, QuietGdalErrors::last_message()));
  }
  if (out->CommitTransaction() != OGRERR_NONE)
    throw InputError(path, "cannot write the GeoPackage" + QuietGdalErrors::last_message());
  out.reset();  // closes and flushes the file
}

}  // namespace

void write_geopackage(const std::string& geojson, const std::string& path) {
  GDALAllRegister();
  const QuietGdalErrors quiet;
  // Built in memory, then written like every other output (common/atomic_file.h): a full disk
  // is then reported with the system's reason, and no SQLite journal is left beside the file.
  const std::string mem = fmt::format("/vsimem/milmob-routes-{}.gpkg", ::getpid());
  struct Unlink {
    std::string name;
    ~Unlink() { VSIUnlink(name.c_str()); }
  } unlink{mem};
  write(geojson, mem);
  vsi_l_offset length = 0;
  GByte* bytes = VSIGetMemFileBuffer(mem.c_str(), &length, FALSE);
  if (bytes == nullptr) throw InputError(path, "the GeoPackage was not made" + QuietGdalErrors::last_message());
  write_file_atomically(path, [&](std::ostream& out) {
    out.write(reinterpret_cast<const char*>(bytes), static_cast<std::streamsize>(length));
  });
}

}  // namespace milmob::gis
