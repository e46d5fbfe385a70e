#pragma once
// A scenario as the loader (scenario/loader.h) hands it to planning: the force, the rules of
// each nation and the resources available, with every name resolved (places to coordinates,
// equipment to vehicle types) and every time in minutes from C-day 00:00 UTC.
// The file format is documented in docs/scenario.md; schema/scenario.schema.json mirrors it.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/coord.h"
#include "vehicles/vehicle.h"

namespace milmob::scenario {

using Minutes = std::int64_t;  // from C-day 00:00 UTC (DESIGN.md "Time")
constexpr Minutes kMinutesPerDay = 24 * 60;

// A place given by name (resolved through the places table) or by coordinates.
struct PlaceRef {
  std::string name;  // as written; empty for coordinates
  geo::LonLat where;
  std::string country;  // ISO alpha-3 when the places table knows it
  // How plans name the place: its name, or "lon,lat" with four decimals.
  std::string label() const;
};

// --- network -------------------------------------------------------------------------------

struct NetworkSource {
  std::string path;     // resolved against the scenario file's directory
  std::string mapping;  // GIS layers: attribute mapping file, optional
};

// Selects ways of the network: an OSM way id, or the edges within radius_m of a point
// (a bridge known by its position).
struct WaySelector {
  std::int64_t way_id = 0;
  std::optional<PlaceRef> near;
  double radius_m = 50;
  std::string mode;  // road | rail; empty = both (a strategic layer draws both on one line)
};

// A permanent change to the imported attributes (a bridge reclassified, a road closed).
struct Override {
  WaySelector select;
  std::optional<double> mlc_wheeled, mlc_tracked, max_weight_t, max_height_m, max_width_m;
  bool closed = false;
  std::string reason, source;
};

// A link the data does not have: a ferry, a temporary (military) bridge.
struct AddedLink {
  std::string name;
  PlaceRef from, to;
  std::string mode = "road";  // road | rail | sea
  std::optional<double> length_km;  // default: great-circle distance
  double speed_kmh = 30;
  std::optional<double> mlc_wheeled, mlc_tracked, max_weight_t;
  bool oneway = false;
  std::string source;
};

// Ways closed during [from, until).
struct Closure {
  std::string name;
  WaySelector select;
  Minutes from = 0, until = 0;
  std::string reason;
};

struct NetworkSpec {
  std::string file;  // a prebuilt network file (milmob import), resolved; or:
  std::vector<NetworkSource> sources;
  std::vector<Override> overrides;
  std::vector<AddedLink> added_links;
  std::vector<Closure> closures;
};

// --- force ---------------------------------------------------------------------------------

struct Equipment {
  std::string type;  // canonical name of a catalogue or scenario vehicle type
  int count = 0;
};

struct Unit {
  std::string id, name, nation;
  PlaceRef home, destination;
  std::vector<Equipment> equipment;
  int personnel = 0;
  double notice_to_move_h = 0;
  std::optional<Minutes> earliest_arrival;
  Minutes required_delivery = 0;
  int priority = 3;  // 1 = first
};

struct ForcePackage {
  std::string id, name;
  std::vector<std::string> units;  // unit ids
};

// --- rules ---------------------------------------------------------------------------------

struct PermissionRule {
  std::string from, to;  // nation pair; `from` empty = any moving nation
  double lead_time_working_days = 0;
};

struct PreapprovedCorridor {
  std::string name;
  std::vector<std::string> nations;  // transit under this corridor needs no permission
  double lead_time_hours = 0;
};

struct BorderPermissions {
  double default_lead_time_working_days = 5;  // EU pledge (DOMAIN.md "Legislation")
  std::map<std::string, double> by_granting_nation;
  std::vector<PermissionRule> pairs;
  std::vector<PreapprovedCorridor> corridors;
};

struct MovementWindow {
  std::string nation;
  bool no_weekends = false, no_public_holidays = false;
  // Movement allowed only between these minutes of the (UTC) day; from > until wraps midnight.
  std::optional<std::pair<int, int>> allowed;
};

struct ConvoyRules {  // defaults: DOMAIN.md "Road movement"
  int vehicles_per_march_unit = 20;
  double gap_urban_m = 50, gap_rural_m = 150, gap_motorway_m = 200;
  double march_unit_gap_min = 10;                                // assumption
  double speed_built_up_kmh = 24, speed_two_lane_kmh = 40, speed_motorway_kmh = 66;
  double max_driving_hours_per_day = 10;                         // assumption (no doctrine found)
  double first_halt_after_min = 60, first_halt_min = 15, halt_every_min = 120, halt_min = 10;
  int seats_per_vehicle = 2;  // assumption: the crew that rides with each vehicle (driver and co-driver)
};

struct HetRule {
  double tracked_over_km = 100;  // assumption: tracked vehicles ride a HET on longer road legs
};

struct Rules {
  BorderPermissions permissions;
  std::vector<MovementWindow> windows;
  std::string holidays_file;  // resolved; empty = the shipped data/holidays.yaml
  ConvoyRules convoy;
  HetRule het;
};

// --- resources -----------------------------------------------------------------------------

struct Railhead {
  PlaceRef place;
  double trains_per_day = 0, loading_hours_per_train = 0;
};
struct RailFleet {
  std::string nation;
  int trains = 0, wagons_per_train = 0;
  double speed_kmh = 0;
  int gauge_mm = 1435;
};
struct Transshipment {
  PlaceRef place;
  double vehicles_per_day = 0;
};
struct Port {
  PlaceRef place;
  int berths = 0;
  double vehicles_per_day = 0;
};
struct Ship {
  std::string name;
  double lane_metres = 0, speed_kn = 0;
  int count = 0;
  Minutes available_from = 0;
};
struct Airfield {
  PlaceRef place;
  int max_on_ground = 0;
  double handling_hours = 0;
};
struct Aircraft {
  std::string type;
  double payload_t = 0;
  int count = 0;
  double speed_kmh = 0;
  int passengers = 0;  // troop seats a sortie; 0: the type flies no personnel
};
struct HetFleet {
  std::string nation;
  int count = 0;
};
struct ConvoySupportCentre {
  PlaceRef place;
  double vehicles_per_night = 0, fuel_m3 = 0;
};
struct StagingArea {
  PlaceRef place;
  std::string kind = "staging";  // staging | assembly
  double capacity_vehicles = 0;
};

struct Resources {
  std::vector<Railhead> railheads;
  std::vector<RailFleet> rail;
  std::vector<Transshipment> transshipment;
  std::vector<Port> ports;
  std::vector<Ship> ships;
  std::vector<Airfield> airfields;
  std::vector<Aircraft> aircraft;
  std::vector<HetFleet> hets;
  std::vector<ConvoySupportCentre> convoy_support_centres;
  std::vector<StagingArea> staging_areas;
};

// --- disruptions ---------------------------------------------------------------------------

// A named event for what-if analysis. Which fields apply depends on the kind:
//   bridge_lost, road_closed: select (ways) from `at` for `duration` (open-ended if none)
//   border_closed: nations (a pair) from `at`
//   capacity_cut: place (port, railhead, transshipment point, convoy support centre) keeps
//                 `capacity_factor` of its capacity
struct Disruption {
  std::string name, kind;
  Minutes at = 0;
  std::optional<Minutes> duration;
  WaySelector select;
  std::vector<std::string> nations;
  std::optional<PlaceRef> place;
  double capacity_factor = 1;
};

// --- the scenario --------------------------------------------------------------------------

struct Scenario {
  std::string file;  // where it was read from
  std::string name, description;
  std::chrono::year_month_day c_day{};
  std::string time_zone = "UTC";  // for reports; times are UTC
  NetworkSpec network;
  std::vector<std::string> vehicle_refs;            // catalogue types named in `vehicles`
  std::vector<vehicles::VehicleType> custom_vehicles;
  std::vector<Unit> units;
  std::vector<ForcePackage> force_packages;
  Rules rules;
  Resources resources;
  std::vector<Disruption> disruptions;
};

}  // namespace milmob::scenario
