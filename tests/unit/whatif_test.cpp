// What-if analysis on constructed cases with a known answer: a bridge upgrade lets tanks
// through, the binding upgrade ranks first, a disruption after everyone has passed changes
// nothing, a transit nation's vehicle-km add up; and the disruption and candidate files'
// bad input named by line and field.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "network/builder.h"
#include "scenario/fragment_reader.h"
#include "scenario/places.h"
#include "scenario/vehicle_lookup.h"
#include "support/shipped_data.h"
#include "vehicles/catalogue.h"
#include "whatif/candidates.h"
#include "whatif/plan_diff.h"
#include "whatif/ranking.h"
#include "whatif/replan.h"
#include "whatif/transit.h"

using milmob::testing::shipped_calendar;
using milmob::testing::shipped_catalogue;

namespace ms = milmob::scenario;
namespace mw = milmob::whatif;

namespace {

constexpr double kDay = 1440;

const ms::PlaceTable& places() {
  static const auto p = ms::PlaceTable::load_default();
  return p;
}

// A motorway from 10 E to 16 E along 52 N, 0.5 degree edges, DEU west of 14 E, POL east of it.
// The edges starting at the `bridges` nodes (default: 12.0 to 12.5 E) are bridges of tracked
// MLC 40: no Leopard 2 crosses them.
milmob::NetworkData corridor(const std::vector<std::size_t>& bridges = {4}) {
  milmob::NetworkBuilder b;
  std::vector<milmob::NodeId> nodes;
  for (int i = 0; i <= 12; ++i) nodes.push_back(b.add_node({10 + 0.5 * i, 52}));
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i)
    for (const auto& [a, z] : {std::pair{nodes[i], nodes[i + 1]}, std::pair{nodes[i + 1], nodes[i]}}) {
      milmob::EdgeSpec e;
      e.tail = a, e.head = z, e.length_m = 34300, e.speed_kmh = 90, e.road_class = milmob::RoadClass::Motorway;
      if (std::find(bridges.begin(), bridges.end(), i) != bridges.end())
        e.limits.mlc_tracked = 40, e.flags = milmob::edge_flag::kBridge;
      const std::vector<milmob::geo::LonLat> line = {b.node_coord(a), b.node_coord(z)};
      e.shape = b.add_shape(line);
      b.add_edge(e);
    }
  b.assign_countries({"DEU", "POL"}, [](const milmob::geo::LonLat& p) { return static_cast<std::uint16_t>(p.lon < 14 ? 0 : 1); });
  return std::move(b).build();
}

ms::Unit unit(const std::string& id, double lon_home, int tanks, int trucks) {
  ms::Unit u;
  u.id = id, u.nation = "DEU", u.priority = 1;
  u.home = {"", {lon_home, 52}, ""};
  u.destination = {"", {16, 52}, ""};
  if (tanks > 0) u.equipment.push_back({"Leopard 2A6", tanks});
  u.equipment.push_back({"MAN HX77", trucks});
  u.required_delivery = 6 * 1440;
  return u;
}

// C-day Monday 2027-03-01.
ms::Scenario scenario() {
  ms::Scenario s;
  s.name = "corridor";
  s.c_day = std::chrono::year_month_day{std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};
  s.rules.permissions.default_lead_time_working_days = 0;
  return s;
}

mw::Candidate bridge(const std::string& id, double lon, double mlc, double cost) {
  mw::Candidate c;
  c.id = id, c.kind = mw::CandidateKind::Bridge, c.cost_eur = cost;
  ms::WaySelector select;
  select.near = ms::PlaceRef{"", {lon, 52}, ""};
  select.radius_m = 100;
  c.sections = {select};
  c.limits.mlc_tracked = c.limits.mlc_wheeled = mlc;
  return c;
}

mw::Candidate lead_time(const std::string& id, const std::string& nation, double days, double cost) {
  mw::Candidate c;
  c.id = id, c.kind = mw::CandidateKind::LeadTime, c.cost_eur = cost, c.nation = nation;
  c.lead_time_working_days = days;
  return c;
}

mw::Candidate centre(const std::string& id, double lon, double places, double cost) {
  mw::Candidate c;
  c.id = id, c.kind = mw::CandidateKind::ConvoySupportCentre, c.cost_eur = cost;
  c.place = ms::PlaceRef{"", {lon, 52}, ""};
  c.amount = places;
  return c;
}

struct Fixture {
  explicit Fixture(const std::vector<std::size_t>& bridges = {4}) : data(corridor(bridges)) {}
  milmob::NetworkData data;
  milmob::Network net = data.view();
  milmob::routing::Router router{net};
  mw::Replanner replanner{shipped_catalogue(), shipped_calendar(), router};
};

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

bool has_error(const ms::Diagnostics& d, long line, const std::string& path, const std::string& words) {
  for (const auto& x : d.sorted())
    if (x.severity == ms::Diagnostic::Severity::Error && x.line == line && x.path == path &&
        x.message.find(words) != std::string::npos)
      return true;
  return false;
}

std::string all(const ms::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.sorted()) out += x.to_string() + "\n";
  return out;
}

}  // namespace

TEST(BridgeUpgrade, RaisingTheBridgeClassLetsTanksCrossAndOnlyThen) {
  Fixture f;
  ms::Scenario s = scenario();
  s.units = {unit("tanks", 10, 10, 5)};
  const auto before = f.replanner.replan(s);
  ASSERT_EQ(before.units.size(), 1u);
  EXPECT_FALSE(before.units[0].feasible);  // MLC 40 bridge, Leopard 2A6 MLC ~70
  const auto after = f.replanner.replan(mw::apply(s, bridge("raise", 12.25, 80, 1e6)));
  EXPECT_TRUE(after.units[0].feasible) << after.units[0].infeasible_reason;
  // Raised, but not enough: still stopped. And a raise elsewhere does nothing.
  EXPECT_FALSE(f.replanner.replan(mw::apply(s, bridge("low", 12.25, 50, 1e6))).units[0].feasible);
  EXPECT_FALSE(f.replanner.replan(mw::apply(s, bridge("elsewhere", 15.25, 120, 1e6))).units[0].feasible);
  // Where overrides disagree the later holds: a lowering after the raise stops the tanks again...
  ms::Scenario both = mw::apply(s, bridge("raise", 12.25, 80, 1e6));
  ms::Override lower;
  lower.select = both.network.overrides.back().select;
  lower.mlc_tracked = 30;
  both.network.overrides.push_back(lower);
  EXPECT_FALSE(f.replanner.replan(both).units[0].feasible);
  // ... and an upgrade (applied last) strengthens a bridge the scenario itself reclassified down.
  ms::Scenario reclassified = s;
  reclassified.network.overrides.push_back(lower);
  EXPECT_TRUE(f.replanner.replan(mw::apply(reclassified, bridge("raise", 12.25, 80, 1e6))).units[0].feasible);
  // Trucks, which the old bridge carried, still cross the raised one; a closed one stops all.
  ms::Scenario trucks = s;
  trucks.units = {unit("trucks", 10, 0, 5)};
  EXPECT_TRUE(f.replanner.replan(mw::apply(trucks, bridge("raise", 12.25, 80, 1e6))).units[0].feasible);
  ms::Override closed;
  closed.select = lower.select;
  closed.closed = true;
  trucks.network.overrides.push_back(closed);
  EXPECT_FALSE(f.replanner.replan(mw::apply(trucks, bridge("raise", 12.25, 80, 1e6))).units[0].feasible);
}

TEST(RankUpgrades, ARouteWithTwoWeakBridgesNeedsBothSectionsInOneCandidate) {
  Fixture f({4, 8});  // bridges at 12.0-12.5 E and 14.0-14.5 E
  ms::Scenario s = scenario();
  s.units = {unit("tanks", 10, 10, 5)};
  mw::Candidate both = bridge("both", 12.25, 80, 6e7);
  both.sections.push_back(bridge("", 14.25, 80, 0).sections[0]);
  const std::vector<mw::Candidate> candidates = {bridge("west", 12.25, 80, 3e7), bridge("east", 14.25, 80, 3e7), both};
  const mw::RankingReport r = mw::rank_upgrades(s, candidates, f.replanner, {1e8, {}, {}});
  ASSERT_EQ(r.feasible, 0);
  EXPECT_EQ(r.ranked[0].candidate->id, "both");
  EXPECT_EQ(r.ranked[0].alone.feasible_gain, 1);
  EXPECT_EQ(r.ranked[0].alone.benefit, std::vector<std::string>{"tanks"});
  for (std::size_t i = 1; i < 3; ++i) EXPECT_EQ(r.ranked[i].alone.feasible_gain, 0) << r.ranked[i].candidate->id;
  ASSERT_EQ(r.portfolio.size(), 1u);  // after `both`, neither half adds anything
  EXPECT_EQ(r.portfolio[0].candidate->id, "both");
  // A section that selects nothing is reported as the candidate's.
  mw::Candidate lost = bridge("lost", 30, 80, 1);
  const mw::RankingReport q = mw::rank_upgrades(s, {lost}, f.replanner, {});
  ASSERT_EQ(q.ranked[0].alone.notes.size(), 1u);
  EXPECT_NE(q.ranked[0].alone.notes[0].find("selects no edge"), std::string::npos);
}

TEST(RankUpgrades, TheBindingUpgradeRanksFirstAndUselessOnesGainNothing) {
  Fixture f;
  ms::Scenario s = scenario();
  s.rules.permissions.by_granting_nation["POL"] = 5;  // Monday C+0: entry from Monday C+7
  s.units = {unit("a", 10.2, 0, 20), unit("b", 12.7, 0, 10)};
  const std::vector<mw::Candidate> candidates = {
      centre("far-centre", 10.5, 100, 1e5),          // no night stop is needed near there
      lead_time("pol-1-day", "POL", 1, 5e6),         // the binding rule
      lead_time("ltu-1-day", "LTU", 1, 1e3),         // nobody enters LTU
      bridge("bridge", 12.25, 120, 2e7),             // trucks cross it already
  };
  const mw::RankingReport r = mw::rank_upgrades(s, candidates, f.replanner, {1e7, {}, {}});
  ASSERT_EQ(r.ranked.size(), 4u);
  EXPECT_EQ(r.ranked[0].candidate->id, "pol-1-day");
  EXPECT_GT(r.ranked[0].alone.closure_gain_h, 24);  // four working days earlier, less the drive
  EXPECT_EQ(r.ranked[0].alone.benefit, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(r.ranked[0].days_per_meur());
  EXPECT_NEAR(*r.ranked[0].days_per_meur(), r.ranked[0].alone.closure_gain_h / 24 / 5, 1e-9);
  for (std::size_t i = 1; i < r.ranked.size(); ++i) {
    EXPECT_NEAR(r.ranked[i].alone.closure_gain_h, 0, 1e-9) << r.ranked[i].candidate->id;
    EXPECT_TRUE(r.ranked[i].alone.benefit.empty()) << r.ranked[i].candidate->id;
  }
  // The portfolio: the lead time only (nothing else gains); the bridge is over budget anyway.
  ASSERT_EQ(r.portfolio.size(), 1u);
  EXPECT_EQ(r.portfolio[0].candidate->id, "pol-1-day");
  EXPECT_NEAR(r.portfolio[0].given_earlier.closure_gain_h, r.portfolio[0].alone.closure_gain_h, 1e-9);
  EXPECT_DOUBLE_EQ(r.portfolio[0].spent_eur, 5e6);
  // The reference, each alone, the first greedy round (3 affordable), the second (2 left, no gain).
  EXPECT_EQ(r.plans_made, 1 + 4 + 3 + 2);
}

TEST(RankUpgrades, APortfolioShowsThatTwoFixesOfOneBottleneckDoNotAdd) {
  Fixture f;
  ms::Scenario s = scenario();
  s.rules.permissions.by_granting_nation["POL"] = 5;
  s.units = {unit("a", 10.2, 0, 20)};
  // Two ways to the same end: either shortens the wait at the border; after one, the other
  // (slower) gains nothing more.
  const std::vector<mw::Candidate> candidates = {lead_time("pol-2", "POL", 2, 1e6), lead_time("pol-3", "POL", 3, 1e5)};
  const mw::RankingReport r = mw::rank_upgrades(s, candidates, f.replanner, {5e6, {}, {}});
  ASSERT_EQ(r.ranked.size(), 2u);
  EXPECT_GT(r.ranked[0].alone.closure_gain_h, 0);
  EXPECT_GT(r.ranked[1].alone.closure_gain_h, 0);
  ASSERT_GE(r.portfolio.size(), 1u);
  // pol-3 is cheaper per day gained and picked first; pol-2 then gains less than alone.
  EXPECT_EQ(r.portfolio[0].candidate->id, "pol-3");
  if (r.portfolio.size() == 2) {
    EXPECT_EQ(r.portfolio[1].candidate->id, "pol-2");
    EXPECT_LT(r.portfolio[1].given_earlier.closure_gain_h, r.portfolio[1].alone.closure_gain_h);
  }
  double gained = 0;
  for (const auto& p : r.portfolio) gained += p.given_earlier.closure_gain_h;
  EXPECT_NEAR(gained, (r.closure - r.portfolio.back().closure) / 60, 1e-6);  // the picks' gains add up
}

TEST(Whatif, ADisruptionAfterEveryoneHasPassedChangesNothing) {
  Fixture f;
  ms::Scenario s = scenario();
  s.units = {unit("a", 10.2, 0, 20)};
  ms::Disruption late;
  late.name = "bridge lost at C+20", late.kind = "bridge_lost", late.at = 20 * 1440;
  late.select.near = ms::PlaceRef{"", {12.25, 52}, ""};
  ms::Disruption border;
  border.name = "border closed", border.kind = "border_closed", border.at = 0, border.duration = 3 * 1440;
  border.nations = {"DEU", "POL"};
  s.disruptions = {late, border};
  const auto before = f.replanner.replan(s);
  ASSERT_LT(before.closure, 20 * kDay);
  const mw::PlanDiff none = mw::compare_plans(before, f.replanner.replan(s, {"bridge lost at C+20"}));
  EXPECT_DOUBLE_EQ(none.closure_change_h(), 0);
  for (const auto& u : none.units) EXPECT_FALSE(u.changed()) << u.id;
  EXPECT_NE(mw::diff_text(none).find("no unit's plan changed"), std::string::npos);

  const mw::PlanDiff closed = mw::compare_plans(before, f.replanner.replan(s, {"border closed"}));
  EXPECT_GT(closed.closure_change_h(), 0);
  ASSERT_EQ(closed.units.size(), 1u);
  EXPECT_TRUE(closed.units[0].changed());
  EXPECT_NEAR(closed.units[0].arrival_change_h(), closed.closure_change_h(), 1e-9);
  bool waited = false;
  for (const auto& a : closed.units[0].activities)
    if (a.activity == "closure_wait") {
      waited = true;
      EXPECT_GT(a.after, a.before);
    }
  EXPECT_TRUE(waited);
  const auto j = mw::to_json(closed);
  EXPECT_EQ(j["format"], "milmob-whatif/1");
  EXPECT_EQ(j["units"][0]["changed"], true);
  EXPECT_NE(mw::whatif_section_html(closed).find("border closed"), std::string::npos);
}

TEST(Transit, VehicleKmAndFuelAddUpOverTheDaysAndOnlyInTheNation) {
  Fixture f;
  ms::Scenario s = scenario();
  s.units = {unit("a", 10.2, 0, 20), unit("b", 12.7, 0, 10)};
  const auto plan = f.replanner.replan(s);
  ASSERT_TRUE(plan.all_feasible());
  const mw::TransitInputs in{plan, s,
                             [&](const std::string& label) { return ms::find_vehicle_type(s, shipped_catalogue(), label); },
                             [](const ms::PlaceRef& p) { return std::string(p.where.lon < 14 ? "DEU" : "POL"); }};
  const mw::TransitReport pol = mw::transit_report(in, "POL");
  EXPECT_EQ(pol.vehicles, 30);
  // Every vehicle drives from the border to 16 E in POL: the planner crosses the border halfway
  // along the edge between the last DEU and the first POL node (13.75 E), so 4.5 edges of 34.3 km.
  EXPECT_NEAR(pol.vehicle_km, 30 * 4.5 * 34.3, 1.0);
  double vkm = 0, fuel = 0;
  for (const auto& d : pol.days) vkm += d.vehicle_km, fuel += d.fuel_m3;
  EXPECT_NEAR(vkm, pol.vehicle_km, 1e-6);
  const double truck_l_per_km = mw::fuel_litres_per_km(ms::find_vehicle_type(s, shipped_catalogue(), "MAN HX77"));
  EXPECT_NEAR(fuel, pol.vehicle_km * truck_l_per_km / 1000, 1e-6);
  EXPECT_GT(truck_l_per_km, 0.2);
  // Every night stop is counted once, in the nation where it happens.
  ms::Scenario tired = s;
  tired.rules.convoy.max_driving_hours_per_day = 2;
  const auto slow = f.replanner.replan(tired);
  int stopped = 0;
  for (const auto& u : slow.units)
    for (const auto& mu : u.march_units)
      for (const auto& step : mu.steps) stopped += step.activity == milmob::planning::Activity::NightStop ? mu.vehicles : 0;
  ASSERT_GT(stopped, 0);
  const mw::TransitInputs slow_in{slow, tired, in.vehicle_type, in.nation_of};
  int counted = 0;
  for (const char* nation : {"DEU", "POL"})
    for (const auto& d : mw::transit_report(slow_in, nation).days) counted += d.night_stop_vehicles;
  EXPECT_EQ(counted, stopped);
  const mw::TransitReport fra = mw::transit_report(in, "FRA");
  EXPECT_TRUE(fra.days.empty());
  EXPECT_EQ(fra.vehicles, 0);
  EXPECT_NE(mw::transit_svg(pol).find("<svg"), std::string::npos);
}

TEST(DisruptionFile, ReadsTheScenarioFormatAndNamesBadInputByLineAndField) {
  ms::Scenario s = scenario();
  s.disruptions.push_back({"own", "border_closed", 0, std::nullopt, {}, {"DEU", "POL"}, std::nullopt, 1});
  const ms::LoadContext context{shipped_catalogue(), places()};
  const auto good = ms::load_disruption_file(write_temp("good.yaml",
                                                        "disruptions:\n"
                                                        "  - name: bridge\n"
                                                        "    kind: bridge_lost\n"
                                                        "    at: C+1 06:00\n"
                                                        "    duration: 2d\n"
                                                        "    near: [12.25, 52]\n"
                                                        "    radius_m: 200\n"),
                                             s, context);
  ASSERT_TRUE(good.ok()) << all(good.diagnostics);
  ASSERT_EQ(good.disruptions.size(), 1u);
  EXPECT_EQ(good.disruptions[0].at, 1440 + 360);
  EXPECT_EQ(good.disruptions[0].duration, 2 * 1440);
  EXPECT_DOUBLE_EQ(good.disruptions[0].select.radius_m, 200);

  const auto bad = ms::load_disruption_file(write_temp("bad.yaml",
                                                       "disruptions:\n"
                                                       "  - name: own\n"
                                                       "    kind: border_closed\n"
                                                       "    at: C+1\n"
                                                       "    nations: [DEU, POL]\n"
                                                       "  - name: x\n"
                                                       "    kind: bridge_gone\n"
                                                       "    at: C+1\n"
                                                       "  - name: y\n"
                                                       "    kind: road_closed\n"
                                                       "    at: soon\n"
                                                       "    way: 5\n"
                                                       "    colour: red\n"),
                                            s, context);
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(has_error(bad.diagnostics, 2, "disruptions[0].name", "already has a disruption named 'own'"))
      << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 7, "disruptions[1].kind", "bridge_lost")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 11, "disruptions[2].at", "expected a time")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 13, "disruptions[2].colour", "")) << all(bad.diagnostics);
  EXPECT_FALSE(ms::load_disruption_file(write_temp("empty.yaml", "description: nothing\n"), s, context).ok());
  EXPECT_FALSE(ms::load_disruption_file("/nonexistent/d.yaml", s, context).ok());
}

TEST(CandidateFile, ReadsEveryKindAndNamesBadInputByLineAndField) {
  ms::Scenario s = scenario();
  s.resources.railheads.push_back({{"", {12, 52}, ""}, 4, 6});
  s.resources.ships.push_back({"RoRo", 1500, 16, 1, 0});
  s.rules.windows.push_back({"DEU", true, true, std::nullopt});
  const ms::LoadContext context{shipped_catalogue(), places()};
  const auto good = mw::load_candidates(write_temp("cand.yaml",
                                                   "candidates:\n"
                                                   "  - {id: b, kind: bridge, cost_eur: 2.5e7, target: {near: [12.25, 52], radius_m: 100}, change: {mlc: 80}}\n"
                                                   "  - {id: c, kind: convoy_support_centre, cost_eur: 1e6, target: {place: [13, 52]}, change: {add_vehicles_per_night: 100}}\n"
                                                   "  - {id: l, kind: lead_time, cost_eur: 0, target: {nation: POL}, change: {lead_time_working_days: 2}}\n"
                                                   "  - {id: w, kind: movement_window, cost_eur: 0, target: {nation: DEU}, change: {lift: true}}\n"
                                                   "  - {id: r, kind: railhead, cost_eur: 3e6, target: {place: [12.001, 52]}, change: {add_trains_per_day: 2}}\n"
                                                   "  - {id: h, kind: hets, cost_eur: 3e6, target: {nation: DEU}, change: {add: 10}}\n"
                                                   "  - {id: s, kind: ships, cost_eur: 3e7, target: {resource: RoRo}, change: {add: 1}}\n"),
                                         s, context);
  ASSERT_TRUE(good.ok()) << all(good.diagnostics);
  ASSERT_EQ(good.candidates.size(), 7u);
  EXPECT_EQ(good.candidates[0].change_text(), "MLC 80");
  EXPECT_EQ(good.candidates[0].line, 2);
  const ms::Scenario applied = mw::apply(mw::apply(mw::apply(s, good.candidates[1]), good.candidates[3]), good.candidates[4]);
  ASSERT_EQ(applied.resources.convoy_support_centres.size(), 1u);  // a new centre
  EXPECT_DOUBLE_EQ(applied.resources.convoy_support_centres[0].vehicles_per_night, 100);
  EXPECT_TRUE(applied.rules.windows.empty());
  EXPECT_DOUBLE_EQ(applied.resources.railheads[0].trains_per_day, 6);

  const auto bad = mw::load_candidates(write_temp("bad-cand.yaml",
                                                  "candidates:\n"
                                                  "  - {id: b, kind: bridge, cost_eur: -5, target: {near: [12.25, 52]}, change: {mlc: 80}}\n"
                                                  "  - {id: b, kind: tunnel, cost_eur: 1, target: {}, change: {}}\n"
                                                  "  - {id: r, kind: railhead, cost_eur: 1, target: {place: [20, 50]}, change: {add_trains_per_day: 2}}\n"
                                                  "  - {id: s, kind: ships, cost_eur: 1, target: {resource: Roro}, change: {add: 1}}\n"
                                                  "  - {id: x, kind: bridge, cost_eur: 1, target: {way: 7}, change: {colour: red}}\n"),
                                        s, context);
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(has_error(bad.diagnostics, 2, "candidates[0].cost_eur", "")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 3, "candidates[1].id", "duplicate candidate id 'b'")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 3, "candidates[1].kind", "bridge")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 4, "candidates[2].target.place", "no railhead")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 5, "candidates[3].target.resource", "did you mean")) << all(bad.diagnostics);
  EXPECT_TRUE(has_error(bad.diagnostics, 6, "candidates[4].change", "expected at least one of mlc")) << all(bad.diagnostics);
  EXPECT_FALSE(mw::load_candidates(write_temp("none.yaml", "candidates: []\n"), s, context).ok());
  // A file without `candidates:` is reported, not an uncaught YAML::InvalidNode (the pattern
  // fuzz/scenario found in the scenario loader).
  EXPECT_FALSE(mw::load_candidates(write_temp("missing.yaml", "description: x\n"), s, context).ok());
}
