// Carried movement: the capacity ledgers, and whole plans on a corridor with a road, a rail line
// (one gauge, or two meeting at a transshipment point) and a sea crossing. Each plan is also
// replayed by the independent validator.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "network/builder.h"
#include "planning/capacity.h"
#include "planning/plan_output.h"
#include "planning/planner.h"
#include "planning/report_html.h"
#include "support/shipped_data.h"
#include "validation/checks.h"
#include "vehicles/catalogue.h"

using milmob::testing::shipped_calendar;
using milmob::testing::shipped_catalogue;

namespace mp = milmob::planning;
namespace ms = milmob::scenario;

namespace {

constexpr double kDay = 1440;

TEST(DailyThroughput, SpreadsWorkOverDaysAtItsRateAndNeverGoesBack) {
  mp::DailyThroughput port(100);
  const auto a = port.take(0, 150, false);  // 100 today, 50 tomorrow
  ASSERT_EQ(a.size(), 2u);
  EXPECT_DOUBLE_EQ(a[0].amount, 100);
  EXPECT_DOUBLE_EQ(a[1].from, kDay);
  EXPECT_DOUBLE_EQ(a[1].until, kDay + kDay / 2);
  const auto b = port.take(0, 10, false);  // asked for earlier, served after what is booked
  EXPECT_DOUBLE_EQ(b.front().from, kDay + kDay / 2);

  mp::DailyThroughput railhead(4);  // trains a day, each in one slot
  EXPECT_DOUBLE_EQ(railhead.take(0, 1, true).front().from, 0);
  EXPECT_DOUBLE_EQ(railhead.take(0, 1, true).front().from, kDay / 4);
  EXPECT_DOUBLE_EQ(railhead.take(kDay - 60, 1, true).front().from, kDay);  // no whole slot left that day

  mp::DailyThroughput cut(50, [](double t) { return t < 2 * kDay ? 0.0 : 1.0; });  // closed for two days
  EXPECT_DOUBLE_EQ(cut.take(0, 10, false).front().from, 2 * kDay);
  mp::DailyThroughput closed(50, [](double) { return 0.0; });
  EXPECT_TRUE(closed.take(0, 10, false).empty());
}

TEST(Fleet, TheCarriersFreeFirst) {
  mp::Fleet trains(3, 0);
  trains.busy_until(0, 500);
  trains.busy_until(1, 100);
  auto [one, when] = trains.first_free(1);
  EXPECT_EQ(one, std::vector<int>{2});
  EXPECT_EQ(when, 0);
  auto [two, both] = trains.first_free(2);
  EXPECT_EQ(two, (std::vector<int>{2, 1}));
  EXPECT_EQ(both, 100);
  EXPECT_TRUE(trains.first_free(4).first.empty());
}

struct Line {
  milmob::Mode mode;
  double from_lon, to_lon, lat;
  std::uint16_t gauge = 0;
  double bridge_lon = 0;  // the edges starting there (both ways) are a bridge signed 30 t
};

// Two-way edges of 0.5 degrees along each line; DEU west of 14 E, POL east of it. Lines of
// different modes share no nodes: a road, rail or sea leg begins where the planner snaps it.
milmob::NetworkData network(const std::vector<Line>& lines) {
  milmob::NetworkBuilder b;
  for (const Line& l : lines) {
    std::vector<milmob::NodeId> nodes;
    for (double lon = l.from_lon; lon <= l.to_lon + 1e-9; lon += 0.5) nodes.push_back(b.add_node({lon, l.lat}));
    for (std::size_t i = 0; i + 1 < nodes.size(); ++i)
      for (const auto& [a, z] : {std::pair{nodes[i], nodes[i + 1]}, std::pair{nodes[i + 1], nodes[i]}}) {
        milmob::EdgeSpec e;
        e.tail = a, e.head = z, e.length_m = 34300, e.speed_kmh = l.mode == milmob::Mode::Road ? 90 : 60;
        e.mode = l.mode, e.gauge_mm = l.gauge;
        if (l.bridge_lon != 0 && std::abs(std::min(b.node_coord(a).lon, b.node_coord(z).lon) - l.bridge_lon) < 1e-9)
          e.limits.max_weight_t = 30;
        e.road_class = milmob::RoadClass::Motorway;
        const std::vector<milmob::geo::LonLat> line = {b.node_coord(a), b.node_coord(z)};
        e.shape = b.add_shape(line);
        b.add_edge(e);
      }
  }
  b.assign_countries({"DEU", "POL"}, [](const milmob::geo::LonLat& p) { return static_cast<std::uint16_t>(p.lon < 14 ? 0 : 1); });
  return std::move(b).build();
}

ms::Scenario scenario(int tanks) {
  ms::Scenario s;
  s.name = "carried";
  s.c_day = std::chrono::year_month_day{std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};
  s.rules.permissions.default_lead_time_working_days = 0;
  ms::Unit u;
  u.id = "tanks", u.nation = "DEU", u.priority = 1;
  u.home = {"", {10, 52}, "DEU"};
  u.destination = {"", {16, 52}, "POL"};
  u.equipment = {{"Leopard 2A6", tanks}};
  u.required_delivery = 10 * 1440;
  s.units = {u};
  s.resources.railheads = {{{"West", {10, 52.01}, "DEU"}, 4, 6}, {{"East", {16, 52.01}, "POL"}, 4, 6}};
  s.resources.rail = {{"DEU", 1, 30, 50, 1435}};
  return s;
}

struct Planned {
  mp::Plan plan;
  milmob::validation::ValidationReport report;
};

Planned plan(const ms::Scenario& s, const milmob::NetworkData& data, const mp::PlanOptions& options = {}) {
  const milmob::Network net = data.view();
  milmob::routing::Router router(net);
  const mp::Overlay overlay(s, net, {});
  Planned p{mp::plan_movement(s, shipped_catalogue(), shipped_calendar(), router, overlay, options), {}};
  const auto file = milmob::validation::parse_plan(mp::to_json(p.plan).dump(), "plan.json");
  p.report = milmob::validation::validate_plan(file, s, shipped_calendar());
  return p;
}

double minutes(const mp::UnitPlan& u, mp::Activity a) {
  for (const auto& d : u.delays)
    if (d.cause == a) return d.minutes;
  return 0;
}

std::string violations(const milmob::validation::ValidationReport& r) {
  std::string out;
  for (const auto& v : r.violations) out += v.to_string() + "\n";
  return out;
}

const std::vector<Line> kRoadAndRail = {{milmob::Mode::Road, 10, 16, 52}, {milmob::Mode::Rail, 10, 16, 52.01, 1435}};

}  // namespace

TEST(Itinerary, TanksGoByRailRatherThanBreakTheHetRule) {
  const auto data = network(kRoadAndRail);
  const Planned p = plan(scenario(40), data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  ASSERT_EQ(u.legs.size(), 1u);
  EXPECT_EQ(u.legs[0].mode, "rail") << u.legs[0].itinerary;
  EXPECT_EQ(u.trips.size(), 2u);  // 40 tanks, one per wagon, 30 wagons a train
  // One train: the second load waits for it to come back, and says so.
  EXPECT_GT(minutes(u, mp::Activity::ResourceWait), 0);
  EXPECT_GE(u.trips[1].load_start, u.trips[0].back);
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
}

TEST(Itinerary, HetRoundsWaitForTheFleetAndSaySo) {
  const auto data = network({{milmob::Mode::Road, 10, 16, 52}});
  ms::Scenario s = scenario(20);
  s.resources.railheads.clear(), s.resources.rail.clear();
  s.resources.hets = {{"DEU", 10}};
  s.rules.permissions.default_lead_time_working_days = 2;  // POL from C+2 (C-day is a Monday)
  s.units[0].required_delivery = 30 * 1440;
  const Planned p = plan(s, data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  EXPECT_EQ(u.legs.at(0).mode, "het") << u.legs[0].itinerary;
  ASSERT_EQ(u.trips.size(), 2u);  // 20 tanks on 10 HETs: two rounds
  const mp::Trip& first = u.trips[0];
  EXPECT_GE(u.trips[1].load_start, first.back - 1e-6);
  // The HETs waited at the Polish border loaded; empty, on the way back, they do not.
  double permission = 0;
  for (const auto& mu : u.march_units)
    if (mu.id == first.march_units.front())
      for (const auto& step : mu.steps)
        if (step.activity == mp::Activity::PermissionWait) permission += step.until - step.from;
  ASSERT_GT(permission, 0);
  EXPECT_NEAR(first.back, first.unload_end + (first.arrive - first.depart) - permission, 1.0);
  // The second round's wait for the fleet is a wait for capacity, not the column's length.
  EXPECT_GT(minutes(u, mp::Activity::ResourceWait), 24 * 60);
  EXPECT_LT(minutes(u, mp::Activity::StartOffset), 60);
  bool said = false;
  for (const auto& d : u.delays) said |= d.text.find("HETs of the DEU fleet of 10") != std::string::npos;
  EXPECT_TRUE(said);
  double total = 0;
  for (const auto& d : u.delays) total += d.minutes;
  EXPECT_NEAR(total, u.arrival - u.ready, 1.0);  // every minute has its cause
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
}

TEST(Itinerary, FewerTrainsOrSlotsNeverImproveClosure) {
  const auto data = network(kRoadAndRail);
  ms::Scenario s = scenario(100);
  double previous = 0;
  for (const int trains : {4, 2, 1}) {
    s.resources.rail[0].trains = trains;
    const Planned p = plan(s, data);
    EXPECT_TRUE(p.report.ok()) << violations(p.report);
    EXPECT_GE(p.plan.closure + 1e-6, previous) << trains;
    previous = p.plan.closure;
  }
  for (const double per_day : {2.0, 1.0}) {
    s.resources.railheads[0].trains_per_day = per_day;
    const Planned p = plan(s, data);
    EXPECT_TRUE(p.report.ok()) << violations(p.report);
    EXPECT_GE(p.plan.closure + 1e-6, previous) << per_day;
    previous = p.plan.closure;
  }
}

TEST(Itinerary, AGaugeBreakIsTransshippedOntoTheOtherGaugesTrains) {
  const auto data = network({{milmob::Mode::Road, 10, 16, 52},
                             {milmob::Mode::Rail, 10, 14, 52.01, 1435},
                             {milmob::Mode::Rail, 14, 16, 52.01, 1520}});
  ms::Scenario s = scenario(20);
  s.resources.rail.push_back({"POL", 2, 40, 40, 1520});
  const Planned without = plan(s, data);
  EXPECT_NE(without.plan.units[0].legs[0].mode, "rail");  // no transshipment point: no rail way through
  s.resources.transshipment = {{{"Border yard", {14, 52.01}, "POL"}, 10}};
  const Planned p = plan(s, data);
  const mp::UnitPlan& u = p.plan.units[0];
  ASSERT_EQ(u.legs[0].mode, "rail") << u.legs[0].itinerary;
  ASSERT_EQ(u.trips.size(), 2u);
  EXPECT_EQ(u.trips[0].carrier, "DEU train 1");
  EXPECT_EQ(u.trips[1].carrier, "POL train 1");
  // 20 vehicles at 10 a day take two days to transship.
  EXPECT_GE(u.trips[1].depart - u.trips[0].arrive, kDay);
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
}

TEST(Itinerary, AnIslandIsReachedBySeaWhenAShipIsThere) {
  // Home on an island road; the port of the mainland road 2 degrees away by sea.
  const auto data = network({{milmob::Mode::Road, 8, 10, 52}, {milmob::Mode::Sea, 10, 12, 52.02},
                             {milmob::Mode::Road, 12, 16, 52}});
  ms::Scenario s = scenario(30);
  s.units[0].home = {"", {8, 52}, "DEU"};
  s.resources.railheads.clear();
  s.resources.rail.clear();
  s.rules.het.tracked_over_km = 1000;
  const Planned none = plan(s, data);
  EXPECT_FALSE(none.plan.all_feasible());
  s.resources.ports = {{{"Island", {10, 52.02}, "DEU"}, 1, 20}, {{"Main", {12, 52.02}, "DEU"}, 1, 20}};
  s.resources.ships = {{"RoRo", 200, 15, 1, 2 * 1440}};  // 200 lane metres: 18 tanks a sailing
  const Planned p = plan(s, data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  EXPECT_EQ(u.legs[0].mode, "sea");
  ASSERT_EQ(u.trips.size(), 2u);
  EXPECT_GE(u.trips[0].load_start, 2 * 1440);  // not before the ship is available
  EXPECT_GE(u.trips[1].load_start, u.trips[0].back);
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
}

TEST(Itinerary, AirliftFliesWhatThePayloadTakesOneSortieAfterAnother) {
  // Two roads 4 degrees apart with no link between them: only an airlift joins them.
  const auto data = network({{milmob::Mode::Road, 8, 10, 52}, {milmob::Mode::Road, 14, 16, 52}});
  ms::Scenario s = scenario(0);
  s.units[0].home = {"", {8, 52}, "DEU"};
  s.units[0].equipment = {{"Boxer", 6}};
  s.resources.railheads.clear();
  s.resources.rail.clear();
  const Planned none = plan(s, data);
  EXPECT_FALSE(none.plan.all_feasible());
  s.resources.airfields = {{{"Base", {10, 52}, "DEU"}, 1, 2}, {{"Field", {14, 52}, "POL"}, 1, 2}};
  s.resources.aircraft = {{"C-17", 75, 1, 800}};
  const Planned p = plan(s, data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  EXPECT_EQ(u.legs[0].mode, "air") << u.legs[0].itinerary;
  ASSERT_EQ(u.trips.size(), 3u);  // a Boxer weighs 36.5 t (catalogue): two a sortie of 75 t, six in three
  EXPECT_EQ(u.march_units.size(), 1u);  // the six drive as one march unit and wait for the last sortie
  for (std::size_t i = 1; i < u.trips.size(); ++i) EXPECT_GE(u.trips[i].load_start, u.trips[i - 1].back - 1e-6);
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
}

namespace {

// 20 tanks held to rail by the HET rule and 20 trucks due at C+3, nearly as fast by road as on the
// one fast train; the trucks come first (same priority: by due date).
ms::Scenario trucks_and_tanks_for_one_fast_train(int trucks_priority, int tanks_priority) {
  ms::Scenario s = scenario(20);
  s.rules.convoy.speed_motorway_kmh = 30;
  s.rules.convoy.max_driving_hours_per_day = 16;
  s.resources.rail[0].speed_kmh = 200;
  s.units[0].priority = tanks_priority;
  ms::Unit trucks = s.units[0];
  trucks.id = "trucks", trucks.priority = trucks_priority;
  trucks.equipment = {{"MAN HX77", 20}};
  trucks.required_delivery = 3 * 1440;
  s.units.push_back(trucks);
  return s;
}

}  // namespace

TEST(Itinerary, ReinsertionGivesTheOnlyTrainToTheUnitThatHasNoOtherWay) {
  // Trucks due first take the one fast train, which the tanks (held to rail by the HET rule)
  // then wait for; the trucks were nearly as fast by road. Planned the other way round, both
  // arrive early.
  const auto data = network(kRoadAndRail);
  const ms::Scenario s = trucks_and_tanks_for_one_fast_train(1, 1);
  const Planned greedy = plan(s, data);
  ASSERT_EQ(greedy.plan.units[0].id, "trucks");
  EXPECT_EQ(greedy.plan.units[0].legs[0].mode, "rail");
  mp::PlanOptions improve;
  improve.improve_replans = 10;
  const Planned better = plan(s, data, improve);
  EXPECT_LT(better.plan.closure, greedy.plan.closure - 60);
  EXPECT_EQ(better.plan.units[0].id, "tanks");
  EXPECT_EQ(better.plan.units[1].legs[0].mode, "road");
  EXPECT_TRUE(better.report.ok()) << violations(better.report);
  // Never worse than the greedy order, whatever the budget.
  for (const int budget : {1, 2, 5}) {
    improve.improve_replans = budget;
    EXPECT_LE(plan(s, data, improve).plan.closure, greedy.plan.closure) << budget;
  }
}

TEST(Itinerary, AHigherPriorityGivesUpTheTrainWhenItStaysOnTime) {
  // As above, but the trucks come first by priority: re-insertion may not move the tanks ahead
  // of them. The trucks give up the train instead (by road they are still on time), and the
  // tanks take it at once; with a due date the road would miss, the trucks keep their train.
  const auto data = network(kRoadAndRail);
  ms::Scenario s = trucks_and_tanks_for_one_fast_train(1, 2);
  const Planned greedy = plan(s, data);
  ASSERT_EQ(greedy.plan.units[0].id, "trucks");
  ASSERT_EQ(greedy.plan.units[0].legs[0].mode, "rail");
  mp::PlanOptions improve;
  improve.improve_replans = 10;
  const Planned better = plan(s, data, improve);
  EXPECT_LT(better.plan.closure, greedy.plan.closure - 60);
  EXPECT_EQ(better.plan.units[0].id, "trucks");  // the priority order holds
  EXPECT_EQ(better.plan.units[0].legs[0].mode, "road");
  EXPECT_LE(better.plan.units[0].lateness(), 0);
  bool said = false;
  for (const auto& n : better.plan.units[0].legs[0].notes) said |= n.starts_with("rail: given up");
  EXPECT_TRUE(said);
  EXPECT_TRUE(better.report.ok()) << violations(better.report);

  // By road the trucks arrive 55 min after their train would bring them: a due date 30 min after
  // the train is met by train only.
  s.units[1].required_delivery = static_cast<ms::Minutes>(greedy.plan.units[0].arrival) + 30;
  const Planned kept = plan(s, data, improve);
  EXPECT_EQ(kept.plan.units[0].legs[0].mode, "rail");
  EXPECT_LE(kept.plan.units[0].lateness(), 0);
}

TEST(Itinerary, CarriedUnitsKeepTheEarliestArrivalAndThePermissionsTheValidatorChecks) {
  const auto data = network(kRoadAndRail);
  ms::Scenario s = scenario(20);
  s.rules.permissions.default_lead_time_working_days = 2;  // POL: C+2 (C-day is a Monday)
  s.units[0].earliest_arrival = 4 * 1440;
  const Planned p = plan(s, data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  ASSERT_EQ(u.legs[0].mode, "rail");
  for (const auto& mu : u.march_units) {
    EXPECT_GE(mu.arrive, 4 * 1440 - 1e-6) << mu.id;
    EXPECT_GT(mu.held, 0) << mu.id;
  }
  EXPECT_GE(u.trips.at(0).depart, 2 * 1440);  // the train leaves once it may enter POL
  EXPECT_TRUE(p.report.ok()) << violations(p.report);

  // The same plan with its train arriving in POL a day early breaks the permission rule.
  auto j = nlohmann::json::parse(mp::to_json(p.plan).dump());
  for (auto& step : j["units"][0]["march_units"][0]["steps"])
    if (step["activity"] == "carried") step["until_min"] = 1440;
  const auto file = milmob::validation::parse_plan(j.dump(), "plan.json");
  const auto report = milmob::validation::validate_plan(file, s, shipped_calendar());
  EXPECT_NE(violations(report).find("border permission: steps["), std::string::npos) << violations(report);
  EXPECT_NE(violations(report).find("is carried from DEU into POL by C+1, before the permission to enter POL holds at C+2"),
            std::string::npos)
      << violations(report);
}

TEST(Itinerary, TheValidatorHoldsEveryVehicleTypeToTheLimitsOfTheEdgesItsRoutePasses) {
  const auto data = network({{milmob::Mode::Road, 10, 16, 52, 0, 12}});
  ms::Scenario s = scenario(0);
  s.units[0].equipment = {{"Stryker ICV", 10}};  // 16.5 t: over the bridge
  s.resources.railheads.clear();
  s.resources.rail.clear();
  const milmob::Network net = data.view();
  milmob::routing::Router router(net);
  const mp::Overlay overlay(s, net, {});
  const mp::Plan p = mp::plan_movement(s, shipped_catalogue(), shipped_calendar(), router, overlay);
  ASSERT_TRUE(p.all_feasible());
  const auto validate = [&](const nlohmann::json& j, const ms::Scenario& with) {
    const auto file = milmob::validation::parse_plan(j.dump(), "plan.json");
    return violations(milmob::validation::validate_plan(file, with, shipped_calendar(), &net, &shipped_catalogue()));
  };
  auto j = nlohmann::json::parse(mp::to_json(p).dump());
  EXPECT_EQ(validate(j, s), "");
  // The same legs claimed for a 62 t tank: the bridge is signed 30 t.
  j["units"][0]["legs"][0]["types"] = {"Leopard 2A6"};
  const std::string found = validate(j, s);
  EXPECT_NE(found.find("vehicle limits: Leopard 2A6 on edge "), std::string::npos) << found;
  EXPECT_NE(found.find(": maxweight 30 t < 62 t"), std::string::npos) << found;
  // Strengthened by an override, the bridge carries it.
  ms::Override stronger;
  stronger.select.near = ms::PlaceRef{"", {12.25, 52}, ""};
  stronger.select.radius_m = 100;
  stronger.max_weight_t = 70;
  ms::Scenario upgraded = s;
  upgraded.network.overrides.push_back(stronger);
  EXPECT_EQ(validate(j, upgraded).find("vehicle limits"), std::string::npos) << validate(j, upgraded);
  // An edge that is not a road of the network is named.
  j["units"][0]["legs"][0]["parts"][0]["edges"].push_back(999999);
  EXPECT_NE(validate(j, s).find("edge 999999 is not a road of the network"), std::string::npos);
}

namespace {

// Six Boxers on two roads joined only by air, and 262 personnel: 12 ride in the vehicles' seats.
ms::Scenario airlift_scenario(int seats) {
  ms::Scenario s = scenario(0);
  s.units[0].home = {"", {8, 52}, "DEU"};
  s.units[0].equipment = {{"Boxer", 6}};
  s.units[0].personnel = 262;
  s.resources.railheads.clear();
  s.resources.rail.clear();
  s.resources.airfields = {{{"Base", {10, 52}, "DEU"}, 1, 2}, {{"Field", {14, 52}, "POL"}, 1, 2}};
  s.resources.aircraft = {{"C-17", 75, 1, 800, seats}};
  return s;
}

double delayed(const mp::UnitPlan& u) {
  double sum = 0;
  for (const auto& d : u.delays) sum += d.minutes;
  return sum;
}

}  // namespace

TEST(Personnel, TheRestFlyInSortiesOfTheSeatsOnTheAircraftTheVehiclesUse) {
  const auto data = network({{milmob::Mode::Road, 8, 10, 52}, {milmob::Mode::Road, 14, 16, 52}});
  const Planned p = plan(airlift_scenario(100), data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  const mp::PersonnelMove& pax = u.personnel;
  EXPECT_EQ(pax.mode, "air") << pax.itinerary;
  EXPECT_EQ(pax.seated, 12);  // 2 a vehicle (the default)
  EXPECT_EQ(pax.flown, 250);
  EXPECT_EQ(pax.riding, 12);
  ASSERT_EQ(pax.sorties.size(), 3u);  // 250 at 100 seats: 100, 100, 50
  EXPECT_EQ(pax.sorties[0].passengers + pax.sorties[1].passengers + pax.sorties[2].passengers, 250);
  EXPECT_EQ(pax.sorties[2].passengers, 50);
  // One C-17 for both: a sortie carries vehicles or personnel, each after the last is back.
  ASSERT_EQ(u.trips.size(), 3u);
  EXPECT_GE(pax.sorties[0].load_start, u.trips.back().back - 1e-6);
  for (std::size_t i = 1; i < pax.sorties.size(); ++i)
    EXPECT_GE(pax.sorties[i].load_start, pax.sorties[i - 1].back - 1e-6);
  int aircraft = 0;
  for (const auto& b : p.plan.bookings) aircraft += b.kind == "aircraft";
  EXPECT_EQ(aircraft, 6);
  // The personnel arrive last: they close the unit, and every minute until then has its cause.
  EXPECT_GT(pax.arrive, u.march_units.back().arrive);
  EXPECT_DOUBLE_EQ(u.arrival, pax.arrive);
  EXPECT_DOUBLE_EQ(p.plan.closure, pax.arrive);
  EXPECT_NEAR(delayed(u), u.arrival - u.ready, 1e-6);
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
  // The report's closure table and the map say so.
  EXPECT_NE(mp::report_html(p.plan).find("262: 12 in the vehicles, 250 flown in 3 sorties"), std::string::npos);
  int flights = 0;
  const auto geojson = mp::routes_geojson(p.plan);
  for (const auto& f : geojson["features"])
    flights += f["properties"].value("vehicle_class", "") == "personnel (250 flown)";
  EXPECT_EQ(flights, 1);

  // The validator counts them: a sortie over its seats, or personnel lost, are violations.
  auto j = nlohmann::json::parse(mp::to_json(p.plan).dump());
  j["units"][0]["personnel"]["sorties"][2]["passengers"] = 150;
  j["units"][0]["personnel"]["flown"] = 350;
  const auto file = milmob::validation::parse_plan(j.dump(), "plan.json");
  const std::string found =
      violations(milmob::validation::validate_plan(file, airlift_scenario(100), shipped_calendar()));
  EXPECT_NE(found.find("sortie on aircraft C-17 1 with 150 troops: the C-17 seats 100"), std::string::npos) << found;
  EXPECT_NE(found.find("350 flown and 12 riding with the convoys are not its 262 personnel"), std::string::npos) << found;
}

TEST(Personnel, FewerSeatsFlyMoreSortiesAndMoreAircraftNeverCloseLater) {
  const auto data = network({{milmob::Mode::Road, 8, 10, 52}, {milmob::Mode::Road, 14, 16, 52}});
  ms::Scenario s = airlift_scenario(60);
  const Planned p = plan(s, data);
  EXPECT_EQ(p.plan.units[0].personnel.sorties.size(), 5u);  // 250 at 60 seats
  EXPECT_TRUE(p.report.ok()) << violations(p.report);
  double previous = p.plan.closure;
  for (const int count : {2, 4}) {
    s.resources.aircraft[0].count = count;
    const Planned more = plan(s, data);
    EXPECT_TRUE(more.report.ok()) << violations(more.report);
    EXPECT_LE(more.plan.closure, previous + 1e-6) << count;
    previous = more.plan.closure;
  }
}

TEST(Personnel, TheyFlyOnlyWhenTheyLandBeforeTheVehiclesArriveByRoad) {
  // One road from home to the destination: the Boxers drive it. 250 personnel to fly on one
  // aircraft of 10 seats would land long after them, so they go with the vehicles; with enough
  // seats aloft they fly and land first.
  const auto data = network({{milmob::Mode::Road, 8, 16, 52}});
  ms::Scenario s = airlift_scenario(10);
  s.resources.aircraft[0].payload_t = 20;  // no Boxer (36.5 t) flies: the vehicles go by road
  s.resources.airfields = {{{"Base", {8, 52}, "DEU"}, 2, 2}, {{"Field", {16, 52}, "POL"}, 2, 2}};
  const Planned slow = plan(s, data);
  ASSERT_TRUE(slow.plan.all_feasible()) << slow.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = slow.plan.units[0];
  EXPECT_EQ(u.legs.at(0).mode, "road");
  EXPECT_EQ(u.personnel.mode, "convoy") << u.personnel.itinerary;
  ASSERT_FALSE(u.personnel.notes.empty());
  EXPECT_NE(u.personnel.notes.back().find("after the unit's vehicles arrive"), std::string::npos) << u.personnel.notes.back();
  EXPECT_TRUE(slow.plan.bookings.empty());  // the sorties weighed are not booked
  EXPECT_DOUBLE_EQ(u.arrival, u.march_units.back().arrive);
  EXPECT_TRUE(slow.report.ok()) << violations(slow.report);

  s.resources.aircraft[0].passengers = 250;
  s.resources.aircraft[0].count = 2;
  const Planned fast = plan(s, data);
  const mp::PersonnelMove& pax = fast.plan.units[0].personnel;
  EXPECT_EQ(pax.mode, "air") << pax.itinerary;
  EXPECT_EQ(pax.flown, 250);
  EXPECT_LE(pax.arrive, fast.plan.units[0].march_units.back().arrive);
  EXPECT_DOUBLE_EQ(fast.plan.closure, slow.plan.closure);  // the vehicles close the unit either way
  EXPECT_TRUE(fast.report.ok()) << violations(fast.report);
}

TEST(Personnel, WithoutSeatsAloftTheyRideWithTheConvoysAndBookNothing) {
  const auto data = network({{milmob::Mode::Road, 8, 10, 52}, {milmob::Mode::Road, 14, 16, 52}});
  const Planned p = plan(airlift_scenario(0), data);
  ASSERT_TRUE(p.plan.all_feasible()) << p.plan.units[0].infeasible_reason;
  const mp::UnitPlan& u = p.plan.units[0];
  EXPECT_EQ(u.personnel.mode, "convoy");
  EXPECT_EQ(u.personnel.flown, 0);
  EXPECT_EQ(u.personnel.riding, 262);
  EXPECT_TRUE(u.personnel.sorties.empty());
  ASSERT_FALSE(u.personnel.notes.empty());
  EXPECT_NE(u.personnel.notes[0].find("no aircraft of the scenario has passenger seats"), std::string::npos);
  for (const auto& b : p.plan.bookings) EXPECT_EQ(b.march_unit.find("/PAX/"), std::string::npos) << b.march_unit;
  EXPECT_DOUBLE_EQ(u.arrival, u.march_units.back().arrive);
  EXPECT_TRUE(p.report.ok()) << violations(p.report);

  // By road, no aircraft at all: the same, and the vehicles' plan is the one without personnel.
  const auto road = network(kRoadAndRail);
  ms::Scenario s = scenario(20);
  const Planned without = plan(s, road);
  s.units[0].personnel = 400;
  const Planned with = plan(s, road);
  EXPECT_EQ(with.plan.units[0].personnel.riding, 400);
  EXPECT_EQ(with.plan.bookings.size(), without.plan.bookings.size());
  EXPECT_DOUBLE_EQ(with.plan.closure, without.plan.closure);
  EXPECT_TRUE(with.report.ok()) << violations(with.report);
}
