#include "scenario/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <yaml-cpp/depthguard.h>
#include <sstream>

#include "common/suggest.h"
#include "scenario/loader_internal.h"
#include "scenario/nations.h"
#include "scenario/time_expr.h"
#include "scenario/vehicle_lookup.h"
#include "scenario/yaml_limits.h"
#include "vehicles/mlc.h"

namespace milmob::scenario {

namespace detail {

std::optional<PlaceRef> Loader::place(const YAML::Node& node, const std::string& path, std::string_view kind) {
  const auto coordinate = [&](const YAML::Node& n, const std::string& p, double limit) {
    return read_number(n, p, diag, -limit, limit);
  };
  if (node.IsScalar()) {
    const Place* found = context.places.find(node.Scalar(), kind);
    if (!found && !kind.empty()) found = context.places.find(node.Scalar());
    if (!found) {
      report_error(diag, node, path,
                   fmt::format("unknown place '{}'{}; give a name from data/places.yaml or Natural Earth, or "
                               "coordinates as [lon, lat]",
                               node.Scalar(), did_you_mean(context.places.suggest(node.Scalar()))));
      return std::nullopt;
    }
    return PlaceRef{node.Scalar(), found->where, found->country};
  }
  if (node.IsSequence() && node.size() == 2) {
    const auto lon = coordinate(node[0], path + "[0]", 180);
    const auto lat = coordinate(node[1], path + "[1]", 90);
    if (!lon || !lat) return std::nullopt;
    return PlaceRef{"", {*lon, *lat}, ""};
  }
  if (node.IsMap()) {
    MapReader map(node, path, diag);
    const auto lon = map.number("lon", Need::Required, -180, 180);
    const auto lat = map.number("lat", Need::Required, -90, 90);
    if (!lon || !lat) return std::nullopt;
    return PlaceRef{"", {*lon, *lat}, ""};
  }
  report_error(diag, node, path,
               fmt::format("expected a place name, [lon, lat] or {{lon: .., lat: ..}}, got {}", describe(node)));
  return std::nullopt;
}

std::optional<PlaceRef> Loader::place(MapReader& map, const std::string& key, Need need, std::string_view kind) {
  const YAML::Node node = map.get(key, need);
  if (!node.IsDefined()) return std::nullopt;
  return place(node, map.path_of(key), kind);
}

std::optional<Minutes> Loader::time(MapReader& map, const std::string& key, Need need) {
  const YAML::Node node = map.get(key, need);
  if (!node.IsDefined()) return std::nullopt;
  if (node.IsScalar()) {
    if (const auto t = parse_time(node.Scalar(), out.c_day)) {
      if (!c_day_known && !node.Scalar().starts_with('C') && !node.Scalar().starts_with('c')) {
        report_error(diag, node, map.path_of(key), "a calendar date needs time.c_day; or write it as 'C+3'");
        return std::nullopt;
      }
      return t;
    }
  }
  report_error(diag, node, map.path_of(key),
               fmt::format("expected a time such as 'C+3', 'C+3 06:00', '2027-03-04' or '2027-03-04T06:00', got {}",
                           describe(node)));
  return std::nullopt;
}

std::optional<Minutes> Loader::duration(MapReader& map, const std::string& key, Need need) {
  const YAML::Node node = map.get(key, need);
  if (!node.IsDefined()) return std::nullopt;
  if (node.IsScalar())
    if (const auto d = parse_duration(node.Scalar()); d && *d > 0) return d;
  report_error(diag, node, map.path_of(key),
               fmt::format("expected a positive duration such as '36h', '5d' or '2d 12h', got {}", describe(node)));
  return std::nullopt;
}

std::optional<std::string> Loader::nation(const YAML::Node& node, const std::string& path) {
  const auto code = read_text(node, path, diag);
  if (!code) return std::nullopt;
  if (is_known_nation(*code)) return code;
  std::string upper = *code;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string hint = is_known_nation(upper) ? fmt::format(" (did you mean '{}'?)", upper)
                                                  : did_you_mean(closest_names(*code, known_nations(), 2));
  report_error(diag, node, path, fmt::format("unknown nation '{}'{}; expected an ISO 3166-1 alpha-3 code such as DEU",
                                             *code, hint));
  return std::nullopt;
}

std::optional<std::string> Loader::nation(MapReader& map, const std::string& key, Need need) {
  const YAML::Node node = map.get(key, need);
  if (!node.IsDefined()) return std::nullopt;
  return nation(node, map.path_of(key));
}

std::optional<std::string> Loader::existing_file(MapReader& map, const std::string& key, Need need) {
  const auto text = map.text(key, need);
  if (!text) return std::nullopt;
  const std::filesystem::path p = std::filesystem::path(*text).is_absolute()
                                      ? std::filesystem::path(*text)
                                      : std::filesystem::path(base_dir) / *text;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) {
    report_error(diag, map.node()[key], map.path_of(key),
                 fmt::format("no such file: '{}'{}", *text,
                             p.is_absolute() && *text == p.string() ? "" : " (relative to the scenario's directory)"));
    return std::nullopt;
  }
  return std::filesystem::absolute(p, ec).lexically_normal().string();
}

const vehicles::VehicleType* Loader::find_vehicle(std::string_view name) const {
  return find_vehicle_type(out, context.catalogue, name);
}

std::optional<std::string> Loader::vehicle_type(const YAML::Node& node, const std::string& path) {
  const auto name = read_text(node, path, diag);
  if (!name) return std::nullopt;
  if (const auto* v = find_vehicle(*name)) return v->name;
  std::vector<std::string> known = context.catalogue.names();
  for (const auto& v : out.custom_vehicles) known.push_back(v.name);
  report_error(diag, node, path,
               fmt::format("unknown vehicle type '{}'{}; see `milmob vehicles` or define it under `vehicles`", *name,
                           did_you_mean(closest_names(*name, known))));
  return std::nullopt;
}

void Loader::selector(MapReader& map, WaySelector& select) {
  if (const auto way = map.number("way", Need::Optional, 1, 1e15)) select.way_id = static_cast<std::int64_t>(*way);
  select.near = place(map, "near", Need::Optional);
  if (const auto r = map.number("radius_m", Need::Optional, 1, 10000)) select.radius_m = *r;
  if (const auto mode = map.choice("mode", Need::Optional, {"road", "rail"})) select.mode = *mode;
  if ((select.way_id != 0) == select.near.has_value() && map.valid())
    report_error(diag, map.node(), map.path(), "expected exactly one of 'way' (an OSM way id) or 'near' (a place)");
}

void Loader::use(MapReader& map, const std::string& key, const std::optional<PlaceRef>& place, Mode mode) {
  if (!place) return;
  const auto [line, column] = position(map.node()[key]);
  uses.push_back({map.path_of(key), line, column, *place, mode});
}

void Loader::read_time(MapReader& root) {
  MapReader time(root.get("time", Need::Required), "time", diag);
  if (const auto text = time.text("c_day", Need::Required)) {
    if (const auto date = parse_iso_date(*text)) {
      out.c_day = *date;
      c_day_known = true;
    } else {
      report_error(diag, time.node()["c_day"], "time.c_day",
                   fmt::format("expected a date as YYYY-MM-DD, got '{}'", *text));
    }
  }
  if (const auto zone = time.text("time_zone")) {
    // Checked against the system's time zone database when it is there (tzdata).
    const bool plausible = *zone == "UTC" || zone->find('/') != std::string::npos;
    std::error_code ec;
    const bool in_db = std::filesystem::exists("/usr/share/zoneinfo/" + *zone, ec);
    const bool have_db = std::filesystem::exists("/usr/share/zoneinfo/UTC", ec);
    if (!plausible || (have_db && !in_db) || zone->find("..") != std::string::npos)
      report_error(diag, time.node()["time_zone"], "time.time_zone",
                   fmt::format("unknown time zone '{}'; expected an IANA name such as Europe/Berlin, or UTC", *zone));
    else
      out.time_zone = *zone;
  }
}

void Loader::read_vehicles(MapReader& root) {
  const YAML::Node list = root.get("vehicles");
  std::set<std::string> seen;
  for_each_item(list, "vehicles", diag, [&](const YAML::Node& item, const std::string& path) {
    if (item.IsScalar()) {  // a catalogue reference
      if (const auto name = vehicle_type(item, path)) out.vehicle_refs.push_back(*name);
      return;
    }
    MapReader v(item, path, diag);
    if (!v.valid()) {
      report_error(diag, item, path, "expected a catalogue vehicle name or a mapping defining a vehicle type");
      return;
    }
    vehicles::VehicleType type;
    bool have_base = false;
    if (const YAML::Node base = v.get("based_on"); base.IsDefined()) {
      if (const auto name = vehicle_type(base, v.path_of("based_on"))) {
        type = *find_vehicle(*name);
        type.aliases.clear();
        have_base = true;
      }
    }
    const Need need = v.has("based_on") ? Need::Optional : Need::Required;
    if (const auto name = v.text("name", Need::Required)) {
      if (context.catalogue.find(*name) || !seen.insert(*name).second)
        report_error(diag, item["name"], v.path_of("name"),
                     fmt::format("vehicle type '{}' is already defined{}", *name,
                                 context.catalogue.find(*name) ? " in the catalogue" : " above"));
      type.name = *name;
    }
    if (const auto n = nation(v, "nation", need)) type.nation = *n;
    if (const auto c = v.choice("category", need, {"mbt", "ifv", "spg", "apc", "truck", "het", "other"}))
      type.category = *c;
    if (const auto t = v.flag("tracked", need)) type.tracked = *t;
    if (const auto w = v.number("weight_t", need, 0.1, 500)) type.weight_t = *w;
    if (const auto x = v.number("length_m", Need::Optional, 0.5, 60)) type.length_m = *x;
    if (const auto x = v.number("width_m", Need::Optional, 0.5, 10)) type.width_m = *x;
    if (const auto x = v.number("height_m", Need::Optional, 0.5, 10)) type.height_m = *x;
    if (const auto x = v.number("axle_load_t", Need::Optional, 0.1, 100)) type.axle_load_t = *x;
    if (const auto x = v.number("road_speed_kmh", Need::Optional, 1, 200)) type.road_speed_kmh = *x;
    if (const auto x = v.number("mlc", Need::Optional, 1, 200)) {
      type.mlc = *x;
      type.mlc_computed = false;
    } else if (!have_base || v.has("weight_t") || v.has("tracked")) {
      type.mlc = vehicles::mlc_from_weight(type.weight_t, type.tracked);
      type.mlc_computed = true;
    }
    if (const auto s = v.text("source", Need::Required)) type.sources["all"] = *s;
    if (const auto n = v.text("notes")) type.notes = *n;
    if (!type.name.empty()) out.custom_vehicles.push_back(std::move(type));
  });
}

void Loader::read_units(MapReader& root) {
  const YAML::Node list = root.get("units", Need::Required);
  const Limits& limits = context.limits;
  if (list.IsSequence() && list.size() > limits.max_units) {
    report_error(diag, list, "units",
                 fmt::format("{} units, more than the limit of {} (--max-units)", list.size(), limits.max_units));
    too_many_units = true;
    return;
  }
  std::map<std::string, std::string> ids;  // id -> path of its first use
  for_each_item(list, "units", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader u(item, path, diag);
    if (!u.valid()) {
      if (item.IsNull()) report_error(diag, item, path, "expected a unit (id, nation, home, ...), got nothing");
      return;
    }
    items[path] = item;
    Unit unit;
    if (const auto id = u.text("id", Need::Required)) {
      if (const auto [it, fresh] = ids.emplace(*id, path); !fresh)
        report_error(diag, item["id"], u.path_of("id"), fmt::format("duplicate unit id '{}' (first at {})", *id, it->second));
      unit.id = *id;
    }
    if (const auto n = u.text("name")) unit.name = *n;
    if (const auto n = nation(u, "nation", Need::Required)) unit.nation = *n;
    const auto home = place(u, "home", Need::Required, "garrison");
    const auto destination = place(u, "destination", Need::Required, "assembly_area");
    if (home) unit.home = *home;
    if (destination) unit.destination = *destination;
    use(u, "home", home, Mode::Road);
    use(u, "destination", destination, Mode::Road);
    unit_placed.push_back(home && destination);
    for_each_item(u.get("equipment", Need::Required), u.path_of("equipment"), diag,
                  [&](const YAML::Node& e, const std::string& epath) {
                    MapReader entry(e, epath, diag);
                    if (!entry.valid()) {
                      if (e.IsNull()) report_error(diag, e, epath, "expected {type: .., count: ..}, got nothing");
                      return;
                    }
                    Equipment eq;
                    const YAML::Node type = entry.get("type", Need::Required);
                    if (type.IsDefined())
                      if (const auto t = vehicle_type(type, entry.path_of("type"))) eq.type = *t;
                    if (const auto c = entry.integer("count", Need::Required, 1, 10000)) eq.count = *c;
                    if (!eq.type.empty() && eq.count > 0) unit.equipment.push_back(eq);
                  });
    if (const auto p = u.integer("personnel", Need::Optional, 0, 100000)) unit.personnel = *p;
    if (const auto h = u.number("notice_to_move_h", Need::Optional, 0, 24 * 365)) unit.notice_to_move_h = *h;
    unit.earliest_arrival = time(u, "earliest_arrival", Need::Optional);
    const auto delivery = time(u, "required_delivery", Need::Required);
    if (delivery) unit.required_delivery = *delivery;
    unit_timed.push_back(delivery.has_value());
    if (const auto p = u.integer("priority", Need::Optional, 1, 9)) unit.priority = *p;
    out.units.push_back(std::move(unit));
  });
  if (list.IsSequence() && list.size() == 0) report_error(diag, list, "units", "expected at least one unit");
  std::uint64_t vehicles = 0;
  for (const auto& unit : out.units)
    for (const auto& e : unit.equipment) vehicles += static_cast<std::uint64_t>(e.count);
  if (vehicles > limits.max_vehicles)
    report_error(diag, list, "units",
                 fmt::format("{} vehicles in all units, more than the limit of {} (--max-vehicles)", vehicles,
                             limits.max_vehicles));
}

void Loader::read_force_packages(MapReader& root) {
  if (too_many_units) {
    root.get("force_packages");  // known, but its unit names cannot be checked
    return;
  }
  std::set<std::string> unit_ids, package_ids;
  for (const auto& u : out.units) unit_ids.insert(u.id);
  std::map<std::string, std::string> member_of;  // unit id -> package id
  for_each_item(root.get("force_packages"), "force_packages", diag, [&](const YAML::Node& item, const std::string& path) {
    MapReader p(item, path, diag);
    ForcePackage package;
    if (const auto id = p.text("id", Need::Required)) {
      if (!package_ids.insert(*id).second)
        report_error(diag, item["id"], p.path_of("id"), fmt::format("duplicate force package id '{}'", *id));
      package.id = *id;
    }
    if (const auto n = p.text("name")) package.name = *n;
    for_each_item(p.get("units", Need::Required), p.path_of("units"), diag, [&](const YAML::Node& u, const std::string& upath) {
      const auto id = read_text(u, upath, diag);
      if (!id) return;
      if (!unit_ids.count(*id)) {
        report_error(diag, u, upath,
                     fmt::format("unknown unit '{}'{}", *id,
                                 did_you_mean(closest_names(*id, {unit_ids.begin(), unit_ids.end()}))));
        return;
      }
      if (const auto [it, fresh] = member_of.emplace(*id, package.id); !fresh)
        report_error(diag, u, upath, fmt::format("unit '{}' is already in force package '{}'", *id, it->second));
      package.units.push_back(*id);
    });
    out.force_packages.push_back(std::move(package));
  });
}

// Reads the whole document; sections that fail are reported and the others still read.
void read_document(Loader& loader, const YAML::Node& doc) {
  if (!doc.IsMap()) {
    report_error(loader.diag, doc, "",
                 fmt::format("expected a scenario: a mapping with time, units, ... (docs/scenario.md), got {}",
                             describe(doc)));
    return;
  }
  MapReader root(doc, "", loader.diag);
  if (const auto v = root.integer("version", Need::Optional, 1, 1000); v && *v != 1)
    report_error(loader.diag, doc["version"], "version", fmt::format("this milmob reads version 1, got {}", *v));
  if (const auto n = root.text("name", Need::Required)) loader.out.name = *n;
  if (const auto d = root.text("description")) loader.out.description = *d;
  loader.read_time(root);
  loader.read_network(root);
  loader.read_vehicles(root);
  loader.read_units(root);
  loader.read_force_packages(root);
  loader.read_rules(root);
  loader.read_resources(root);
  loader.read_disruptions(root);
  loader.cross_checks();
}

}  // namespace detail

namespace {

// Refuses what is not a YAML text before yaml-cpp sees it.
bool looks_like_text(const std::string& text, std::string& why) {
  if (text.find('\0') != std::string::npos) {
    why = "not a text file (it contains NUL bytes): expected a YAML scenario";
    return false;
  }
  // Valid UTF-8 only: a binary file passed by mistake should not produce a parser error deep inside.
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) {
      why = fmt::format("not UTF-8 text (invalid byte at offset {}): expected a YAML scenario", i);
      return false;
    }
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        why = fmt::format("not UTF-8 text (invalid byte at offset {}): expected a YAML scenario", i + k);
        return false;
      }
    i += n;
  }
  return true;
}

std::string too_large_message(std::uintmax_t size, const Limits& limits) {
  return fmt::format("file too large: {} bytes, more than the limit of {} bytes (--max-scenario-bytes)", size,
                     limits.max_scenario_bytes);
}

}  // namespace

LoadResult load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir,
                              const LoadContext& context) {
  LoadResult result(name);
  result.scenario.file = name;
  std::string why;
  if (text.size() > context.limits.max_scenario_bytes) {
    result.diagnostics.error(0, 0, "", too_large_message(text.size(), context.limits));
    return result;
  }
  if (!looks_like_text(text, why)) {
    result.diagnostics.error(0, 0, "", why);
    return result;
  }
  if (const auto problem = check_yaml_shape(text, context.limits)) {
    result.diagnostics.error(problem->line, problem->column, "", problem->message);
    return result;
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp stops before its stack does; its own message for this is unhelpful.
    result.diagnostics.error(e.mark.line + 1, e.mark.column + 1, "",
                             "nested too deeply: a scenario needs a few levels of lists and mappings, not hundreds");
    return result;
  } catch (const YAML::ParserException& e) {
    result.diagnostics.error(e.mark.line + 1, e.mark.column + 1, "", fmt::format("YAML syntax: {}", e.msg));
    return result;
  }
  if (!doc.IsDefined() || doc.IsNull()) {
    result.diagnostics.error(0, 0, "", "empty file: expected a scenario (docs/scenario.md)");
    return result;
  }
  detail::Loader loader{context, result.diagnostics, result.scenario, base_dir, false, {}, {}, {}, result.place_uses};
  detail::read_document(loader, doc);
  return result;
}

LoadResult load_scenario(const std::string& path, const LoadContext& context) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path, ec)) {
    LoadResult result(path);
    result.diagnostics.error(0, 0, "", "cannot open the scenario file (no such file, or not a regular file)");
    return result;
  }
  if (size > context.limits.max_scenario_bytes) {
    LoadResult result(path);
    result.diagnostics.error(0, 0, "", too_large_message(size, context.limits));
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return load_scenario_text(text.str(), path, dir.empty() ? "." : dir, context);
}

}  // namespace milmob::scenario
