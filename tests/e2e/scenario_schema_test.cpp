// End-to-end: schema/scenario.schema.json (what editors validate and complete with) agrees with
// the loader (`milmob check`, the authority): both accept every example in examples/ and the
// canonical form `check --dump` writes, and both reject the same wrong documents at the same
// field. The schema side runs tests/support/validate_schema.py (python3-jsonschema,
// python3-yaml: scripts/install-deps).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace milmob {
namespace {

using milmob::testing::CommandResult;
using milmob::testing::run_command;
using milmob::testing::TempDir;
using milmob::testing::write_file;

const std::string kSource = MILMOB_SOURCE_DIR;
const std::string kBin = MILMOB_BINARY;
const std::string kSchema = kSource + "/schema/scenario.schema.json";
const std::string kLiechtenstein = std::string(MILMOB_DATA_DIR) + "/osm/liechtenstein-2013-08-03.osm.pbf";

// Appends a shell-quoted argument (paths here have no single quotes).
void add_arg(std::string& command, const std::string& arg) {
  command += " '";
  command += arg;
  command += "'";
}

CommandResult validate(const std::vector<std::string>& files) {
  std::string command = "/usr/bin/python3";
  add_arg(command, kSource + "/tests/support/validate_schema.py");
  add_arg(command, kSchema);
  for (const auto& f : files) add_arg(command, f);
  return run_command(command);
}

CommandResult check(const std::string& file, const std::string& options = "") {
  std::string command = kBin + " check " + options;
  add_arg(command, file);
  return run_command(command);
}

std::vector<std::string> examples() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/examples"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(ScenarioSchema, IsAValidDraft202012Schema) {
  const auto r = validate({});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(ScenarioSchema, AcceptsEveryExample) {
  const auto files = examples();
  ASSERT_GE(files.size(), 3u);
  const auto r = validate(files);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(ScenarioSchema, EveryExampleNamesTheSchemaForEditors) {
  for (const auto& f : examples())
    EXPECT_EQ(first_line(f), "# yaml-language-server: $schema=../schema/scenario.schema.json") << f;
}

TEST(ScenarioSchema, EveryExamplePassesMilmobCheckWithoutWarnings) {
  for (const auto& f : examples()) {
    const auto r = check(f);
    EXPECT_EQ(r.exit_code, 0) << f << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("0 errors, 0 warnings"), std::string::npos) << f << "\n" << r.out;
  }
}

// `check --dump` writes the scenario as read, itself a valid scenario: the schema accepts it too.
TEST(ScenarioSchema, AcceptsTheCanonicalDumpOfEveryExample) {
  TempDir dir;
  for (const auto& f : examples()) {
    const auto dump = check(f, "--dump");
    ASSERT_EQ(dump.exit_code, 0) << f << "\n" << dump.err;
    const std::string json = dir.path(std::filesystem::path(f).stem().string() + ".json");
    write_file(json, dump.out);
    const auto r = validate({json});
    EXPECT_EQ(r.exit_code, 0) << f << "\n" << r.out << r.err;
  }
}

// A small valid scenario; each wrong document below changes one thing in it.
std::string base_document() {
  return "name: schema test\n"
         "time:\n"
         "  c_day: \"2027-05-03\"\n"
         "network:\n"
         "  sources:\n"
         "    - path: " + kLiechtenstein + "\n"
         "units:\n"
         "  - id: a\n"
         "    nation: DEU\n"
         "    home: [9.52, 47.14]\n"
         "    destination: [9.51, 47.17]\n"
         "    equipment:\n"
         "      - {type: Boxer, count: 2}\n"
         "    required_delivery: \"C+1\"\n";
}

TEST(ScenarioSchema, TheBaseDocumentIsValidForBoth) {
  TempDir dir;
  const std::string file = dir.path("base.yaml");
  write_file(file, base_document());
  const auto s = validate({file});
  EXPECT_EQ(s.exit_code, 0) << s.out << s.err;
  const auto c = check(file);
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  EXPECT_NE(c.out.find("0 errors, 0 warnings"), std::string::npos) << c.out;
}

struct WrongDocument {
  std::string name;
  std::string replace, with;  // `replace` empty: append `with` to the base document
  std::string field;          // both the schema and the loader name this field path
};
void PrintTo(const WrongDocument& w, std::ostream* os) { *os << w.name; }

class SchemaAndLoaderReject : public ::testing::TestWithParam<WrongDocument> {};

TEST_P(SchemaAndLoaderReject, TheSameField) {
  const WrongDocument& w = GetParam();
  std::string text = base_document();
  if (w.replace.empty()) {
    text += w.with;
  } else {
    const auto at = text.find(w.replace);
    ASSERT_NE(at, std::string::npos) << w.replace;
    text.replace(at, w.replace.size(), w.with);
  }
  TempDir dir;
  const std::string file = dir.path("wrong.yaml");
  write_file(file, text);

  const auto s = validate({file});
  EXPECT_EQ(s.exit_code, 1) << s.out << s.err;
  EXPECT_NE(s.out.find("error: " + w.field), std::string::npos) << "schema:\n" << s.out << s.err;

  const auto c = check(file);
  EXPECT_EQ(c.exit_code, 2) << c.out << c.err;
  EXPECT_NE(c.out.find("error: " + w.field), std::string::npos) << "milmob check:\n" << c.out << c.err;
}

INSTANTIATE_TEST_SUITE_P(
    Documents, SchemaAndLoaderReject,
    ::testing::Values(
        WrongDocument{"UnknownTopLevelKey", "", "vehicle: []\n", "vehicle"},
        WrongDocument{"NoCDay", "  c_day: \"2027-05-03\"\n", "  time_zone: UTC\n", "time"},
        WrongDocument{"CDayNotIso", "2027-05-03", "2027-5-3", "time.c_day"},
        WrongDocument{"UnknownTimeZone", "  c_day: \"2027-05-03\"\n",
                      "  c_day: \"2027-05-03\"\n  time_zone: Berlin\n", "time.time_zone"},
        WrongDocument{"FileAndSources", "network:\n", "network:\n  file: nowhere.mmnet\n", "network"},
        WrongDocument{"SourceOfUnknownFormat", "liechtenstein-2013-08-03.osm.pbf", "liechtenstein-2013-08-03.osm.pbf.txt",
                      "network.sources[0].path"},
        WrongDocument{"OverrideChangesNothing", "units:\n", "  overrides:\n    - {near: [9.51, 47.15]}\nunits:\n",
                      "network.overrides[0]"},
        WrongDocument{"OverrideWithWayAndNear", "units:\n",
                      "  overrides:\n    - {way: 376, near: [9.51, 47.15], mlc: 30}\nunits:\n", "network.overrides[0]"},
        WrongDocument{"AddedLinkOfUnknownMode", "units:\n",
                      "  added_links:\n    - {name: x, from: [9.5, 47.1], to: [9.5, 47.2], mode: air}\nunits:\n",
                      "network.added_links[0].mode"},
        WrongDocument{"ClosureWithoutEnd", "units:\n",
                      "  closures:\n    - {name: x, way: 3125, from: \"C+0\"}\nunits:\n", "network.closures[0]"},
        WrongDocument{"LowerCaseNation", "nation: DEU", "nation: deu", "units[0].nation"},
        WrongDocument{"LongitudeOutOfRange", "home: [9.52, 47.14]", "home: [200, 47.14]", "units[0].home"},
        WrongDocument{"PlaceWithThreeCoordinates", "home: [9.52, 47.14]", "home: [9.52, 47.14, 400]", "units[0].home"},
        WrongDocument{"ZeroVehicles", "count: 2", "count: 0", "units[0].equipment[0].count"},
        WrongDocument{"ClockOutOfRange", "\"C+1\"", "\"C+1 25:00\"", "units[0].required_delivery"},
        WrongDocument{"PriorityZero", "", "    priority: 0\n", "units[0].priority"},
        WrongDocument{"NoticeToMoveNegative", "", "    notice_to_move_h: -1\n", "units[0].notice_to_move_h"},
        WrongDocument{"UnknownUnitField", "", "    readiness: high\n", "units[0].readiness"},
        WrongDocument{"CustomVehicleWithoutWeight", "",
                      "vehicles:\n  - {name: X, nation: DEU, category: truck, tracked: false, source: \"https://x\"}\n",
                      "vehicles[0]"},
        WrongDocument{"CustomVehicleOfUnknownCategory", "",
                      "vehicles:\n  - {based_on: Boxer, name: X, category: tank, source: \"https://x\"}\n",
                      "vehicles[0].category"},
        WrongDocument{"UnitTwiceInAPackage", "", "force_packages:\n  - {id: p, units: [a, a]}\n",
                      "force_packages[0].units"},
        WrongDocument{"WindowRestrictsNothing", "", "rules:\n  movement_windows:\n    - {nation: DEU}\n",
                      "rules.movement_windows[0]"},
        WrongDocument{"YesIsNotTrue", "", "rules:\n  movement_windows:\n    - {nation: DEU, no_weekends: yes}\n",
                      "rules.movement_windows[0].no_weekends"},
        WrongDocument{"HoursWithoutDash", "", "rules:\n  movement_windows:\n    - {nation: DEU, allowed_hours: \"21:00\"}\n",
                      "rules.movement_windows[0].allowed_hours"},
        WrongDocument{"CorridorOfOneNation", "",
                      "rules:\n  border_permissions:\n    corridors:\n      - {name: c, nations: [DEU]}\n",
                      "rules.border_permissions.corridors[0].nations"},
        WrongDocument{"LeadTimeOverAYear", "",
                      "rules:\n  border_permissions:\n    default_lead_time_working_days: 400\n",
                      "rules.border_permissions.default_lead_time_working_days"},
        WrongDocument{"ConvoyDrivesAllDayAndMore", "", "rules:\n  convoy:\n    max_driving_hours_per_day: 25\n",
                      "rules.convoy.max_driving_hours_per_day"},
        WrongDocument{"GaugeOutOfRange", "",
                      "resources:\n  rail:\n    - {nation: LTU, trains: 2, wagons_per_train: 20, gauge_mm: 2000}\n",
                      "resources.rail[0].gauge_mm"},
        WrongDocument{"PortWithoutBerths", "", "resources:\n  ports:\n    - {place: Klaipėda, vehicles_per_day: 100}\n",
                      "resources.ports[0]"},
        WrongDocument{"ShipStandingStill", "",
                      "resources:\n  ships:\n    - {name: s, lane_metres: 2650, speed_kn: 0}\n",
                      "resources.ships[0].speed_kn"},
        WrongDocument{"StagingAreaOfUnknownKind", "",
                      "resources:\n  staging_areas:\n    - {place: Rukla, kind: depot, capacity_vehicles: 10}\n",
                      "resources.staging_areas[0].kind"},
        WrongDocument{"DisruptionOfUnknownKind", "", "disruptions:\n  - {name: d, kind: flood, at: \"C+1\"}\n",
                      "disruptions[0].kind"},
        WrongDocument{"FieldOfAnotherDisruptionKind", "",
                      "disruptions:\n  - {name: d, kind: border_closed, at: \"C+1\", nations: [DEU, POL], place: Rukla}\n",
                      "disruptions[0].place"},
        WrongDocument{"BorderOfThreeNations", "",
                      "disruptions:\n  - {name: d, kind: border_closed, at: \"C+1\", nations: [DEU, POL, LTU]}\n",
                      "disruptions[0].nations"},
        WrongDocument{"DurationWithASpace", "",
                      "disruptions:\n  - {name: d, kind: bridge_lost, at: \"C+1\", near: [9.51, 47.15], duration: 5 d}\n",
                      "disruptions[0].duration"},
        WrongDocument{"CapacityFactorOverOne", "",
                      "disruptions:\n  - {name: d, kind: capacity_cut, at: \"C+1\", place: Klaipėda, capacity_factor: 1.5}\n",
                      "disruptions[0].capacity_factor"}),
    [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace milmob
