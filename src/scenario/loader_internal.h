#pragma once
// Shared by the loader's source files (one per section of the scenario); not a public header.
#include <map>
#include <optional>
#include <string>

#include "scenario/loader.h"
#include "scenario/yaml_reader.h"

namespace milmob::scenario::detail {

struct Loader {
  const LoadContext& context;
  Diagnostics& diag;
  Scenario& out;
  std::string base_dir;
  bool c_day_known = false;
  // Item nodes by path ("units[3]"), for checks that run after everything is read.
  std::map<std::string, YAML::Node> items;
  // Per unit: home and destination resolved, required delivery read. Checks on distances and
  // dates run only on what was read, so one mistake is not reported twice.
  std::vector<bool> unit_placed, unit_timed;
  std::vector<PlaceUse>& uses;
  bool too_many_units = false;  // over Limits::max_units: not read, so not named elsewhere either

  // Remembers where `place` (read from map[key]) must be reached by `mode`.
  void use(MapReader& map, const std::string& key, const std::optional<PlaceRef>& place, Mode mode);

  // A place by name (preferring places of `kind`, e.g. "port"), [lon, lat] or {lon, lat}.
  std::optional<PlaceRef> place(const YAML::Node& node, const std::string& path, std::string_view kind = {});
  std::optional<PlaceRef> place(MapReader& map, const std::string& key, Need need, std::string_view kind = {});
  std::optional<Minutes> time(MapReader& map, const std::string& key, Need need);
  std::optional<Minutes> duration(MapReader& map, const std::string& key, Need need);
  std::optional<std::string> nation(MapReader& map, const std::string& key, Need need);
  std::optional<std::string> nation(const YAML::Node& node, const std::string& path);
  // A file path, relative to the scenario's directory; reported if it does not exist.
  std::optional<std::string> existing_file(MapReader& map, const std::string& key, Need need);
  // A vehicle type of the catalogue or of the scenario, by name or alias: its canonical name.
  std::optional<std::string> vehicle_type(const YAML::Node& node, const std::string& path);
  const vehicles::VehicleType* find_vehicle(std::string_view name) const;
  void selector(MapReader& map, WaySelector& select);
  std::optional<PlaceRef> resource_place(MapReader& map);

  void read_time(MapReader& root);
  void read_network(MapReader& root);
  void read_vehicles(MapReader& root);
  void read_units(MapReader& root);
  void read_force_packages(MapReader& root);
  void read_rules(MapReader& root);
  void read_resources(MapReader& root);
  void read_disruptions(MapReader& root);
  void cross_checks();
};

}  // namespace milmob::scenario::detail
