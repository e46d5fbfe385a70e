#include "gis/countries.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

// Boost 1.74's rtree includes a header it has itself deprecated; the notice is not ours to fix.
#define BOOST_ALLOW_DEPRECATED_HEADERS

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include "common/error.h"
#include "geo/distance.h"
#include "gis/gdal_util.h"

namespace milmob::gis {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;  // lon, lat in degrees
using Box = bg::model::box<Point>;
using BoxEntry = std::pair<Box, std::uint32_t>;  // a bounding box and what it bounds
using BoxTree = bgi::rtree<BoxEntry, bgi::rstar<16>>;

constexpr double kMetresPerDegreeLat = geo::kEarthRadiusM * std::numbers::pi / 180.0;

}  // namespace

struct CountryIndex::Data {
  // One polygon of a country (outer ring and holes) as a flat list of edges. Natural Earth's Russia
  // has a 6000-vertex ring whose box covers half of eastern Europe, so point-in-polygon tests walk
  // an rtree of the edges instead of every vertex.
  struct Part {
    std::uint16_t country = kNoCountry;
    Box box;
    std::vector<std::pair<geo::LonLat, geo::LonLat>> edges;
    BoxTree edge_tree;
  };

  std::vector<std::string> codes;  // sorted
  std::vector<std::string> names;
  std::vector<Part> parts;  // ordered by country, then by position in the file
  BoxTree part_tree;
};

namespace {

using Part = CountryIndex::Data::Part;

Box edge_box(const geo::LonLat& a, const geo::LonLat& b) {
  return {Point(std::min(a.lon, b.lon), std::min(a.lat, b.lat)), Point(std::max(a.lon, b.lon), std::max(a.lat, b.lat))};
}

// Calls f for every entry of tree whose box intersects the query box, without allocating.
template <class F>
void for_each_intersecting(const BoxTree& tree, const Box& query, F&& f) {
  tree.query(bgi::intersects(query), boost::make_function_output_iterator(std::forward<F>(f)));
}

// Even-odd rule: a horizontal ray from p to the nearer side of the part's box crosses the border an
// odd number of times iff p is inside. The half-open test on latitudes counts a vertex on the ray once.
bool part_contains(const Part& part, const geo::LonLat& p) {
  const double min_lon = bg::get<bg::min_corner, 0>(part.box);
  const double max_lon = bg::get<bg::max_corner, 0>(part.box);
  const bool east = max_lon - p.lon <= p.lon - min_lon;
  const Box ray =
      east ? Box(Point(p.lon, p.lat), Point(max_lon, p.lat)) : Box(Point(min_lon, p.lat), Point(p.lon, p.lat));
  bool inside = false;
  for_each_intersecting(part.edge_tree, ray, [&](const BoxEntry& entry) {
    const auto& [a, b] = part.edges[entry.second];
    if ((a.lat > p.lat) == (b.lat > p.lat)) return;
    const double crossing_lon = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
    if (east ? crossing_lon > p.lon : crossing_lon < p.lon) inside = !inside;
  });
  return inside;
}

// The box of all points within max_m of p, a little generous: longitude degrees are scaled at the
// latitude farthest from the equator. Ignores the antimeridian, which no European border touches.
Box search_box(const geo::LonLat& p, double max_m) {
  const double dlat = max_m / kMetresPerDegreeLat;
  const double far_lat = std::min(90.0, std::abs(p.lat) + dlat);
  const double cos_far = std::cos(far_lat * std::numbers::pi / 180.0);
  const double dlon = cos_far * 180.0 > dlat ? dlat / cos_far : 180.0;
  return {Point(p.lon - dlon, p.lat - dlat), Point(p.lon + dlon, p.lat + dlat)};
}

std::uint16_t nearest_country(const CountryIndex::Data& data, const geo::LonLat& p, double max_m) {
  const Box near = search_box(p, max_m);
  std::uint16_t best = kNoCountry;
  double best_m = max_m;
  for_each_intersecting(data.part_tree, near, [&](const BoxEntry& part_entry) {
    const Part& part = data.parts[part_entry.second];
    for_each_intersecting(part.edge_tree, near, [&](const BoxEntry& edge_entry) {
      const auto& [a, b] = part.edges[edge_entry.second];
      const double m = geo::project_to_segment(p, a, b).distance_m;
      if (m < best_m || (m == best_m && part.country < best)) {
        best_m = m;
        best = part.country;
      }
    });
  });
  return best;
}

// ---- reading ----

constexpr const char* kExpectedFormat = "expected a polygon layer: GeoJSON, GeoPackage, Shapefile...";

// A part before it is numbered: the code of its country and its edges.
struct RawPart {
  std::string code;
  std::vector<std::pair<geo::LonLat, geo::LonLat>> edges;
};

class LayerReader {
 public:
  LayerReader(const std::string& path, OGRLayer& layer, const std::string& code_field, const std::string& name_field)
      : path_(path), layer_(layer), code_field_(code_field) {
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();
    code_index_ = field_index(defn, code_field, "the country code");
    name_index_ = field_index(defn, name_field, "the country name");
    to_wgs84_ = transform_to_wgs84(layer, path);
  }

  // Fills names (code -> name) and parts in file order.
  void read(std::map<std::string, std::string>& names, std::vector<RawPart>& parts) {
    layer_.ResetReading();
    for (auto& feature : layer_) {
      const OGRGeometry* geometry = feature->GetGeometryRef();
      if (geometry == nullptr) continue;
      std::unique_ptr<OGRGeometry> polygons(OGRGeometryFactory::forceToMultiPolygon(geometry->clone()));
      if (polygons == nullptr || wkbFlatten(polygons->getGeometryType()) != wkbMultiPolygon) continue;
      if (to_wgs84_ && polygons->transform(to_wgs84_.get()) != OGRERR_NONE) {
        fail(*feature, "cannot be transformed to WGS84" + QuietGdalErrors::last_message());
      }
      const char* code = feature->IsFieldSetAndNotNull(code_index_) ? feature->GetFieldAsString(code_index_) : "";
      if (code[0] == '\0') fail(*feature, "has no value in field '" + code_field_ + "' (expected a country code)");
      names.try_emplace(code, feature->GetFieldAsString(name_index_));
      for (const OGRPolygon* polygon : *polygons->toMultiPolygon()) {
        RawPart part{code, {}};
        for (const OGRLinearRing* ring : *polygon) add_ring(*feature, *ring, part.edges);
        if (!part.edges.empty()) parts.push_back(std::move(part));
      }
    }
  }

 private:
  int field_index(const OGRFeatureDefn& defn, const std::string& field, const std::string& meaning) const {
    const int index = defn.GetFieldIndex(field.c_str());
    if (index >= 0) return index;
    throw InputError(path_, "layer '" + std::string(layer_.GetName()) + "' has no field '" + field + "' (expected " +
                                meaning + "; fields are: " + field_names(defn) + ")");
  }

  void add_ring(const OGRFeature& feature, const OGRLinearRing& ring,
                std::vector<std::pair<geo::LonLat, geo::LonLat>>& edges) const {
    const int n = ring.getNumPoints();
    if (n < 3) return;
    const auto vertex = [&](int i) {
      const geo::LonLat p{ring.getX(i), ring.getY(i)};
      if (!geo::is_valid(p)) {
        std::ostringstream where;
        where << "has vertex (" << p.lon << ", " << p.lat
              << ") outside longitude/latitude range (expected WGS84 degrees)";
        fail(feature, where.str());
      }
      return p;
    };
    geo::LonLat previous = vertex(n - 1);  // OGR rings repeat the first vertex at the end; if not, this closes them
    for (int i = 0; i < n; ++i) {
      const geo::LonLat current = vertex(i);
      if (!(current == previous)) edges.emplace_back(previous, current);
      previous = current;
    }
  }

  [[noreturn]] void fail(const OGRFeature& feature, const std::string& message) const {
    throw InputError(path_,
                     "feature " + std::to_string(feature.GetFID()) + " of layer '" + layer_.GetName() + "' " + message);
  }

  const std::string& path_;
  OGRLayer& layer_;
  const std::string& code_field_;
  int code_index_ = -1;
  int name_index_ = -1;
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84_;
};

Part make_part(std::uint16_t country, std::vector<std::pair<geo::LonLat, geo::LonLat>> edges) {
  Part part;
  part.country = country;
  part.edges = std::move(edges);
  std::vector<BoxEntry> boxes;
  boxes.reserve(part.edges.size());
  for (std::uint32_t i = 0; i < part.edges.size(); ++i)
    boxes.emplace_back(edge_box(part.edges[i].first, part.edges[i].second), i);
  part.box = boxes.front().first;
  for (const auto& [box, i] : boxes) bg::expand(part.box, box);
  part.edge_tree = BoxTree(boxes.begin(), boxes.end());  // bulk loading packs the tree
  return part;
}

}  // namespace

CountryIndex::CountryIndex(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

CountryIndex CountryIndex::load(const std::string& path, const std::string& code_field, const std::string& name_field) {
  GDALDatasetUniquePtr dataset = open_vector_file(path, kExpectedFormat);
  QuietGdalErrors quiet;
  OGRLayer& layer = *dataset->GetLayer(0);

  std::map<std::string, std::string> names;  // sorted by code: the country numbering
  std::vector<RawPart> raw_parts;
  LayerReader(path, layer, code_field, name_field).read(names, raw_parts);
  if (raw_parts.empty())
    throw InputError(path, "layer '" + std::string(layer.GetName()) + "' has no polygons (" + kExpectedFormat + ")");
  if (names.size() >= kNoCountry) throw InputError(path, "has more than 65534 country codes");

  auto data = std::make_shared<Data>();
  for (auto& [code, name] : names) {
    data->codes.push_back(code);
    data->names.push_back(std::move(name));
  }
  const auto country_of = [&](const std::string& code) {
    return static_cast<std::uint16_t>(std::lower_bound(data->codes.begin(), data->codes.end(), code) -
                                      data->codes.begin());
  };
  std::stable_sort(raw_parts.begin(), raw_parts.end(),
                   [](const RawPart& a, const RawPart& b) { return a.code < b.code; });
  std::vector<BoxEntry> part_boxes;
  for (auto& raw : raw_parts) {
    data->parts.push_back(make_part(country_of(raw.code), std::move(raw.edges)));
    part_boxes.emplace_back(data->parts.back().box, static_cast<std::uint32_t>(data->parts.size() - 1));
  }
  data->part_tree = BoxTree(part_boxes.begin(), part_boxes.end());
  return CountryIndex(std::move(data));
}

std::uint16_t CountryIndex::lookup(const geo::LonLat& p) const {
  if (!geo::is_valid(p)) return kNoCountry;
  std::uint16_t best = kNoCountry;
  const Box at(Point(p.lon, p.lat), Point(p.lon, p.lat));
  for_each_intersecting(data_->part_tree, at, [&](const BoxEntry& entry) {
    const Part& part = data_->parts[entry.second];
    if (part.country < best && part_contains(part, p)) best = part.country;
  });
  if (best != kNoCountry) return best;
  return nearest_country(*data_, p, max_fallback_m_);
}

std::size_t CountryIndex::size() const { return data_->codes.size(); }

const std::string& CountryIndex::code(std::uint16_t i) const { return data_->codes.at(i); }

const std::string& CountryIndex::name(std::uint16_t i) const { return data_->names.at(i); }

std::optional<std::uint16_t> CountryIndex::find(std::string_view code) const {
  const auto& codes = data_->codes;
  const auto it = std::lower_bound(codes.begin(), codes.end(), code);
  if (it == codes.end() || *it != code) return std::nullopt;
  return static_cast<std::uint16_t>(it - codes.begin());
}

void CountryIndex::set_max_fallback_m(double m) {
  if (!std::isfinite(m) || m < 0) throw std::invalid_argument("max fallback distance must be finite and >= 0 m");
  max_fallback_m_ = m;
}

}  // namespace milmob::gis
