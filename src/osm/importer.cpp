#include "osm/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "common/progress.h"
#include "geo/distance.h"
#include "osm/way_attributes.h"

namespace milmob::osm {

namespace {

using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
using LocationHandler = osmium::handler::NodeLocationsForWays<LocationIndex>;

geo::LonLat to_lonlat(const osmium::Location& l) { return {l.lon(), l.lat()}; }

bool tag_is(const osmium::TagList& tags, const char* key, const char* value) {
  const char* v = tags[key];
  return v != nullptr && std::strcmp(v, value) == 0;
}

// The kind of deployment place an object's tags describe, if any.
std::optional<PlaceKind> place_kind_of(const osmium::TagList& t) {
  if (tag_is(t, "aeroway", "aerodrome") || tag_is(t, "military", "airfield")) return PlaceKind::Airfield;
  if (tag_is(t, "landuse", "port") || tag_is(t, "industrial", "port") || tag_is(t, "harbour", "yes"))
    return PlaceKind::Port;
  if (tag_is(t, "barrier", "border_control")) return PlaceKind::BorderControl;
  if (tag_is(t, "railway", "loading_ramp") || tag_is(t, "railway", "ramp")) return PlaceKind::LoadingRamp;
  if (tag_is(t, "railway", "yard")) return PlaceKind::RailYard;
  if ((tag_is(t, "railway", "station") || tag_is(t, "railway", "halt")) && !tag_is(t, "station", "subway") &&
      !tag_is(t, "station", "light_rail"))
    return PlaceKind::RailStation;
  const char* mil = t["military"];
  if (tag_is(t, "landuse", "military") || (mil != nullptr && std::strcmp(mil, "no") != 0)) return PlaceKind::Military;
  return std::nullopt;
}

std::string place_name_of(const osmium::TagList& t) {
  for (const char* key : {"name", "name:en", "official_name", "ref", "icao", "iata"})
    if (const char* v = t[key]) return v;
  return {};
}

struct Classified {
  Mode mode;
  RoadClass cls;
};

std::optional<Classified> classify_any(const osmium::TagList& t, const ImportOptions& o) {
  if (const char* h = t["highway"]) {
    if (const auto c = road_class_of(h, o.include_minor_roads)) {
      if (tag_is(t, "area", "yes")) return std::nullopt;
      return Classified{Mode::Road, *c};
    }
  }
  if (const char* r = t["railway"]) {
    const char* usage = t["usage"];
    const char* service = t["service"];
    if (const auto c = rail_class_of(r, usage ? usage : "", service ? service : "", o.include_light_rail))
      return Classified{Mode::Rail, *c};
  }
  return std::nullopt;
}

std::optional<Classified> classify(const osmium::TagList& t, const ImportOptions& o) {
  const auto c = classify_any(t, o);
  if (c && o.strategic && !is_strategic(c->cls)) return std::nullopt;
  return c;
}

// Reads every input once with the given entity types, reporting progress over all bytes.
template <class... Handlers>
void read_all(const ImportOptions& o, osmium::osm_entity_bits::type entities, const char* label,
              Handlers&... handlers) {
  std::uint64_t total = 0, done = 0;
  for (const auto& path : o.inputs) total += std::filesystem::file_size(path);
  Progress progress(label, total, o.progress);
  for (const auto& path : o.inputs) {
    try {
      osmium::io::Reader reader{path, entities};
      while (osmium::memory::Buffer buffer = reader.read()) {
        osmium::apply(buffer, handlers...);
        progress.update(done + reader.offset());
      }
      reader.close();
      done += reader.file_size();
    } catch (const InputError&) {
      throw;
    } catch (const std::exception& e) {
      throw InputError(path, fmt::format("cannot read OSM data (expected an .osm.pbf or .osm file): {}", e.what()));
    }
  }
  progress.finish();
}

// Pass 1: which nodes are junctions (used twice or more, or a way's end) and which ways make up
// the outer rings of place areas mapped as relations.
class TopologyPass : public osmium::handler::Handler {
 public:
  explicit TopologyPass(const ImportOptions& o) : options_(o) {}

  void way(const osmium::Way& w) {
    if (!classify(w.tags(), options_) || w.nodes().size() < 2) return;
    for (const auto& n : w.nodes()) refs_.push_back(n.ref());
    ends_.push_back(w.nodes().front().ref());
    ends_.push_back(w.nodes().back().ref());
  }

  void relation(const osmium::Relation& r) {
    if (!tag_is(r.tags(), "type", "multipolygon") || !place_kind_of(r.tags())) return;
    for (const auto& m : r.members())
      if (m.type() == osmium::item_type::way && std::strcmp(m.role(), "inner") != 0)
        area_member_of_.emplace(m.ref(), r.id());
  }

  std::vector<osmium::object_id_type> junctions() {
    std::sort(refs_.begin(), refs_.end());
    std::vector<osmium::object_id_type> j = std::move(ends_);
    for (std::size_t i = 1; i < refs_.size(); ++i)
      if (refs_[i] == refs_[i - 1]) j.push_back(refs_[i]);
    std::sort(j.begin(), j.end());
    j.erase(std::unique(j.begin(), j.end()), j.end());
    refs_.clear();
    refs_.shrink_to_fit();
    return j;
  }

  std::unordered_multimap<osmium::object_id_type, osmium::object_id_type> area_member_of_;

 private:
  const ImportOptions& options_;
  std::vector<osmium::object_id_type> refs_, ends_;
};

// Pass 2 (nodes, with locations stored) and pass 3 (ways): builds the graph.
class BuildPass : public osmium::handler::Handler {
 public:
  BuildPass(const ImportOptions& o, ImportReport& r, std::vector<osmium::object_id_type> junctions,
            const std::unordered_multimap<osmium::object_id_type, osmium::object_id_type>& area_member_of)
      : options_(o), report_(r), junctions_(std::move(junctions)), area_member_of_(area_member_of) {}

  void node(const osmium::Node& n) {
    if (n.tags().empty()) return;
    if (const auto kind = place_kind_of(n.tags()))
      places_.push_back({*kind, to_lonlat(n.location()), place_name_of(n.tags()), n.id(), 'n', 0});
  }

  void way(const osmium::Way& w) {
    if (!seen_ways_.insert(w.id()).second) return;  // the same way in two inputs
    ++report_.ways_read;
    const osmium::TagList& tags = w.tags();
    add_area_places(w);
    if (tag_is(tags, "aeroway", "runway")) add_runway(w);
    const auto c = classify(tags, options_);
    if (!c) return;
    if (w.nodes().size() < 2) {
      (c->mode == Mode::Road ? report_.degenerate_road_ways : report_.degenerate_rail_ways)++;
      return;
    }
    (c->mode == Mode::Road ? report_.road_ways : report_.rail_ways)++;

    const TagLookup lookup = [&tags](const char* key) { return tags[key]; };
    const UnparsedSink unparsed = [&](const char* key, std::string_view value) { note_unparsed(w.id(), key, value); };
    const WayAttributes a = c->mode == Mode::Road ? road_attributes(lookup, c->cls, options_.bridge_defaults, unparsed)
                                                  : rail_attributes(lookup, c->cls, unparsed);
    EdgeSpec e;
    e.mode = c->mode;
    e.road_class = c->cls;
    e.speed_kmh = a.speed_kmh;
    e.flags = a.flags;
    e.limits = a.limits;
    e.layer = a.layer;
    e.gauge_mm = a.gauge_mm;
    e.gauge2_mm = a.gauge2_mm;
    e.osm_way_id = w.id();
    const char* name = tags["name"];
    if (name == nullptr) name = tags["ref"];
    e.name = builder_.add_name(name ? name : "");
    split_into_edges(w, e, a.forward, a.backward);
  }

  // Finishes relation areas and runways; returns the builder.
  NetworkBuilder finish() {
    std::vector<osmium::object_id_type> ids;
    for (const auto& [id, acc] : relation_areas_) ids.push_back(id);
    std::sort(ids.begin(), ids.end());  // map order is not stable; the output must be
    for (const auto id : ids) {
      const AreaAccumulator& acc = relation_areas_[id];
      if (acc.count > 0) places_.push_back({acc.kind, {acc.lon / acc.count, acc.lat / acc.count}, acc.name, id, 'r', 0});
    }
    assign_runways();
    for (const auto& p : places_) builder_.add_place(p);
    return std::move(builder_);
  }

 private:
  struct AreaAccumulator {
    PlaceKind kind{};
    std::string name;
    double lon = 0, lat = 0;
    double count = 0;
  };
  struct Runway {
    geo::LonLat mid;
    double length_m;
  };

  bool is_junction(osmium::object_id_type id) const {
    return std::binary_search(junctions_.begin(), junctions_.end(), id);
  }

  NodeId node_for(const osmium::NodeRef& ref) {
    auto [it, inserted] = node_ids_.try_emplace(ref.ref(), 0);
    if (inserted) it->second = builder_.add_node(to_lonlat(ref.location()), ref.ref());
    return it->second;
  }

  // Cuts the way at junctions (and where node locations are missing) into edges whose
  // intermediate nodes become shape points.
  void split_into_edges(const osmium::Way& w, EdgeSpec e, bool forward, bool backward) {
    const auto& nodes = w.nodes();
    std::vector<geo::LonLat> shape;
    const osmium::NodeRef* start = nullptr;
    double length_m = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const osmium::NodeRef& n = nodes[i];
      if (!n.location().valid()) {
        ++report_.missing_node_locations;
        if (start != nullptr && shape.size() >= 2) emit(e, *start, nodes[i - 1], shape, length_m, forward, backward);
        start = nullptr;
        continue;
      }
      const geo::LonLat p = to_lonlat(n.location());
      if (start == nullptr) {
        start = &n;
        shape.assign(1, p);
        length_m = 0;
        continue;
      }
      length_m += geo::haversine_m(shape.back(), p);
      shape.push_back(p);
      const bool last = i + 1 == nodes.size() || !nodes[i + 1].location().valid();
      if (is_junction(n.ref()) || last) {
        emit(e, *start, n, shape, length_m, forward, backward);
        start = &n;
        shape.assign(1, p);
        length_m = 0;
      }
    }
  }

  void emit(EdgeSpec e, const osmium::NodeRef& from, const osmium::NodeRef& to, const std::vector<geo::LonLat>& shape,
            double length_m, bool forward, bool backward) {
    e.length_m = static_cast<float>(length_m);
    e.shape = builder_.add_shape(shape);
    const NodeId a = node_for(from), b = node_for(to);
    if (forward) {
      e.tail = a, e.head = b;
      builder_.add_edge(e);
    }
    if (backward) {
      e.tail = b, e.head = a;
      e.shape |= kShapeReversed;
      builder_.add_edge(e);
    }
  }

  void add_area_places(const osmium::Way& w) {
    const auto range = area_member_of_.equal_range(w.id());
    if (range.first == range.second && !w.is_closed()) return;
    double lon = 0, lat = 0, count = 0;
    for (const auto& n : w.nodes())
      if (n.location().valid()) lon += n.location().lon(), lat += n.location().lat(), ++count;
    if (count == 0) return;
    for (auto it = range.first; it != range.second; ++it) {
      AreaAccumulator& acc = relation_areas_[it->second];
      acc.lon += lon, acc.lat += lat, acc.count += count;
    }
    if (w.is_closed())
      if (const auto kind = place_kind_of(w.tags()))
        places_.push_back({*kind, {lon / count, lat / count}, place_name_of(w.tags()), w.id(), 'w', 0});
  }

  void add_runway(const osmium::Way& w) {
    double length = 0;
    std::optional<geo::LonLat> prev;
    for (const auto& n : w.nodes()) {
      if (!n.location().valid()) continue;
      const geo::LonLat p = to_lonlat(n.location());
      if (prev) length += geo::haversine_m(*prev, p);
      prev = p;
    }
    const auto& a = w.nodes().front().location();
    const auto& b = w.nodes().back().location();
    if (a.valid() && b.valid()) runways_.push_back({geo::interpolate(to_lonlat(a), to_lonlat(b), 0.5), length});
  }

  // Each airfield gets the longest runway whose midpoint lies within 5 km of it (assumption:
  // runways are rarely tagged with their aerodrome, and aerodromes are a few km across).
  void assign_runways() {
    constexpr double kMaxRunwayDistanceM = 5000;
    for (auto& p : places_) {
      if (p.kind != PlaceKind::Airfield) continue;
      for (const auto& r : runways_)
        if (geo::haversine_m(p.where, r.mid) <= kMaxRunwayDistanceM)
          p.runway_m = std::max(p.runway_m, static_cast<float>(r.length_m));
    }
  }

  void note_unparsed(osmium::object_id_type way, const char* key, std::string_view value) {
    ++report_.unparsed_values[key];
    if (report_.unparsed_examples.size() < 20)
      report_.unparsed_examples.push_back(fmt::format("way {} {}='{}'", way, key, value));
  }

 public:
  // Relation areas need their kind and name from pass 1's relations: filled by import_osm.
  std::unordered_map<osmium::object_id_type, AreaAccumulator> relation_areas_;

 private:
  const ImportOptions& options_;
  ImportReport& report_;
  std::vector<osmium::object_id_type> junctions_;
  const std::unordered_multimap<osmium::object_id_type, osmium::object_id_type>& area_member_of_;
  NetworkBuilder builder_;
  std::unordered_map<osmium::object_id_type, NodeId> node_ids_;
  std::unordered_set<osmium::object_id_type> seen_ways_;
  std::vector<Runway> runways_;
  std::vector<PlaceSpec> places_;
};

// Kind and name of relation areas: a small handler run over relations in pass 1.
class RelationPlaces : public osmium::handler::Handler {
 public:
  explicit RelationPlaces(std::unordered_map<osmium::object_id_type, std::pair<PlaceKind, std::string>>& out) : out_(out) {}
  void relation(const osmium::Relation& r) {
    if (!tag_is(r.tags(), "type", "multipolygon")) return;
    if (const auto kind = place_kind_of(r.tags())) out_[r.id()] = {*kind, place_name_of(r.tags())};
  }

 private:
  std::unordered_map<osmium::object_id_type, std::pair<PlaceKind, std::string>>& out_;
};

}  // namespace

NetworkBuilder import_osm(const ImportOptions& o, ImportReport& report) {
  if (o.inputs.empty()) throw InputError("no input file given");
  for (const auto& path : o.inputs) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path, "no such file");
  }
  TopologyPass topology(o);
  std::unordered_map<osmium::object_id_type, std::pair<PlaceKind, std::string>> relation_places;
  RelationPlaces relations(relation_places);
  read_all(o, osmium::osm_entity_bits::way | osmium::osm_entity_bits::relation, "import: topology", topology, relations);

  BuildPass build(o, report, topology.junctions(), topology.area_member_of_);
  for (const auto& [id, kind_name] : relation_places) {
    auto& acc = build.relation_areas_[id];
    acc.kind = kind_name.first;
    acc.name = kind_name.second;
  }
  LocationIndex index;
  LocationHandler locations{index};
  locations.ignore_errors();  // ways reaching beyond the extract: counted, not fatal
  read_all(o, osmium::osm_entity_bits::node, "import: nodes", locations, build);
  read_all(o, osmium::osm_entity_bits::way, "import: ways", locations, build);
  return build.finish();
}

}  // namespace milmob::osm
