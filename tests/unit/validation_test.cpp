// The independent plan validator: plan.json read into its own structs (clear errors for a
// malformed file), and every rule checked on a small hand-written plan, once passing and once
// broken, with the exact message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "scenario/calendar.h"
#include "scenario/loader.h"
#include "validation/checks.h"
#include "validation/plan_reader.h"
#include "vehicles/catalogue.h"

namespace ms = milmob::scenario;
namespace mv = milmob::validation;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Json = nlohmann::json;

namespace {

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

const ms::HolidayCalendar& calendar() {
  static const auto c = ms::HolidayCalendar::load(std::string(MILMOB_DATA_DIR) + "/holidays.yaml");
  return c;
}

// C-day Monday 2027-03-01. A German supply column crosses into Poland (permission: 2 working
// days, so C+2 00:00), a Polish unit moves at night inside Poland, a Norwegian battalion has no
// route. Paths resolve against MILMOB_DATA_DIR.
const std::string kScenario = R"(version: 1
name: "Validation test"
time: {c_day: 2027-03-01}
network:
  sources: [{path: osm/liechtenstein-2013-08-03.osm.pbf}]
units:
  - id: deu-log
    nation: DEU
    home: [13.0, 52.5]
    destination: [19.0, 52.4]
    equipment: [{type: "MAN HX77", count: 3}]
    notice_to_move_h: 2
    required_delivery: "C+5"
  - id: pol-recce
    nation: POL
    home: [18.0, 52.4]
    destination: [18.5, 52.4]
    equipment: [{type: Boxer, count: 2}, {type: "MAN HX77", count: 1}]
    required_delivery: "C+1"
  - id: nor-bn
    nation: NOR
    home: [11.0, 61.0]
    destination: [19.0, 52.4]
    equipment: [{type: Boxer, count: 1}]
    required_delivery: "C+9"
rules:
  border_permissions:
    default_lead_time_working_days: 5
    pairs: [{from: DEU, to: POL, lead_time_working_days: 2}]
  movement_windows:
    - {nation: DEU, no_weekends: true, no_public_holidays: true}
    - {nation: POL, allowed_hours: "19:00-05:00"}
  convoy: {vehicles_per_march_unit: 4, max_driving_hours_per_day: 10}
resources:
  convoy_support_centres: [{place: "Jägerbrück", vehicles_per_night: 5}]
)";

// The plan, by hand: deu-log drives 10 h with halts (15 min after the first hour, then 10 min
// every 2 h), stops the night at Jägerbrück, waits at the border until C+2, drives in Poland
// until 05:00, waits for 19:00 and arrives at C+2 20:00.
const char* const kPlan = R"({
 "format": "milmob-plan/1", "scenario": "Validation test", "closure": "C+2 20:00", "all_feasible": false,
 "units": [
  {"id": "deu-log", "nation": "DEU", "feasible": true, "ready": "C+0 02:00", "departure": "C+0 02:00",
   "arrival": "C+2 20:00",
   "legs": [{"vehicle_class": "MAN HX77", "types": ["MAN HX77"], "vehicles": 3, "distance_km": 666.7}],
   "march_units": [
    {"id": "deu-log/S1/M1", "serial": "deu-log/S1", "vehicle_class": "MAN HX77", "vehicles": 3,
     "depart_min": 120, "arrive_min": 4080,
     "crossings": [{"from": "DEU", "to": "POL", "time_min": 2900}],
     "steps": [
      {"activity": "drive", "from_min": 120, "until_min": 180, "km_from": 0, "km_to": 40, "country": "DEU", "detail": ""},
      {"activity": "halt", "from_min": 180, "until_min": 195, "km_from": 40, "km_to": 40, "country": "DEU", "detail": "halt"},
      {"activity": "drive", "from_min": 195, "until_min": 315, "km_from": 40, "km_to": 120, "country": "DEU", "detail": ""},
      {"activity": "halt", "from_min": 315, "until_min": 325, "km_from": 120, "km_to": 120, "country": "DEU", "detail": "halt"},
      {"activity": "drive", "from_min": 325, "until_min": 445, "km_from": 120, "km_to": 200, "country": "DEU", "detail": ""},
      {"activity": "halt", "from_min": 445, "until_min": 455, "km_from": 200, "km_to": 200, "country": "DEU", "detail": "halt"},
      {"activity": "drive", "from_min": 455, "until_min": 575, "km_from": 200, "km_to": 280, "country": "DEU", "detail": ""},
      {"activity": "halt", "from_min": 575, "until_min": 585, "km_from": 280, "km_to": 280, "country": "DEU", "detail": "halt"},
      {"activity": "drive", "from_min": 585, "until_min": 705, "km_from": 280, "km_to": 360, "country": "DEU", "detail": ""},
      {"activity": "halt", "from_min": 705, "until_min": 715, "km_from": 360, "km_to": 360, "country": "DEU", "detail": "halt"},
      {"activity": "drive", "from_min": 715, "until_min": 775, "km_from": 360, "km_to": 400, "country": "DEU", "detail": ""},
      {"activity": "night_stop", "from_min": 775, "until_min": 1560, "km_from": 400, "km_to": 400, "country": "DEU", "detail": "Jägerbrück"},
      {"activity": "drive", "from_min": 1560, "until_min": 1620, "km_from": 400, "km_to": 440, "country": "DEU", "detail": ""},
      {"activity": "permission_wait", "from_min": 1620, "until_min": 2880, "km_from": 440, "km_to": 440, "country": "DEU", "detail": "border DEU > POL"},
      {"activity": "drive", "from_min": 2880, "until_min": 3000, "km_from": 440, "km_to": 520, "country": "POL", "detail": ""},
      {"activity": "halt", "from_min": 3000, "until_min": 3010, "km_from": 520, "km_to": 520, "country": "POL", "detail": "halt"},
      {"activity": "drive", "from_min": 3010, "until_min": 3130, "km_from": 520, "km_to": 600, "country": "POL", "detail": ""},
      {"activity": "halt", "from_min": 3130, "until_min": 3140, "km_from": 600, "km_to": 600, "country": "POL", "detail": "halt"},
      {"activity": "drive", "from_min": 3140, "until_min": 3180, "km_from": 600, "km_to": 626.7, "country": "POL", "detail": ""},
      {"activity": "window_wait", "from_min": 3180, "until_min": 4020, "km_from": 626.7, "km_to": 626.7, "country": "POL", "detail": "convoys only 19:00-05:00 UTC in POL"},
      {"activity": "drive", "from_min": 4020, "until_min": 4080, "km_from": 626.7, "km_to": 666.7, "country": "POL", "detail": ""}
     ]}
   ]},
  {"id": "pol-recce", "nation": "POL", "feasible": true, "ready": "C+0", "departure": "C+0", "arrival": "C+0 01:11",
   "legs": [{"vehicle_class": "Boxer", "types": ["Boxer"], "vehicles": 2, "distance_km": 40},
            {"vehicle_class": "MAN HX77", "types": ["MAN HX77"], "vehicles": 1, "distance_km": 40}],
   "march_units": [
    {"id": "pol-recce/S1/M1", "serial": "pol-recce/S1", "vehicle_class": "Boxer", "vehicles": 2,
     "depart_min": 0, "arrive_min": 60, "crossings": [],
     "steps": [{"activity": "drive", "from_min": 0, "until_min": 60, "km_from": 0, "km_to": 40, "country": "POL", "detail": ""}]},
    {"id": "pol-recce/S2/M1", "serial": "pol-recce/S2", "vehicle_class": "MAN HX77", "vehicles": 1,
     "depart_min": 11, "arrive_min": 71, "crossings": [],
     "steps": [{"activity": "drive", "from_min": 11, "until_min": 71, "km_from": 0, "km_to": 40, "country": "POL", "detail": ""}]}
   ]},
  {"id": "nor-bn", "nation": "NOR", "feasible": false,
   "infeasible_reason": "Boxer: no road route from home to destination: the points are not connected",
   "ready": "C+0", "departure": "C+0", "arrival": "C+0",
   "legs": [{"vehicle_class": "Boxer", "types": ["Boxer"], "vehicles": 1, "distance_km": 0}], "march_units": []}
 ],
 "bookings": [{"resource": "Jägerbrück", "unit": "deu-log", "march_unit": "deu-log/S1/M1", "vehicles": 3,
               "from": "C+0 12:55", "until": "C+1 02:00"}]
})";

Json plan() { return Json::parse(kPlan); }
Json& column(Json& p) { return p["units"][0]["march_units"][0]; }  // deu-log/S1/M1
Json& step(Json& p, int i) { return column(p)["steps"][static_cast<std::size_t>(i)]; }

// The scenario with `from` replaced by `to` (which must be there).
std::string scenario_with(const std::string& from, const std::string& to) {
  std::string s = kScenario;
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

mv::ValidationReport validate(const Json& p, const std::string& scenario_text = kScenario) {
  const ms::LoadResult r = ms::load_scenario_text(scenario_text, "s.yaml", MILMOB_DATA_DIR, {catalogue(), places()});
  EXPECT_TRUE(r.ok());
  for (const auto& d : r.diagnostics.sorted())
    if (!r.ok()) ADD_FAILURE() << d.to_string();
  return mv::validate_plan(mv::parse_plan(p.dump(), "plan.json"), r.scenario, calendar());
}

std::vector<std::string> violations(const Json& p, const std::string& scenario_text = kScenario) {
  std::vector<std::string> out;
  for (const auto& v : validate(p, scenario_text).violations) out.push_back(v.to_string());
  return out;
}

std::string read_error(const std::string& text) {
  try {
    mv::parse_plan(text, "plan.json");
  } catch (const milmob::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

// --- plan.json -----------------------------------------------------------------------------------

TEST(PlanReader, ReadsEveryFieldTheChecksUse) {
  const mv::PlanFile f = mv::parse_plan(kPlan, "plan.json");
  EXPECT_EQ(f.scenario, "Validation test");
  EXPECT_EQ(f.closure, 4080.0);
  EXPECT_FALSE(f.all_feasible);
  ASSERT_EQ(f.units.size(), 3u);
  const mv::PlanMarchUnit& m = f.units[0].march_units[0];
  EXPECT_EQ(m.id, "deu-log/S1/M1");
  EXPECT_EQ(m.steps.size(), 21u);
  EXPECT_EQ(m.steps[11].activity, mv::Activity::NightStop);
  EXPECT_EQ(m.steps[11].detail, "Jägerbrück");
  EXPECT_EQ(m.crossings[0].to, "POL");
  EXPECT_EQ(f.units[2].infeasible_reason.substr(0, 6), "Boxer:");
  EXPECT_EQ(f.bookings[0].from, 775.0);
  EXPECT_EQ(f.bookings[0].until, 1560.0);
}

TEST(PlanReader, NullEndsAndNeverAreInfinity) {
  Json p = plan();
  step(p, 20)["until_min"] = nullptr;
  column(p)["arrive_min"] = nullptr;
  p["units"][0]["arrival"] = "never";
  const mv::PlanFile f = mv::parse_plan(p.dump(), "plan.json");
  EXPECT_TRUE(std::isinf(f.units[0].march_units[0].steps[20].until));
  EXPECT_TRUE(std::isinf(f.units[0].march_units[0].arrive));
  EXPECT_TRUE(std::isinf(f.units[0].arrival));
}

TEST(PlanReader, AMalformedPlanNamesTheFileTheFieldAndWhatWasExpected) {
  EXPECT_THAT(read_error("{\"format\": "), HasSubstr("plan.json: not JSON: parse error at line 1, column 12"));
  // Found by the fuzz target plan_reader: a number beyond a double escaped as nlohmann's out_of_range.
  EXPECT_THAT(read_error("{\"format\": \"milmob-plan/1\", \"closure\": 1e400}"),
              HasSubstr("plan.json: not JSON: number overflow parsing '1e400'"));
  EXPECT_EQ(read_error("[1, 2]"), "plan.json: (document): expected a JSON object: a plan written by `milmob plan`, got a list of 2");
  Json p = plan();
  p["format"] = "milmob-plan/2";
  EXPECT_EQ(read_error(p.dump()),
            "plan.json: format: expected \"milmob-plan/1\" (a plan written by `milmob plan`), got the text \"milmob-plan/2\"");
  p = plan();
  step(p, 3).erase("from_min");
  EXPECT_EQ(read_error(p.dump()),
            "plan.json: units[0].march_units[0].steps[3].from_min: missing; expected the start in minutes from C-day");
  p = plan();
  column(p)["vehicles"] = "3";
  EXPECT_EQ(read_error(p.dump()),
            "plan.json: units[0].march_units[0].vehicles: expected a whole number from 0 to 1000000, got the text \"3\"");
  p = plan();
  step(p, 0)["activity"] = "drivee";
  EXPECT_EQ(read_error(p.dump()),
            "plan.json: units[0].march_units[0].steps[0].activity: expected one of drive, halt, night_stop, "
            "window_wait, permission_wait, closure_wait, start_offset, resource_wait, loading, carried, unloading, got the "
            "text \"drivee\"");
  p = plan();
  p["units"][1]["ready"] = "tomorrow";
  EXPECT_EQ(read_error(p.dump()),
            "plan.json: units[1].ready: expected a time such as \"C+3 06:15\" or \"never\", got the text \"tomorrow\"");
  p = plan();
  p["bookings"] = Json::object();
  EXPECT_EQ(read_error(p.dump()), "plan.json: bookings: expected a list, got an object");
}

// --- the plan as written passes every check -------------------------------------------------------

TEST(Validation, TheHandWrittenPlanPassesEveryRule) {
  const mv::ValidationReport r = validate(plan());
  EXPECT_TRUE(r.ok());
  for (const auto& v : r.violations) ADD_FAILURE() << v.to_string();
  EXPECT_EQ(r.units, 3);
  EXPECT_EQ(r.march_units, 3);
  EXPECT_EQ(r.steps, 23);
  EXPECT_EQ(r.bookings, 1);
}

// --- 1. the force --------------------------------------------------------------------------------

TEST(Validation, EveryUnitOnceAndNoOther) {
  Json p = plan();
  p["units"].erase(2);
  Json stranger = p["units"][1];
  stranger["id"] = "stranger";
  stranger["march_units"] = Json::array();
  stranger["feasible"] = false;
  stranger["infeasible_reason"] = "lost";
  p["units"].push_back(stranger);
  EXPECT_THAT(violations(p), ElementsAre("nor-bn: force: a unit of the scenario that the plan does not list",
                                         "stranger: force: not a unit of the scenario"));
}

TEST(Validation, MarchUnitsCarryTheEquipmentOfTheirClass) {
  Json p = plan();
  p["units"][1]["march_units"][0]["vehicles"] = 1;  // pol-recce's Boxers: 1 of 2
  EXPECT_THAT(violations(p),
              ElementsAre("pol-recce: force: the march units of vehicle class 'Boxer' carry 1 vehicles, its equipment counts 2"));
  p = plan();
  p["units"][1]["legs"][1]["types"] = Json::array({"Boxer"});  // the truck in no class
  EXPECT_THAT(violations(p),
              ElementsAre("pol-recce: force: type 'Boxer' is in two vehicle classes, 'Boxer' and 'MAN HX77'",
                          "pol-recce: force: vehicle class 'MAN HX77' counts 1 vehicles, the equipment of its types 0",
                          "pol-recce: force: equipment 'MAN HX77' (1 vehicles) is in no vehicle class",
                          "pol-recce: force: the march units of vehicle class 'MAN HX77' carry 1 vehicles, its equipment counts 0"));
}

TEST(Validation, NoMarchUnitLargerThanTheRules) {
  EXPECT_THAT(violations(plan(), scenario_with("vehicles_per_march_unit: 4", "vehicles_per_march_unit: 2")),
              ElementsAre("deu-log/S1/M1 at C+0 02:00: force: 3 vehicles, more than vehicles_per_march_unit 2"));
}

TEST(Validation, AnInfeasibleUnitNeedsItsReason) {
  Json p = plan();
  p["units"][2].erase("infeasible_reason");
  EXPECT_THAT(violations(p), ElementsAre("nor-bn: force: infeasible without a reason"));
}

// --- 2. notice to move ---------------------------------------------------------------------------

TEST(Validation, NoDepartureBeforeTheNoticeToMoveEnds) {
  EXPECT_THAT(violations(plan(), scenario_with("notice_to_move_h: 2", "notice_to_move_h: 2.5")),
              ElementsAre("deu-log/S1/M1 at C+0 02:00: notice to move: departs at C+0 02:00, before the unit's notice "
                          "to move ends at C+0 02:30 (notice_to_move_h 2.5)",
                          "deu-log at C+0 02:00: arrival: ready at C+0 02:00, but the notice to move ends at C+0 02:30 "
                          "(notice_to_move_h 2.5)"));
}

// --- 3. timetable --------------------------------------------------------------------------------

TEST(Validation, StepsFollowOneAnotherWithoutGapOrOverlap) {
  Json p = plan();
  step(p, 5)["until_min"] = 460;  // the halt ends 5 min after the next drive starts
  EXPECT_THAT(violations(p), ElementsAre("deu-log/S1/M1 at C+0 07:35: timetable: steps[6] (drive) starts at C+0 07:35 "
                                         "(455.0 min), 5.0 min before steps[5] (halt) ended"));
  p = plan();
  column(p)["depart_min"] = 130;
  column(p)["arrive_min"] = 4090;
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log/S1/M1 at C+0 02:00: timetable: steps[0] starts at C+0 02:00 (120.0 min), not at the "
                          "departure C+0 02:10 (130.0 min)",
                          "deu-log/S1/M1 at C+2 20:00: timetable: the last step ends at C+2 20:00 (4080.0 min), not at "
                          "the arrival C+2 20:10 (4090.0 min)",
                          "deu-log at C+2 20:00: arrival: arrival C+2 20:00 is not the arrival C+2 20:10 of its last "
                          "march unit deu-log/S1/M1",
                          "deu-log at C+0 02:00: arrival: departure C+0 02:00 is not the departure C+0 02:10 of its "
                          "first march unit deu-log/S1/M1",
                          "plan.json at C+2 20:00: arrival: force closure C+2 20:00 is not the last arrival of a "
                          "feasible unit, C+2 20:10"));
}

TEST(Validation, KilometresNeverGoBackAndOnlyDrivesMove) {
  Json p = plan();
  step(p, 6)["km_from"] = 190;
  step(p, 7)["km_to"] = 281;
  step(p, 8)["km_from"] = 281;
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log/S1/M1 at C+0 07:35: timetable: steps[6] (drive) starts at km 190.0, back from km "
                          "200.0 where steps[5] (halt) ended",
                          "deu-log/S1/M1 at C+0 09:35: timetable: steps[7] (halt) moves from km 280.0 to km 281.0; only "
                          "a drive or a carriage moves"));
  p = plan();
  step(p, 0)["km_to"] = 80;  // 80 km in an hour
  step(p, 1)["km_from"] = 80;
  step(p, 1)["km_to"] = 80;
  step(p, 2)["km_from"] = 80;
  EXPECT_THAT(violations(p), ElementsAre("deu-log/S1/M1 at C+0 02:00: timetable: steps[0] (drive) covers 80.0 km in "
                                         "60.0 min, faster than the fastest convoy speed 66 km/h"));
}

// --- 4. movement windows -------------------------------------------------------------------------

TEST(Validation, NoDriveOnAWeekendOfANationThatForbidsIt) {
  // C-day on a Friday: the drive at C+1 is on a Saturday, and the permission (2 working days) holds at C+4.
  EXPECT_THAT(violations(plan(), scenario_with("c_day: 2027-03-01", "c_day: 2027-03-05")),
              ElementsAre("deu-log/S1/M1 at C+1 02:00: movement window: steps[12] drives in DEU from C+1 02:00 to C+1 "
                          "03:00 on Saturday 2027-03-06, a weekend day in DEU (no_weekends)",
                          "deu-log/S1/M1 at C+2 00:20: border permission: crosses from DEU into POL at C+2 00:20, before "
                          "the permission to enter POL holds at C+4: 2 working days in POL (pair rule DEU -> POL), "
                          "requested at C+0 00:00 UTC"));
}

TEST(Validation, NoDriveOnAPublicHoliday) {
  // C-day on Easter Monday 2027: every drive of C+0 in Germany.
  const auto v = violations(plan(), scenario_with("c_day: 2027-03-01", "c_day: 2027-03-29"));
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0],
            "deu-log/S1/M1 at C+0 02:00: movement window: steps[0] drives in DEU from C+0 02:00 to C+0 03:00 on Monday "
            "2027-03-29, a public holiday in DEU (Easter Monday) (no_public_holidays)");
  EXPECT_THAT(v[5], HasSubstr("steps[10] drives in DEU from C+0 11:55 to C+0 12:55 on Monday 2027-03-29"));
}

TEST(Validation, NoDriveOutsideTheAllowedHours) {
  // From 20:00 only: the last drive (19:00-20:00) breaks it; the drive that crosses into Poland
  // at C+2 00:00 may still be in Germany, which has no hours.
  EXPECT_THAT(violations(plan(), scenario_with("\"19:00-05:00\"", "\"20:00-05:00\"")),
              ElementsAre("deu-log/S1/M1 at C+2 19:00: movement window: steps[20] drives in POL from C+2 19:00 to C+2 "
                          "20:00 outside the allowed hours 20:00-05:00 UTC of POL"));
  // Hours closed in both nations: the crossing drive breaks them wherever it is.
  const std::string both = scenario_with("{nation: DEU, no_weekends: true, no_public_holidays: true}",
                                         "{nation: DEU, allowed_hours: \"01:00-23:00\"}");
  EXPECT_THAT(
      violations(plan(), both.substr(0, both.find("19:00-05:00")) + "00:30-20:00" + both.substr(both.find("19:00-05:00") + 11)),
      ElementsAre("deu-log/S1/M1 at C+2: movement window: steps[14] drives in DEU or POL from C+2 to C+2 00:30 "
                  "outside the allowed hours 00:30-20:00 UTC of POL, and outside the allowed hours 01:00-23:00 UTC "
                  "of DEU",
                  "pol-recce/S1/M1 at C+0: movement window: steps[0] drives in POL from C+0 to C+0 00:30 outside the "
                  "allowed hours 00:30-20:00 UTC of POL",
                  "pol-recce/S2/M1 at C+0 00:11: movement window: steps[0] drives in POL from C+0 00:11 to C+0 00:30 "
                  "outside the allowed hours 00:30-20:00 UTC of POL"));
}

TEST(Validation, AFirstDriveAcrossABorderMayBeInEitherNation) {
  // POL only from 00:30: pol-recce's first drive (C+0 00:00-01:00, ending in POL) breaks it.
  const std::string hours = scenario_with("\"19:00-05:00\"", "\"00:30-20:00\"");
  Json p = plan();
  const auto first_drive = [&] {
    int n = 0;
    for (const auto& v : violations(p, hours)) n += v.find("pol-recce/S1/M1 at C+0: movement window") != std::string::npos;
    return n;
  };
  EXPECT_EQ(first_drive(), 1);
  // Unless it started in Germany (no hours) and crossed into Poland during it (Liechtenstein
  // property seed 101346: from LIE, open, into AUT, closed): then it may have been in either.
  p["units"][1]["march_units"][0]["crossings"] = Json::parse(R"([{"from": "DEU", "to": "POL", "time_min": 30}])");
  EXPECT_EQ(first_drive(), 0);
}

// --- 5. border permissions -----------------------------------------------------------------------

TEST(Validation, NoCrossingBeforeThePermissionHolds) {
  Json p = plan();
  column(p)["crossings"][0]["time_min"] = 2800;
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log/S1/M1 at C+1 22:40: border permission: crosses from DEU into POL at C+1 22:40, before "
                          "the permission to enter POL holds at C+2: 2 working days in POL (pair rule DEU -> POL), "
                          "requested at C+0 00:00 UTC"));
  // Without the pair rule, the granting nation's rule; holidays of the granting nation count.
  EXPECT_THAT(violations(plan(), scenario_with("pairs: [{from: DEU, to: POL, lead_time_working_days: 2}]",
                                               "nations: [{nation: POL, lead_time_working_days: 2.5}]")),
              ElementsAre("deu-log/S1/M1 at C+2 00:20: border permission: crosses from DEU into POL at C+2 00:20, before "
                          "the permission to enter POL holds at C+3: 3 working days in POL (rule of POL), requested at "
                          "C+0 00:00 UTC"));
  // C-day Wednesday 2027-11-10: Polish Independence Day (11-11) and the weekend push 2 days to Monday.
  const auto v = violations(plan(), scenario_with("c_day: 2027-03-01", "c_day: 2027-11-10"));
  EXPECT_THAT(v, ElementsAre("deu-log/S1/M1 at C+2 00:20: border permission: crosses from DEU into POL at C+2 00:20, "
                             "before the permission to enter POL holds at C+5: 2 working days in POL (pair rule DEU -> "
                             "POL), requested at C+0 00:00 UTC"));
}

TEST(Validation, APreApprovedCorridorGivesItsLeadTimeInHours) {
  const std::string corridor = scenario_with(
      "pairs: [{from: DEU, to: POL, lead_time_working_days: 2}]",
      "pairs: [{from: DEU, to: POL, lead_time_working_days: 20}]\n    corridors: [{name: \"east\", nations: [DEU, POL], "
      "lead_time_hours: HOURS}]");
  const auto with_hours = [&](const char* h) { return corridor.substr(0, corridor.find("HOURS")) + h +
                                                      corridor.substr(corridor.find("HOURS") + 5); };
  EXPECT_TRUE(violations(plan(), with_hours("48")).empty());
  EXPECT_THAT(violations(plan(), with_hours("49")),
              ElementsAre("deu-log/S1/M1 at C+2 00:20: border permission: crosses from DEU into POL at C+2 00:20, before "
                          "the permission to enter POL holds at C+2 01:00: 49 h (pre-approved corridor 'east')"));
}

TEST(Validation, TheStepsTellAnEntryTheCrossingsLeaveOut) {
  Json p = plan();
  column(p)["crossings"] = Json::array();
  EXPECT_TRUE(violations(p).empty());
  EXPECT_THAT(violations(p, scenario_with("lead_time_working_days: 2}", "lead_time_working_days: 3}")),
              ElementsAre("deu-log/S1/M1 at C+2: border permission: steps[14] drives from DEU into POL by C+2 "
                          "02:00, before the permission to enter POL holds at C+3: 3 working days in POL (pair rule DEU "
                          "-> POL), requested at C+0 00:00 UTC"));
}

// --- 6. driving limits ---------------------------------------------------------------------------

TEST(Validation, DrivingHoursBetweenRests) {
  EXPECT_THAT(violations(plan(), scenario_with("max_driving_hours_per_day: 10", "max_driving_hours_per_day: 9.5")),
              ElementsAre("deu-log/S1/M1 at C+0 02:00: driving limits: 10.00 h of driving from C+0 02:00 to C+0 12:55 "
                          "between rests of at least 8 h, more than max_driving_hours_per_day 9.5"));
}

TEST(Validation, HaltsAfterTheFirstHourThenEveryTwoHours) {
  EXPECT_THAT(violations(plan(), scenario_with("convoy: {", "convoy: {first_halt_after_min: 50, ")),
              ElementsAre("deu-log/S1/M1 at C+0 02:00: driving limits: 60.0 min of driving from C+0 02:00 to C+0 03:00 "
                          "before the first halt, more than first_halt_after_min 50",
                          "pol-recce/S1/M1 at C+0: driving limits: 60.0 min of driving from C+0 to C+0 01:00 before the "
                          "first halt, more than first_halt_after_min 50",
                          "pol-recce/S2/M1 at C+0 00:11: driving limits: 60.0 min of driving from C+0 00:11 to C+0 01:11 "
                          "before the first halt, more than first_halt_after_min 50"));
  Json p = plan();
  step(p, 3)["activity"] = "drive";  // the halt at 05:15 skipped
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log/S1/M1 at C+0 03:15: driving limits: 250.0 min of driving from C+0 03:15 to C+0 07:25 "
                          "without a halt of at least 10 min, more than halt_every_min 120",
                          "deu-log/S1/M1 at C+0 02:00: driving limits: 10.17 h of driving from C+0 02:00 to C+0 12:55 "
                          "between rests of at least 8 h, more than max_driving_hours_per_day 10"));
}

// --- 7. convoy support centres -------------------------------------------------------------------

TEST(Validation, ANightStopAtACentreNeedsItsBooking) {
  Json p = plan();
  p["bookings"] = Json::array();
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log/S1/M1 at C+0 12:55: convoy support centre: steps[11] stops for the night at "
                          "'Jägerbrück' from C+0 12:55 to C+1 02:00 without a booking for its 3 vehicles"));
  p = plan();
  p["bookings"][0]["resource"] = "Nowhere";
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log/S1/M1 at C+0 12:55: convoy support centre: booked at 'Nowhere', which is not a convoy "
                          "support centre of the scenario",
                          "deu-log/S1/M1 at C+0 12:55: convoy support centre: steps[11] stops for the night at "
                          "'Jägerbrück' from C+0 12:55 to C+1 02:00 without a booking for its 3 vehicles"));
}

TEST(Validation, NoCentreTakesMoreVehiclesANightThanItHasPlaces) {
  EXPECT_THAT(violations(plan(), scenario_with("vehicles_per_night: 5", "vehicles_per_night: 2")),
              ElementsAre("Jägerbrück at C+0: convoy support centre: 3 vehicles booked for the night of C+0, more than "
                          "vehicles_per_night 2 (deu-log/S1/M1 3)"));
}

// --- 8. arrival ----------------------------------------------------------------------------------

TEST(Validation, AFeasibleUnitArrivesWithItsLastMarchUnit) {
  Json p = plan();
  p["units"][1]["arrival"] = "C+0 01:00";  // pol-recce: its truck arrives at 01:11
  EXPECT_THAT(violations(p), ElementsAre("pol-recce at C+0 01:00: arrival: arrival C+0 01:00 is not the arrival C+0 "
                                         "01:11 of its last march unit pol-recce/S2/M1"));
  // An infeasible unit's arrival is not checked.
  p = plan();
  p["units"][2]["arrival"] = "never";
  EXPECT_TRUE(violations(p).empty());
}

// --- carriage (rule 12) ----------------------------------------------------------------------------

Json het_trip() {
  return Json::parse(R"({"mode": "het", "carrier": "DEU HET x3", "from": "home", "to": "destination", "vehicles": 3,
    "km": 666.7, "load_start": "C+0 02:00", "depart": "C+0 02:00", "depart_min": 120, "arrive": "C+2 20:00",
    "arrive_min": 4080, "unloaded": "C+2 20:00", "back": "C+5 14:00", "march_units": ["deu-log/S1/M1"]})");
}

TEST(PlanReader, ReadsTripsAndTheHetOfAHetPart) {
  Json p = plan();
  p["units"][0]["trips"] = Json::array({het_trip()});
  p["units"][0]["legs"][0]["mode"] = "het";
  p["units"][0]["legs"][0]["parts"] = Json::parse(
      R"J([{"mode": "het", "from": "home", "to": "destination", "km": 666.7, "edges": [4, 5],
           "het_type": "MAN HX81 HET (empty)"}])J");
  const mv::PlanFile f = mv::parse_plan(p.dump(), "plan.json");
  ASSERT_EQ(f.units[0].trips.size(), 1u);
  const mv::PlanTrip& t = f.units[0].trips[0];
  EXPECT_EQ(t.carrier, "DEU HET x3");
  EXPECT_EQ(t.load_start, 120.0);
  EXPECT_EQ(t.back, 5 * 1440.0 + 14 * 60);
  EXPECT_EQ(t.march_units, std::vector<std::string>{"deu-log/S1/M1"});
  EXPECT_EQ(f.units[0].legs[0].mode, "het");
  EXPECT_EQ(f.units[0].legs[0].parts[0].het_type, "MAN HX81 HET (empty)");
  EXPECT_EQ(f.units[0].legs[0].parts[0].edges, (std::vector<std::uint32_t>{4, 5}));
  // A plan without trips (written before them) still reads.
  EXPECT_TRUE(mv::parse_plan(kPlan, "plan.json").units[0].trips.empty());
}

TEST(Validation, AHetTripNeedsItsBookingAndListsOnlyTheUnitsMarchUnits) {
  Json p = plan();
  p["units"][0]["legs"][0]["mode"] = "het";
  // The HET column rides from loading to unloading on its trip, and its carriers are booked.
  p["units"][0]["trips"] = Json::array({het_trip()});
  p["bookings"].push_back(Json::parse(R"({"resource": "DEU HET", "kind": "het", "unit": "deu-log",
    "march_unit": "deu-log/S1/H1", "vehicles": 3, "amount": 3, "from": "C+0 02:00", "until": "C+5 14:00"})"));
  // (The scenario gives DEU no HETs: that is rule 9's to say, not this rule's.)
  EXPECT_THAT(violations(p), ElementsAre(HasSubstr(": capacity: booked 'DEU HET' (het), which is not a resource of the scenario")));
  // Without the booking, and with a march unit of another unit aboard.
  p["bookings"].erase(1);
  p["units"][0]["trips"][0]["march_units"].push_back("pol-recce/S1/M1");
  EXPECT_THAT(violations(p),
              ElementsAre("deu-log at C+0 02:00: carriage: trips[0] (DEU HET x3, home > destination) lists march unit "
                          "'pol-recce/S1/M1', which the unit does not have",
                          "DEU HET x3 at C+0 02:00: carriage: deu-log trips[0] home > destination with 3 vehicles, loading "
                          "from C+0 02:00 and back at C+5 14:00, has no booking of 'DEU HET' (het) covering it"));
  // A HET class whose march unit rides on no trip.
  p["units"][0]["trips"] = Json::array();
  EXPECT_THAT(violations(p), ElementsAre("deu-log/S1/M1 at C+0 02:00: carriage: rides HETs from C+0 02:00 to C+2 20:00 "
                                         "on no HET trip of deu-log that lists it"));
}

// --- the column (rules 14, 15) ---------------------------------------------------------------------

TEST(Validation, AHaltLastsItsLength) {
  // deu-log's first halt (15 min from 03:00) cut to 5 min, the rest of the stop a wait: the
  // driving limits still see a 15 min halt, the halt itself is too short.
  Json p = plan();
  step(p, 1)["until_min"] = 185;
  column(p)["steps"].insert(column(p)["steps"].begin() + 2,
                            Json::parse(R"({"activity": "window_wait", "from_min": 185, "until_min": 195, "km_from": 40,
                                            "km_to": 40, "country": "DEU", "detail": "waiting"})"));
  EXPECT_THAT(violations(p), ElementsAre("deu-log/S1/M1 at C+0 03:00: halt length: steps[1] halts 5.0 min from C+0 03:00, "
                                         "shorter than first_halt_min 15 min (its first halt)"));
  // A later halt is held to halt_min (10 min).
  p = plan();
  step(p, 3)["until_min"] = 320;
  column(p)["steps"].insert(column(p)["steps"].begin() + 4,
                            Json::parse(R"({"activity": "window_wait", "from_min": 320, "until_min": 325, "km_from": 120,
                                            "km_to": 120, "country": "DEU", "detail": "waiting"})"));
  EXPECT_THAT(violations(p), ElementsAre("deu-log/S1/M1 at C+0 05:15: halt length: steps[3] halts 5.0 min from C+0 05:15, "
                                         "shorter than halt_min 10 min"));
}
