// Road movement planning: the clock rules (windows, permissions), one march unit's timetable,
// convoy support centre bookings, and properties of whole plans on a two-nation corridor.
#include <gtest/gtest.h>

#include <cmath>

#include "common/error.h"
#include "network/builder.h"
#include "planning/bottlenecks.h"
#include "planning/clock_rules.h"
#include "planning/plan_output.h"
#include "planning/planner.h"
#include "planning/road_march.h"
#include "support/shipped_data.h"
#include "vehicles/catalogue.h"

using milmob::testing::shipped_calendar;
using milmob::testing::shipped_catalogue;

namespace mp = milmob::planning;
namespace ms = milmob::scenario;

namespace {

constexpr double kDay = 1440;

// C-day Monday 2027-03-01; DEU holidays that spring: Good Friday 2027-03-26, Easter Monday 03-29.
ms::Scenario base_scenario() {
  ms::Scenario s;
  s.name = "corridor";
  s.c_day = std::chrono::year_month_day{std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};
  return s;
}

double sum(const mp::MarchUnit& mu, mp::Activity a) {
  double total = 0;
  for (const auto& s : mu.steps)
    if (s.activity == a) total += s.until - s.from;
  return total;
}

}  // namespace

TEST(ClockRules, MovementWindowsSkipWeekendsHolidaysAndClosedHours) {
  ms::Scenario s = base_scenario();
  s.rules.windows.push_back({"DEU", true, true, std::make_pair(21 * 60, 5 * 60)});
  const mp::ClockRules clock(s, shipped_calendar());
  // Monday 12:00: closed until 21:00, then open until 05:00 on Tuesday.
  auto [open, close] = clock.movable("DEU", 12 * 60);
  EXPECT_EQ(open, 21 * 60);
  EXPECT_EQ(close, kDay + 5 * 60);
  EXPECT_EQ(clock.why_not("DEU", 12 * 60), "convoys only 21:00-05:00 UTC in DEU");
  // Friday 21:00 opens, but Saturday 00:00 is a weekend: the window ends at midnight.
  std::tie(open, close) = clock.movable("DEU", 4 * kDay + 22 * 60);
  EXPECT_EQ(open, 4 * kDay + 22 * 60);
  EXPECT_EQ(close, 5 * kDay);
  // Saturday: next opening Monday 21:00... no: Monday 00:00-05:00 is inside the wrapped window.
  std::tie(open, close) = clock.movable("DEU", 5 * kDay + 10 * 60);
  EXPECT_EQ(open, 7 * kDay);
  EXPECT_EQ(clock.why_not("DEU", 5 * kDay), "no convoys on weekends in DEU");
  // Good Friday 2027-03-26 (C+25) is a public holiday in DEU.
  EXPECT_EQ(clock.why_not("DEU", 25 * kDay + 22 * 60), "no convoys on public holidays in DEU");
  // A nation without a window: always.
  EXPECT_EQ(clock.movable("POL", 5 * kDay).first, 5 * kDay);
}

TEST(ClockRules, PermissionLeadTimesInWorkingDaysOfTheGrantingNation) {
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 5;
  s.rules.permissions.by_granting_nation["LTU"] = 1;
  s.rules.permissions.pairs.push_back({"DEU", "POL", 3});
  s.rules.permissions.corridors.push_back({"NL-DE corridor", {"NLD", "DEU"}, 12});
  const mp::ClockRules clock(s, shipped_calendar());
  EXPECT_EQ(clock.earliest_entry("DEU", "DEU").first, -INFINITY);
  EXPECT_EQ(clock.earliest_entry("NLD", "POL").first, 7 * kDay);  // 5 working days from Monday: next Monday
  EXPECT_EQ(clock.earliest_entry("DEU", "POL").first, 3 * kDay);  // the pair rule: Thursday
  EXPECT_EQ(clock.earliest_entry("DEU", "LTU").first, 1 * kDay);
  EXPECT_EQ(clock.earliest_entry("NLD", "DEU").first, 12 * 60);   // the corridor
  EXPECT_NE(clock.earliest_entry("NLD", "POL").second.find("5 working days in POL"), std::string::npos);
}

TEST(RoadMarch, DrivesHaltsStopsForTheNightAndWaitsAtTheBorder) {
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 2;  // POL: from Wednesday 00:00
  const mp::ClockRules clock(s, shipped_calendar());
  mp::CentreLedger centres(s.resources.convoy_support_centres);
  mp::MarchContext ctx{clock, nullptr, s.rules.convoy, "DEU", "u", centres};
  // 600 km in DEU at 60 km/h, then 300 km into POL.
  const std::vector<mp::RoadStep> route = {{600, 60, "DEU", "DEU", {10, 52}, {18, 52}},
                                           {300, 60, "DEU", "POL", {18, 52}, {22, 52}}};
  const mp::MarchUnit mu = mp::march(route, 0, 20, "u/S1/M1", ctx);
  EXPECT_NEAR(sum(mu, mp::Activity::Drive), 900, 1e-6);  // 900 km at 60 km/h
  // No day drives more than 10 h; the first halt is 15 min after 1 h, then 10 min every 2 h.
  double driven = 0;
  for (const auto& step : mu.steps) {
    if (step.activity == mp::Activity::NightStop || step.activity == mp::Activity::PermissionWait) driven = 0;
    if (step.activity == mp::Activity::Drive) driven += step.until - step.from;
    EXPECT_LE(driven, 600 + 1e-6);
  }
  ASSERT_GE(mu.steps.size(), 3u);
  EXPECT_EQ(mu.steps[1].activity, mp::Activity::Halt);
  EXPECT_DOUBLE_EQ(mu.steps[1].from, 60);
  EXPECT_DOUBLE_EQ(mu.steps[1].until, 75);
  ASSERT_EQ(mu.crossings.size(), 1u);
  EXPECT_GE(mu.crossings[0].time, 2 * kDay);  // not before the permission holds
  EXPECT_GT(sum(mu, mp::Activity::NightStop) + sum(mu, mp::Activity::PermissionWait), 0);
  EXPECT_NEAR(mu.arrive, mu.steps.back().until, 1e-9);
}

TEST(RoadMarch, NightStopsAtConvoySupportCentresWithRoomOnly) {
  ms::Scenario s = base_scenario();
  s.resources.convoy_support_centres.push_back({{"Centre", {15.0, 52.0}, "DEU"}, 30, 0});
  const mp::ClockRules clock(s, shipped_calendar());
  mp::CentreLedger centres(s.resources.convoy_support_centres);
  mp::MarchContext ctx{clock, nullptr, s.rules.convoy, "DEU", "u", centres};
  const std::vector<mp::RoadStep> route = {{1000, 60, "DEU", "DEU", {10, 52}, {23.2, 52}}};
  // The centre lies ~340 km on, beyond half a day's driving: the first march unit stops there.
  const mp::MarchUnit first = mp::march(route, 0, 20, "u/S1/M1", ctx);
  const mp::MarchUnit second = mp::march(route, 15, 20, "u/S1/M2", ctx);  // 20 more do not fit (30 places)
  ASSERT_EQ(centres.bookings().size(), 1u);
  EXPECT_EQ(centres.bookings()[0].march_unit, "u/S1/M1");
  const auto night = [](const mp::MarchUnit& mu) {
    for (const auto& step : mu.steps)
      if (step.activity == mp::Activity::NightStop) return step.detail;
    return std::string();
  };
  EXPECT_EQ(night(first), "Centre");
  EXPECT_NE(night(second).find("roadside"), std::string::npos) << night(second);
}

namespace {

// A motorway from 10 E to 16 E along 52 N: DEU west of 14 E, POL east of it.
milmob::NetworkData corridor() {
  milmob::NetworkBuilder b;
  std::vector<milmob::NodeId> nodes;
  for (int i = 0; i <= 12; ++i) nodes.push_back(b.add_node({10 + 0.5 * i, 52}));
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i)
    for (const auto& [a, z] : {std::pair{nodes[i], nodes[i + 1]}, std::pair{nodes[i + 1], nodes[i]}}) {
      milmob::EdgeSpec e;
      e.tail = a, e.head = z, e.length_m = 34300, e.speed_kmh = 90, e.road_class = milmob::RoadClass::Motorway;
      const std::vector<milmob::geo::LonLat> line = {b.node_coord(a), b.node_coord(z)};
      e.shape = b.add_shape(line);  // every edge has its polyline (snapping reads it)
      b.add_edge(e);
    }
  b.assign_countries({"DEU", "POL"}, [](const milmob::geo::LonLat& p) { return static_cast<std::uint16_t>(p.lon < 14 ? 0 : 1); });
  return std::move(b).build();
}

ms::Unit unit(const std::string& id, double lon_home, int tanks, int priority) {
  ms::Unit u;
  u.id = id, u.nation = "DEU", u.priority = priority;
  u.home = {"", {lon_home, 52}, ""};
  u.destination = {"", {16, 52}, ""};
  u.equipment = {{"Leopard 2A6", tanks}, {"MAN HX77", 10}};
  u.required_delivery = 6 * 1440;
  return u;
}

mp::Plan plan(const ms::Scenario& s, const milmob::NetworkData& data, const std::vector<std::string>& disruptions = {}) {
  const milmob::Network net = data.view();
  milmob::routing::Router router(net);
  const mp::Overlay overlay(s, net, disruptions);
  return mp::plan_movement(s, shipped_catalogue(), shipped_calendar(), router, overlay);
}

double waited(const mp::UnitPlan& u, mp::Activity a) {
  for (const auto& d : u.delays)
    if (d.cause == a) return d.minutes;
  return 0;
}

}  // namespace

TEST(Planner, PlansEveryUnitInPriorityOrderAndExplainsItsDelays) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.units = {unit("second", 10, 30, 2), unit("first", 11, 10, 1)};
  const mp::Plan p = plan(s, data);
  ASSERT_EQ(p.units.size(), 2u);
  EXPECT_EQ(p.units[0].id, "first");
  ASSERT_TRUE(p.all_feasible());
  const mp::UnitPlan& u = p.units[1];
  EXPECT_EQ(u.legs.size(), 2u);          // the tank and the truck class
  EXPECT_EQ(u.march_units.size(), 3u);   // 30 tanks in march units of 20 or fewer, 10 trucks
  EXPECT_GE(u.march_units[0].crossings.at(0).time, 7 * 1440);  // POL: 5 working days from Monday C+0
  bool permission = false;
  for (const auto& d : u.delays) permission |= d.cause == mp::Activity::PermissionWait;
  EXPECT_TRUE(permission);
  EXPECT_GT(u.lateness(), 0);  // the permission makes it late for C+6
  EXPECT_EQ(mp::to_json(p).dump(), mp::to_json(plan(s, data)).dump());  // deterministic
}

TEST(Planner, ALongerLeadTimeNeverMakesACrossingEarlier) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.units = {unit("a", 10, 20, 1), unit("b", 12, 5, 2)};
  for (double days = 0; days <= 6; ++days) {
    s.rules.permissions.default_lead_time_working_days = days;
    ms::Scenario longer = s;
    longer.rules.permissions.default_lead_time_working_days = days + 1;
    const mp::Plan p = plan(s, data), q = plan(longer, data);
    for (std::size_t i = 0; i < p.units.size(); ++i)
      for (std::size_t k = 0; k < p.units[i].march_units.size(); ++k)
        EXPECT_LE(p.units[i].march_units[k].crossings.at(0).time, q.units[i].march_units[k].crossings.at(0).time)
            << days;
    EXPECT_LE(p.closure, q.closure);
  }
}

TEST(Planner, FewerCentrePlacesNeverImproveClosure) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 0;
  s.rules.convoy.max_driving_hours_per_day = 3;
  s.units = {unit("a", 10, 20, 1), unit("b", 10, 20, 2)};
  s.resources.convoy_support_centres.push_back({{"Mid", {13.0, 52.0}, "DEU"}, 100, 0});
  double previous = 0;
  for (const double places : {100.0, 40.0, 20.0, 0.0}) {
    s.resources.convoy_support_centres[0].vehicles_per_night = places == 0 ? 1 : places;
    const double closure = plan(s, data).closure;
    EXPECT_GE(closure + 1e-6, previous) << places;
    previous = closure;
  }
}

TEST(Planner, AUnitNoRoadReachesIsInfeasibleWithItsReason) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.units = {unit("lost", 10, 2, 1)};
  s.units[0].home = {"Reykjavik", {-21.9, 64.1}, "ISL"};
  const mp::Plan p = plan(s, data);
  ASSERT_EQ(p.units.size(), 1u);
  EXPECT_FALSE(p.all_feasible());
  EXPECT_NE(p.units[0].infeasible_reason.find("no road route from home to destination"), std::string::npos)
      << p.units[0].infeasible_reason;
}

TEST(Overlay, AClosureWithoutADetourIsWaitedOutAndExplained) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 0;
  s.units = {unit("a", 10, 4, 1)};
  const double open = plan(s, data).closure;
  ms::Closure c;
  c.name = "bridge works";
  c.select.near = ms::PlaceRef{"", {12.25, 52}, ""};
  c.from = 0, c.until = 5 * 1440;
  s.network.closures.push_back(c);
  const mp::Plan p = plan(s, data);
  ASSERT_TRUE(p.all_feasible());
  EXPECT_GT(p.closure, 5 * 1440);
  EXPECT_GT(p.closure, open);
  EXPECT_GT(waited(p.units[0], mp::Activity::ClosureWait), 0);
  bool named = false;
  for (const auto& d : p.units[0].delays) named |= d.text.find("closure 'bridge works'") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(Overlay, AnOverriddenBridgeClassStopsTanksButNotTrucks) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  ms::Override o;
  o.select.near = ms::PlaceRef{"", {12.25, 52}, ""};
  o.mlc_tracked = 30;
  s.network.overrides.push_back(o);
  s.units = {unit("a", 10, 4, 1)};
  const mp::Plan p = plan(s, data);
  ASSERT_EQ(p.units.size(), 1u);
  EXPECT_FALSE(p.units[0].feasible);
  EXPECT_NE(p.units[0].infeasible_reason.find("Leopard 2A6"), std::string::npos) << p.units[0].infeasible_reason;
  ASSERT_EQ(p.units[0].march_units.size(), 1u);  // the trucks still move
  EXPECT_EQ(p.units[0].march_units[0].vehicle_class, "MAN HX77");
}

TEST(Overlay, DisruptionsApplyOnlyWhenChosen) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 0;
  s.units = {unit("a", 10, 4, 1)};
  ms::Disruption border;
  border.name = "border", border.kind = "border_closed", border.at = 0, border.duration = 10 * 1440;
  border.nations = {"DEU", "POL"};
  s.disruptions.push_back(border);
  const mp::Plan normal = plan(s, data), closed = plan(s, data, {"border"});
  EXPECT_LT(normal.closure, 10 * 1440);
  EXPECT_GE(closed.units[0].march_units[0].crossings.at(0).time, 10 * 1440);
  EXPECT_GT(waited(closed.units[0], mp::Activity::ClosureWait), 0);
  EXPECT_THROW(plan(s, data, {"no such"}), milmob::InputError);
}

TEST(Bottlenecks, EasingARuleNeverWorsensClosureAndThePermissionIsFound) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 5;
  s.rules.windows.push_back({"DEU", true, false, std::nullopt});
  s.rules.convoy.max_driving_hours_per_day = 4;
  s.resources.convoy_support_centres.push_back({{"Mid", {13.0, 52.0}, "DEU"}, 20, 0});
  s.units = {unit("a", 10, 20, 1), unit("b", 10, 10, 2)};
  ms::Disruption lost;
  lost.name = "bridge", lost.kind = "bridge_lost", lost.at = 0, lost.duration = 2 * 1440;
  lost.select.near = ms::PlaceRef{"", {14.25, 52}, ""};
  s.disruptions.push_back(lost);
  const milmob::Network net = data.view();
  milmob::routing::Router router(net);
  const mp::BottleneckReport report = mp::bottlenecks(s, shipped_catalogue(), shipped_calendar(), router, {});
  ASSERT_FALSE(report.changes.empty());
  bool permission = false, disruption = false;
  for (const auto& m : report.changes) {
    if (m.what.starts_with("disruption")) {
      disruption = true;
      EXPECT_LE(m.closure_gain_h, 1e-6) << m.what;  // a disruption never helps
    } else {
      EXPECT_GE(m.closure_gain_h, -1e-6) << m.what << ": " << m.change;  // easing never hurts
    }
    if (m.what == "permission POL") {
      permission = true;
      EXPECT_GT(m.closure_gain_h, 0);  // the convoys wait at the border: one day less helps
    }
  }
  EXPECT_TRUE(permission);
  EXPECT_TRUE(disruption);
  EXPECT_GE(report.changes.front().closure_gain_h, report.changes.back().closure_gain_h);  // sorted
}

TEST(Planner, NoUnitArrivesBeforeItsEarliestArrivalDate) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.rules.permissions.default_lead_time_working_days = 0;
  s.units = {unit("a", 10, 30, 1)};
  const double natural = plan(s, data).units[0].arrival;
  const auto earliest = static_cast<ms::Minutes>(natural + 3 * 1440);
  s.units[0].earliest_arrival = earliest;
  const mp::Plan p = plan(s, data);
  for (const auto& mu : p.units[0].march_units) EXPECT_GE(mu.arrive, static_cast<double>(earliest) - 1e-6) << mu.id;
  // Held, the march units of a serial still leave one after another, not all at once.
  const auto& mus = p.units[0].march_units;
  for (std::size_t k = 1; k < mus.size(); ++k) {
    if (mus[k].serial != mus[k - 1].serial) continue;
    EXPECT_GT(mus[k].depart, mus[k - 1].depart + 1) << mus[k].id;
  }
  bool held = false;
  for (const auto& d : p.units[0].delays) held |= d.text.find("earliest arrival date") != std::string::npos;
  EXPECT_TRUE(held);
}

TEST(Planner, ReportsItsProgressUnitByUnitAndEndsAtOne) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.units = {unit("a", 10, 10, 1), unit("b", 11, 10, 2), unit("c", 12, 10, 3)};
  const milmob::Network net = data.view();
  milmob::routing::Router router(net);
  const mp::Overlay overlay(s, net, {});
  for (const int replans : {0, 4}) {
    std::vector<double> seen;
    mp::PlanOptions options;
    options.improve_replans = replans;
    options.progress = [&seen](double done) { seen.push_back(done); };
    mp::plan_movement(s, shipped_catalogue(), shipped_calendar(), router, overlay, options);
    ASSERT_GE(seen.size(), 4u) << replans;  // after each unit of the first plan, and at the end
    if (replans == 0) {
      EXPECT_NEAR(seen[0], 1.0 / 3, 1e-9);
    }
    for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i], seen[i - 1]) << replans << " call " << i;
    EXPECT_GT(seen.front(), 0);
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
  }
}

TEST(Bottlenecks, ReportsOneStepOfProgressPerReplan) {
  const auto data = corridor();
  ms::Scenario s = base_scenario();
  s.rules.windows.push_back({"DEU", true, false, std::nullopt});
  s.units = {unit("a", 10, 20, 1)};
  const milmob::Network net = data.view();
  milmob::routing::Router router(net);
  std::vector<double> seen;
  const mp::BottleneckReport report = mp::bottlenecks(s, shipped_catalogue(), shipped_calendar(), router, {},
                                                      [&seen](double done) { seen.push_back(done); });
  ASSERT_EQ(seen.size(), report.changes.size() + 1);  // the plan as it is, then each change
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i], seen[i - 1]);
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}
