#include "gis/line_network.h"

#include <span>
#include <vector>

#include "geo/distance.h"
#include "geo/point_index.h"

namespace milmob::gis {

namespace {

double polyline_m(std::span<const geo::LonLat> points) {
  double m = 0;
  for (std::size_t i = 1; i < points.size(); ++i) m += geo::haversine_m(points[i - 1], points[i]);
  return m;
}

class LineBuilder {
 public:
  LineBuilder(const LineNetworkOptions& options, NetworkBuilder& builder, LineNetworkReport& report)
      : options_(options), builder_(builder), report_(report) {}

  void add(const LineFeature& line) {
    // Scale factor that makes the edges add up to the layer's length, when it gives one.
    double scale = 1;
    if (line.attributes.length_m) {
      double geometry_m = 0;
      for (const auto& part : line.parts) geometry_m += polyline_m(part);
      if (geometry_m > 0) scale = *line.attributes.length_m / geometry_m;
    }
    EdgeSpec e;
    e.mode = line.attributes.mode;
    e.road_class = line.attributes.road_class;
    e.speed_kmh = line.attributes.speed_kmh;
    e.flags = line.attributes.flags;
    e.limits = line.attributes.limits;
    e.gauge_mm = line.attributes.gauge_mm;
    e.name = builder_.add_name(line.attributes.name);
    for (const auto& part : line.parts) {
      if (options_.split_at_vertices) {
        for (std::size_t i = 1; i < part.size(); ++i)
          add_edges(e, std::span(part).subspan(i - 1, 2), scale, line.attributes.oneway);
      } else {
        add_edges(e, part, scale, line.attributes.oneway);
      }
    }
  }

 private:
  NodeId node_at(const geo::LonLat& p) {
    if (const auto hit = ends_.nearest(p, options_.node_tolerance_m)) {
      ++report_.merged_ends;
      return hit->id;
    }
    const NodeId n = builder_.add_node(p);
    ends_.insert(p, n);
    ++report_.nodes;
    return n;
  }

  void add_edges(EdgeSpec e, std::span<const geo::LonLat> points, double scale, bool oneway) {
    e.tail = node_at(points.front());
    e.head = node_at(points.back());
    // The shape ends where its nodes are, so that the drawn network has no gaps.
    std::vector<geo::LonLat> shape(points.begin(), points.end());
    shape.front() = builder_.node_coord(e.tail);
    shape.back() = builder_.node_coord(e.head);
    if (e.tail == e.head && shape.size() == 2) return;  // shorter than the tolerance: a point, not a road
    // The length is the layer's, not the shape's: moving the ends onto their nodes changes nothing.
    const double length_m = polyline_m(points) * scale;
    e.length_m = static_cast<float>(length_m);
    e.shape = builder_.add_shape(shape);
    builder_.add_edge(e);
    ++report_.edges;
    if (oneway) return;
    std::swap(e.tail, e.head);
    e.shape |= kShapeReversed;
    builder_.add_edge(e);
    ++report_.edges;
  }

  const LineNetworkOptions& options_;
  NetworkBuilder& builder_;
  LineNetworkReport& report_;
  geo::PointIndex ends_;
};

}  // namespace

LineNetworkReport add_gis_features(const GisFeatures& features, const LineNetworkOptions& options,
                                   NetworkBuilder& builder) {
  LineNetworkReport report;
  LineBuilder lines(options, builder, report);
  for (const LineFeature& line : features.lines) lines.add(line);
  for (const PlaceFeature& place : features.places) {
    PlaceSpec spec;
    spec.kind = place.kind;
    spec.where = place.where;
    spec.name = place.name;
    spec.osm_type = 'g';  // from a GIS layer: no OSM id
    builder.add_place(spec);
    ++report.places;
  }
  return report;
}

}  // namespace milmob::gis
