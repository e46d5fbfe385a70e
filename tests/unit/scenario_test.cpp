// The scenario module: time expressions, suggestions, the loader (resolution, defaults, every
// error at once, canonical round trip) and the force requirements.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "common/suggest.h"
#include "network/builder.h"
#include "scenario/coverage.h"
#include "scenario/forces.h"
#include "scenario/loader.h"
#include "scenario/scenario_json.h"
#include "scenario/time_expr.h"
#include "vehicles/catalogue.h"

namespace ms = milmob::scenario;

namespace {

const std::chrono::year_month_day kCDay{std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};

const milmob::vehicles::Catalogue& catalogue() {
  static const auto c = milmob::vehicles::Catalogue::load(std::string(MILMOB_DATA_DIR) + "/vehicles.yaml");
  return c;
}

const ms::PlaceTable& places() {
  static const auto p = ms::PlaceTable::load(std::string(MILMOB_DATA_DIR) + "/places.yaml",
                                             std::string(MILMOB_DATA_DIR) + "/naturalearth/ne_10m_populated_places_europe.geojson",
                                             std::string(MILMOB_DATA_DIR) + "/naturalearth/ne_10m_ports_europe.geojson");
  return p;
}

ms::LoadResult load(const std::string& text) {
  return ms::load_scenario_text(text, "s.yaml", MILMOB_DATA_DIR, {catalogue(), places()});
}

std::string messages(const ms::LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics.sorted()) out += d.to_string() + "\n";
  return out;
}

// Paths resolve against MILMOB_DATA_DIR (the base directory given above).
const std::string kScenario = R"(version: 1
name: "Two units"
time: {c_day: 2027-03-01, time_zone: Europe/Vilnius}
network:
  sources: [{path: osm/liechtenstein-2013-08-03.osm.pbf}]
vehicles:
  - name: "Leopard 2A6 with mine plough"
    based_on: "Leo 2A6"
    weight_t: 66
    source: "assumption"
units:
  - id: tank
    nation: DEU
    home: "munster"
    destination: "Rukla"
    equipment:
      - {type: "Leo 2A6", count: 4}
      - {type: "Leopard 2A6 with mine plough", count: 1}
    personnel: 24
    notice_to_move_h: 48
    earliest_arrival: "C+4 06:00"
    required_delivery: "2027-03-10T18:00"
  - id: boxer
    nation: NLD
    home: [5.35, 51.5]
    destination: {lon: 24.38, lat: 55.05}
    equipment: [{type: Boxer, count: 10}]
    required_delivery: C+9
force_packages:
  - {id: vjtf, name: "VJTF land", units: [tank, boxer]}
rules:
  border_permissions:
    default_lead_time_working_days: 3
    nations: [{nation: POL, lead_time_working_days: 5}]
    pairs: [{from: DEU, to: LTU, lead_time_working_days: 1}]
  movement_windows:
    - {nation: DEU, no_weekends: true, no_public_holidays: true, allowed_hours: "21:00-05:00"}
  convoy: {vehicles_per_march_unit: 15}
resources:
  ports: [{place: Vlissingen, berths: 2, vehicles_per_day: 400}]
  ships: [{name: "Hurst Point", lane_metres: 2650, speed_kn: 17, count: 2, available_from: C+2}]
disruptions:
  - {name: "Vistula bridge", kind: bridge_lost, at: "C+3 12:00", near: [19.0, 52.0], radius_m: 200}
  - {name: "border", kind: border_closed, at: C+2, duration: 2d 12h, nations: [POL, LTU]}
)";

}  // namespace

TEST(TimeExpressions, ParseAndFormatRoundTrip) {
  EXPECT_EQ(ms::parse_time("C+3", kCDay), 3 * 1440);
  EXPECT_EQ(ms::parse_time("C+3 06:30", kCDay), 3 * 1440 + 390);
  EXPECT_EQ(ms::parse_time("C-2 18:30", kCDay), -2 * 1440 + 1110);
  EXPECT_EQ(ms::parse_time("2027-03-04", kCDay), 3 * 1440);
  EXPECT_EQ(ms::parse_time("2027-02-28T23:00", kCDay), -60);
  EXPECT_EQ(ms::parse_time("2027-03-04 06:00", kCDay), 3 * 1440 + 360);
  for (const ms::Minutes t : {0L, 60L, 1440L, -60L, -1440L, -1441L, 10 * 1440L + 5})
    EXPECT_EQ(ms::parse_time(ms::format_time(t), kCDay), t) << ms::format_time(t);
  EXPECT_EQ(ms::format_time(-60), "C-1 23:00");
  for (const char* bad : {"", "C+", "C+x", "C+1 25:00", "C+1 6:00", "tomorrow", "2027-02-29", "2027-03-04T", "C+99999"})
    EXPECT_FALSE(ms::parse_time(bad, kCDay).has_value()) << bad;
}

TEST(TimeExpressions, Durations) {
  EXPECT_EQ(ms::parse_duration("36h"), 36 * 60);
  EXPECT_EQ(ms::parse_duration("2d 12h"), 60 * 60);
  EXPECT_EQ(ms::parse_duration("90min"), 90);
  EXPECT_EQ(ms::format_duration(2 * 1440 + 12 * 60 + 5), "2d 12h 5min");
  for (const char* bad : {"", "3 days", "h", "-1h", "5"}) EXPECT_FALSE(ms::parse_duration(bad).has_value()) << bad;
}

TEST(Suggestions, ClosestNamesAndPhrase) {
  EXPECT_EQ(milmob::closest_names("personel", {"personnel", "priority", "name"}),
            std::vector<std::string>{"personnel"});
  EXPECT_TRUE(milmob::closest_names("zzzzzz", {"personnel"}).empty());
  EXPECT_EQ(milmob::did_you_mean({"a", "b", "c"}), " (did you mean 'a', 'b' or 'c'?)");
  EXPECT_EQ(milmob::did_you_mean({}), "");
}

TEST(ScenarioLoader, ResolvesNamesAndTimes) {
  const auto r = load(kScenario);
  ASSERT_TRUE(r.ok()) << messages(r);
  const ms::Scenario& s = r.scenario;
  ASSERT_EQ(s.units.size(), 2u);
  const ms::Unit& tank = s.units[0];
  EXPECT_EQ(tank.home.name, "munster");
  EXPECT_EQ(tank.destination.country, "LTU");
  EXPECT_NEAR(tank.destination.where.lon, 24.377, 0.01);
  EXPECT_EQ(tank.equipment[0].type, "Leopard 2A6");  // the alias resolved to the canonical name
  EXPECT_EQ(tank.earliest_arrival, 4 * 1440 + 360);
  EXPECT_EQ(tank.required_delivery, 9 * 1440 + 18 * 60);
  ASSERT_EQ(s.custom_vehicles.size(), 1u);
  EXPECT_EQ(s.custom_vehicles[0].weight_t, 66);
  EXPECT_EQ(s.custom_vehicles[0].height_m, 3.0);  // from the catalogue vehicle it is based on
  EXPECT_TRUE(s.custom_vehicles[0].mlc_computed);
  EXPECT_EQ(s.rules.permissions.by_granting_nation.at("POL"), 5);
  EXPECT_EQ(s.rules.windows[0].allowed, std::make_pair(21 * 60, 5 * 60));
  EXPECT_EQ(s.rules.convoy.vehicles_per_march_unit, 15);
  EXPECT_EQ(s.rules.convoy.gap_rural_m, 150);  // default, DOMAIN.md
  EXPECT_EQ(s.disruptions[1].duration, 60 * 60);
  EXPECT_EQ(s.time_zone, "Europe/Vilnius");
}

TEST(ScenarioLoader, CanonicalDumpRoundTripsByteForByte) {
  const auto first = load(kScenario);
  ASSERT_TRUE(first.ok()) << messages(first);
  const std::string dump = ms::to_document(first.scenario).dump(2);
  const auto second = load(dump);
  ASSERT_TRUE(second.ok()) << messages(second) << dump;
  EXPECT_EQ(ms::to_document(second.scenario).dump(2), dump);
  EXPECT_EQ(ms::to_document(load(kScenario).scenario).dump(2), dump);  // deterministic
}

TEST(ScenarioLoader, ReportsEveryErrorInOneRun) {
  std::string text = kScenario;
  const auto replace = [&](const std::string& from, const std::string& to) { text.replace(text.find(from), from.size(), to); };
  replace("nation: NLD", "nation: NL");
  replace("count: 10", "count: ten");
  replace("home: \"munster\"", "home: \"Munstr\"");
  replace("speed_kn: 17", "speed_kn: 170");
  const auto r = load(text);
  EXPECT_EQ(r.diagnostics.error_count(), 4u) << messages(r);
  const std::string m = messages(r);
  EXPECT_NE(m.find("s.yaml:14:11: error: units[0].home: unknown place 'Munstr' (did you mean 'Münster'?)"), std::string::npos) << m;
  EXPECT_NE(m.find("units[1].nation: unknown nation 'NL'"), std::string::npos) << m;
  EXPECT_NE(m.find("units[1].equipment[0].count: expected a whole number, got 'ten'"), std::string::npos) << m;
  EXPECT_NE(m.find("resources.ships[0].speed_kn: expected a number from 1 to 50, got 170"), std::string::npos) << m;
}

// Found by the fuzz target scenario: a unit without `equipment` threw YAML::InvalidNode out of
// the cross checks instead of reporting the missing field.
TEST(ScenarioLoader, AUnitWithoutEquipmentIsAnErrorNotACrash) {
  const auto r = load("version: 1\nname: x\ntime:\n  c_day: 2027-03-01\nunits:\n  - id: u1\n    nation: DEU\n"
                      "    home: [9.52, 47.14]\n    destination: [9.53, 47.15]\n    personnel: 20\n"
                      "    notice_to_move_h: 24\n    required_delivery: \"C+3\"\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(messages(r).find("units[0].equipment"), std::string::npos) << messages(r);
}

// Found by the fuzz target scenario: border_closed without `nations` threw YAML::InvalidNode.
TEST(ScenarioLoader, ABorderClosureWithoutNationsIsAnErrorNotACrash) {
  std::string text = kScenario;
  text.replace(text.find("disruptions:\n"), 13, "disruptions:\n  - name: closed\n    kind: border_closed\n    at: C+1\n");
  const auto r = load(text);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(messages(r).find("disruptions[0].nations"), std::string::npos) << messages(r);
}

// Found by the fuzz target scenario: a pre-approved corridor that is not a mapping, or has no
// `nations`, threw YAML::InvalidNode.
TEST(ScenarioLoader, ACorridorWithoutNationsIsAnErrorNotACrash) {
  for (const char* corridor : {"[a]", "{name: x}", "x"}) {
    std::string text = kScenario;
    const std::string pairs = "    pairs: [{from: DEU, to: LTU, lead_time_working_days: 1}]\n";
    text.insert(text.find(pairs) + pairs.size(), std::string("    corridors: [") + corridor + "]\n");
    const auto r = load(text);
    EXPECT_FALSE(r.ok()) << corridor;
    EXPECT_NE(messages(r).find("corridors[0]"), std::string::npos) << messages(r);
  }
}

TEST(ScenarioLoader, WarnsWhenAHolidayRuleHasNoHolidays) {
  std::string text = kScenario;
  text.replace(text.find("{nation: DEU, no_weekends"), 25, "{nation: ISL, no_weekends");
  const auto r = load(text);
  EXPECT_TRUE(r.ok());
  EXPECT_NE(messages(r).find("warning: rules.movement_windows[0].no_public_holidays: the holiday table has no public "
                             "holidays for ISL"),
            std::string::npos)
      << messages(r);
}

TEST(ScenarioLoader, RefusesHugeFilesBeforeParsing) {
  const auto r = load(std::string(ms::kMaxScenarioBytes + 1, '#'));
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_NE(messages(r).find("file too large"), std::string::npos);
}

TEST(ForceRequirements, CountsWeightLaneMetresWagonsShipsAndSorties) {
  const auto r = load(kScenario);
  ASSERT_TRUE(r.ok()) << messages(r);
  const ms::ForceReport report = ms::force_requirements(r.scenario, catalogue());
  ASSERT_EQ(report.units.size(), 2u);
  const ms::Requirements& tank = report.units[0];
  EXPECT_EQ(tank.vehicles, 5);
  EXPECT_DOUBLE_EQ(tank.weight_t, 4 * 62.0 + 66);
  // Leopard 2A6: 7.7 m long, 3.7 m wide: 7.7 * 3.7 / 3.0 lane metres + 0.5 m gap, five of them.
  EXPECT_NEAR(tank.lane_metres, 5 * (7.7 * 3.7 / 3.0 + 0.5), 1e-9);
  EXPECT_EQ(tank.rail_wagons, 5);  // one tank per heavy flat wagon
  EXPECT_EQ(tank.sorties, 5);      // the ship's 2,650 lane metres; the C-17's 75 t: one tank each
  EXPECT_EQ(tank.heaviest, "Leopard 2A6 with mine plough");
  EXPECT_EQ(tank.ship_type, "Hurst Point (2650 lane metres)");
  const ms::Requirements& boxer = report.units[1];
  EXPECT_EQ(boxer.rail_wagons, 10);  // 36.5 t, 7.93 m: two by weight, one by deck length
  EXPECT_EQ(boxer.sorties, 5);       // two 36.5 t Boxers per 75 t
  EXPECT_EQ(boxer.max_mlc_tracked, 0);
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages[0].vehicles, 15);
  EXPECT_EQ(report.total.ships, 1);
}

TEST(ScenarioDocs, TheAnnotatedScenarioIsValid) {
  const std::string path = std::string(MILMOB_SOURCE_DIR) + "/docs/scenario.md";
  std::ifstream in(path);
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string start = "## An annotated scenario\n\n```yaml\n";
  const std::size_t begin = doc.find(start);
  ASSERT_NE(begin, std::string::npos);
  const std::size_t from = begin + start.size();
  const std::string text = doc.substr(from, doc.find("```", from) - from);
  const auto r = ms::load_scenario_text(text, "docs/scenario.md", std::string(MILMOB_SOURCE_DIR) + "/docs",
                                        {catalogue(), places()});
  EXPECT_TRUE(r.ok()) << messages(r);
  EXPECT_EQ(r.diagnostics.warning_count(), 0u) << messages(r);
}

TEST(Coverage, WarnsAboutPlacesTheNetworkDoesNotReachByTheirMode) {
  // A road from Vaduz to Schaan and a rail line 20 km away: a railhead by the road is not reached.
  milmob::NetworkBuilder b;
  const auto vaduz = b.add_node({9.521, 47.141}), schaan = b.add_node({9.509, 47.165});
  const auto r1 = b.add_node({9.80, 47.15}), r2 = b.add_node({9.81, 47.16});
  milmob::EdgeSpec road;
  road.tail = vaduz, road.head = schaan, road.length_m = 2800, road.speed_kmh = 50;
  b.add_edge(road);
  milmob::EdgeSpec rail;
  rail.tail = r1, rail.head = r2, rail.length_m = 1400, rail.speed_kmh = 80, rail.mode = milmob::Mode::Rail;
  rail.road_class = milmob::RoadClass::RailMain;
  b.add_edge(rail);
  const milmob::NetworkData data = std::move(b).build();
  const std::vector<ms::PlaceUse> uses = {
      {"units[0].home", 3, 11, {"", {9.52, 47.14}, ""}, milmob::Mode::Road},               // 200 m away
      {"units[0].destination", 4, 18, {"Rukla", {24.377, 55.052}, "LTU"}, milmob::Mode::Road},  // far
      {"resources.railheads[0].place", 9, 14, {"", {9.515, 47.15}, ""}, milmob::Mode::Rail},  // 22 km from rail
  };
  ms::Diagnostics diag("s.yaml");
  EXPECT_EQ(ms::check_coverage(uses, data.view(), {}, diag), 3u);
  std::string m;
  for (const auto& d : diag.sorted()) m += d.to_string() + "\n";
  EXPECT_EQ(m,
            "s.yaml:4:18: warning: units[0].destination: 'Rukla' is 1354 km from the nearest road of the network: "
            "outside it, or missing from it?\n"
            "s.yaml:9:14: warning: resources.railheads[0].place: 9.51500,47.15000 is 22 km from the nearest rail "
            "line of the network: outside it, or missing from it?\n");
  // An added link is part of the network: its ends reach the places near them.
  ms::AddedLink link;
  link.from = {"", {9.515, 47.15}, ""};
  link.to = {"", {9.80, 47.15}, ""};
  link.mode = "rail";
  ms::Diagnostics with_link("s.yaml");
  ms::check_coverage({uses[2]}, data.view(), {link}, with_link);
  EXPECT_EQ(with_link.warning_count(), 0u);
}
