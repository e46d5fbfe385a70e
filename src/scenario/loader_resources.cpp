// The `resources` and `disruptions` sections: capacities over time, and named events.
#include <fmt/format.h>

#include <set>

#include "scenario/loader_internal.h"

namespace milmob::scenario::detail {

namespace {

// Reads resources[key] as a list of mappings with `read(map, path)` for each item.
template <typename Read>
void each(Loader& l, MapReader& res, const std::string& key, Read read) {
  for_each_item(res.get(key), res.path_of(key), l.diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader m(item, path, l.diag);
    if (!m.valid()) {
      if (item.IsNull()) report_error(l.diag, item, path, "expected a mapping, got nothing");
      return;
    }
    l.items[path] = item;
    read(m);
  });
}

// Places listed twice in one resource list are almost always a copy-and-paste slip.
void no_duplicate_places(Loader& l, MapReader& res, const std::string& key, std::set<std::string>& seen,
                         const std::optional<PlaceRef>& place, MapReader& m) {
  if (!place || place->name.empty()) return;
  if (!seen.insert(fold_name(place->name)).second)
    report_error(l.diag, m.node()["place"], m.path_of("place"),
                 fmt::format("'{}' is already listed under {}", place->name, res.path_of(key)));
}

}  // namespace

void Loader::read_resources(MapReader& root) {
  MapReader res(root.get("resources"), "resources", diag);
  Resources& r = out.resources;
  std::set<std::string> railheads, ports, transshipment, airfields, centres, areas, het_nations;
  each(*this, res, "railheads", [&](MapReader& m) {
    Railhead x;
    const auto p = place(m, "place", Need::Required, "railhead");
    use(m, "place", p, Mode::Rail);
    no_duplicate_places(*this, res, "railheads", railheads, p, m);
    if (p) x.place = *p;
    if (const auto v = m.number("trains_per_day", Need::Required, 0.1, 100)) x.trains_per_day = *v;
    if (const auto v = m.number("loading_hours_per_train", Need::Required, 0.1, 72)) x.loading_hours_per_train = *v;
    if (x.trains_per_day * x.loading_hours_per_train > 24 * 10)
      report_warning(diag, m.node(), m.path(),
                     fmt::format("{} trains a day at {} h each need {:.0f} loading hours a day: more than 10 ramps "
                                 "working around the clock",
                                 x.trains_per_day, x.loading_hours_per_train, x.trains_per_day * x.loading_hours_per_train));
    r.railheads.push_back(std::move(x));
  });
  std::set<std::pair<std::string, int>> fleets;  // a nation may run one fleet per gauge
  each(*this, res, "rail", [&](MapReader& m) {
    RailFleet x;
    const auto n = nation(m, "nation", Need::Required);
    if (n) x.nation = *n;
    if (const auto v = m.integer("trains", Need::Required, 1, 1000)) x.trains = *v;
    if (const auto v = m.integer("wagons_per_train", Need::Required, 1, 100)) x.wagons_per_train = *v;
    if (const auto v = m.number("speed_kmh", Need::Optional, 5, 200)) x.speed_kmh = *v;
    if (const auto v = m.integer("gauge_mm", Need::Optional, 600, 1700)) {
      if (*v != 1435 && *v != 1520 && *v != 1524 && *v != 1668)
        report_warning(diag, m.node()["gauge_mm"], m.path_of("gauge_mm"),
                       fmt::format("{} mm is not a main-line gauge in Europe (1435, 1520, 1524, 1668)", *v));
      x.gauge_mm = *v;
    }
    if (n && !fleets.emplace(*n, x.gauge_mm).second)
      report_error(diag, m.node()["nation"], m.path_of("nation"),
                   fmt::format("'{}' already has a rail entry for {} mm", *n, x.gauge_mm));
    r.rail.push_back(std::move(x));
  });
  each(*this, res, "transshipment", [&](MapReader& m) {
    Transshipment x;
    const auto p = place(m, "place", Need::Required, "transshipment");
    use(m, "place", p, Mode::Rail);
    no_duplicate_places(*this, res, "transshipment", transshipment, p, m);
    if (p) x.place = *p;
    if (const auto v = m.number("vehicles_per_day", Need::Required, 1, 100000)) x.vehicles_per_day = *v;
    r.transshipment.push_back(std::move(x));
  });
  each(*this, res, "ports", [&](MapReader& m) {
    Port x;
    const auto p = place(m, "place", Need::Required, "port");
    use(m, "place", p, Mode::Road);
    no_duplicate_places(*this, res, "ports", ports, p, m);
    if (p) x.place = *p;
    if (const auto v = m.integer("berths", Need::Required, 1, 200)) x.berths = *v;
    if (const auto v = m.number("vehicles_per_day", Need::Required, 1, 100000)) x.vehicles_per_day = *v;
    r.ports.push_back(std::move(x));
  });
  each(*this, res, "ships", [&](MapReader& m) {
    Ship x;
    if (const auto n = m.text("name", Need::Required)) x.name = *n;
    if (const auto v = m.number("lane_metres", Need::Required, 10, 20000)) x.lane_metres = *v;
    if (const auto v = m.number("speed_kn", Need::Required, 1, 50)) x.speed_kn = *v;
    if (const auto v = m.integer("count", Need::Optional, 1, 500)) x.count = *v; else x.count = 1;
    if (const auto t = time(m, "available_from", Need::Optional)) x.available_from = *t;
    r.ships.push_back(std::move(x));
  });
  each(*this, res, "airfields", [&](MapReader& m) {
    Airfield x;
    const auto p = place(m, "place", Need::Required, "airfield");
    use(m, "place", p, Mode::Road);
    no_duplicate_places(*this, res, "airfields", airfields, p, m);
    if (p) x.place = *p;
    if (const auto v = m.integer("max_on_ground", Need::Required, 1, 500)) x.max_on_ground = *v;
    if (const auto v = m.number("handling_hours", Need::Required, 0.1, 72)) x.handling_hours = *v;
    r.airfields.push_back(std::move(x));
  });
  each(*this, res, "aircraft", [&](MapReader& m) {
    Aircraft x;
    if (const auto n = m.text("type", Need::Required)) x.type = *n;
    if (const auto v = m.number("payload_t", Need::Required, 0.1, 300)) x.payload_t = *v;
    if (const auto v = m.integer("count", Need::Required, 1, 1000)) x.count = *v;
    if (const auto v = m.number("speed_kmh", Need::Optional, 100, 1200)) x.speed_kmh = *v;
    if (const auto v = m.integer("passengers", Need::Optional, 1, 1000)) x.passengers = *v;
    r.aircraft.push_back(std::move(x));
  });
  each(*this, res, "hets", [&](MapReader& m) {
    HetFleet x;
    if (const auto n = nation(m, "nation", Need::Required)) {
      if (!het_nations.insert(*n).second)
        report_error(diag, m.node()["nation"], m.path_of("nation"), fmt::format("'{}' already has a HET entry", *n));
      x.nation = *n;
    }
    if (const auto v = m.integer("count", Need::Required, 1, 10000)) x.count = *v;
    r.hets.push_back(std::move(x));
  });
  each(*this, res, "convoy_support_centres", [&](MapReader& m) {
    ConvoySupportCentre x;
    const auto p = place(m, "place", Need::Required);
    use(m, "place", p, Mode::Road);
    no_duplicate_places(*this, res, "convoy_support_centres", centres, p, m);
    if (p) x.place = *p;
    if (const auto v = m.number("vehicles_per_night", Need::Required, 1, 10000)) x.vehicles_per_night = *v;
    if (const auto v = m.number("fuel_m3", Need::Optional, 0, 100000)) x.fuel_m3 = *v;
    r.convoy_support_centres.push_back(std::move(x));
  });
  each(*this, res, "staging_areas", [&](MapReader& m) {
    StagingArea x;
    const auto p = place(m, "place", Need::Required, "assembly_area");
    use(m, "place", p, Mode::Road);
    no_duplicate_places(*this, res, "staging_areas", areas, p, m);
    if (p) x.place = *p;
    if (const auto k = m.choice("kind", Need::Optional, {"staging", "assembly"})) x.kind = *k;
    if (const auto v = m.number("capacity_vehicles", Need::Required, 1, 100000)) x.capacity_vehicles = *v;
    r.staging_areas.push_back(std::move(x));
  });
}

// A capacity cut names a resource: the place of that resource entry (a port named "Szczecin"
// is the port, not the city of the same name), else any place.
std::optional<PlaceRef> Loader::resource_place(MapReader& m) {
  const YAML::Node node = m.get("place", Need::Required);
  if (!node.IsDefined()) return std::nullopt;
  if (node.IsScalar()) {
    const std::string wanted = fold_name(node.Scalar());
    const Resources& r = out.resources;
    std::vector<const PlaceRef*> all;
    for (const auto& x : r.ports) all.push_back(&x.place);
    for (const auto& x : r.railheads) all.push_back(&x.place);
    for (const auto& x : r.transshipment) all.push_back(&x.place);
    for (const auto& x : r.airfields) all.push_back(&x.place);
    for (const auto& x : r.convoy_support_centres) all.push_back(&x.place);
    for (const auto& x : r.staging_areas) all.push_back(&x.place);
    for (const PlaceRef* p : all)
      if (!p->name.empty() && fold_name(p->name) == wanted) return *p;
  }
  return place(node, m.path_of("place"));
}

void Loader::read_disruptions(MapReader& root) {
  if (const YAML::Node list = root.get("disruptions"); list.IsSequence() && list.size() > context.limits.max_disruptions) {
    report_error(diag, list, "disruptions",
                 fmt::format("{} disruptions, more than the limit of {} (--max-disruptions)", list.size(),
                             context.limits.max_disruptions));
    return;
  }
  std::set<std::string> names;
  for_each_item(root.get("disruptions"), "disruptions", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader m(item, path, diag);
    if (!m.valid()) return;
    Disruption d;
    if (const auto n = m.text("name", Need::Required)) {
      if (!names.insert(*n).second)
        report_error(diag, item["name"], m.path_of("name"), fmt::format("duplicate disruption name '{}'", *n));
      d.name = *n;
    }
    const auto kind = m.choice("kind", Need::Required, {"bridge_lost", "road_closed", "border_closed", "capacity_cut"});
    if (const auto t = time(m, "at", Need::Required)) d.at = *t;
    d.duration = duration(m, "duration", Need::Optional);
    if (!kind) {  // the remaining fields depend on the kind: do not call them unknown as well
      for (const char* key : {"way", "near", "radius_m", "mode", "nations", "place", "capacity_factor"}) m.known(key);
      return;
    }
    d.kind = *kind;
    if (d.kind == "bridge_lost" || d.kind == "road_closed") {
      selector(m, d.select);
    } else if (d.kind == "border_closed") {
      for_each_item(m.get("nations", Need::Required), m.path_of("nations"), diag,
                    [&](const YAML::Node& n, const std::string& npath) {
                      if (const auto code = nation(n, npath)) d.nations.push_back(*code);
                    });
      if (const YAML::Node n = item["nations"]; n.IsDefined() && n.IsSequence() && n.size() != 2)
        report_error(diag, n, m.path_of("nations"), "expected the two nations either side of the border");
    } else {  // capacity_cut
      d.place = resource_place(m);
      if (const auto f = m.number("capacity_factor", Need::Required, 0, 1)) d.capacity_factor = *f;
    }
    out.disruptions.push_back(std::move(d));
  });
}

}  // namespace milmob::scenario::detail
