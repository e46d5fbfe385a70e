// The simulation's parts on constructed cases with known answers: portable random numbers and
// inverse CDFs, the model file's checks, and the execution of hand-made march units (a plan
// reproduced without delays, delays only ever adding, slack absorbing them, windows, weather,
// night stops, loading, convoy support centres).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "common/error.h"
#include "planning/clock_rules.h"
#include "scenario/calendar.h"
#include "simulation/execution.h"
#include "simulation/model.h"
#include "simulation/random.h"
#include "simulation/summary.h"

namespace {

namespace sim = milmob::simulation;
namespace ms = milmob::scenario;

const ms::HolidayCalendar& calendar() {
  static const auto c = ms::HolidayCalendar::load(std::string(MILMOB_DATA_DIR) + "/holidays.yaml");
  return c;
}

TEST(Random, RunSeedsDependOnSeedAndIndexOnly) {
  EXPECT_EQ(sim::run_seed(42, 7), sim::run_seed(42, 7));
  std::set<std::uint64_t> seen;
  for (std::uint64_t s = 0; s < 4; ++s)
    for (std::uint64_t i = 0; i < 1000; ++i) seen.insert(sim::run_seed(s, i));
  EXPECT_EQ(seen.size(), 4000u);
  // Fixed values: a change here changes every published result.
  EXPECT_EQ(sim::splitmix64(0), 0xe220a8397b1dcdafULL);
  // The generator is std::mt19937_64, whose 10000th value from seed 5489 the standard fixes.
  sim::Rng rng(5489);
  for (int i = 0; i < 9999; ++i) rng.bits();
  EXPECT_EQ(rng.bits(), 9981545732273789042ULL);
}

TEST(Random, UnitIsInZeroOne) {
  EXPECT_EQ(sim::to_unit(0), 0.0);
  EXPECT_LT(sim::to_unit(~0ULL), 1.0);
  EXPECT_DOUBLE_EQ(sim::to_unit(1ULL << 63), 0.5);
}

TEST(Random, NormalQuantileMatchesTables) {
  EXPECT_NEAR(sim::normal_quantile(0.5), 0.0, 1e-9);
  EXPECT_NEAR(sim::normal_quantile(0.975), 1.959963985, 1e-8);
  EXPECT_NEAR(sim::normal_quantile(0.9), 1.281551566, 1e-8);
  EXPECT_NEAR(sim::normal_quantile(0.001), -3.090232306, 1e-8);
  EXPECT_NEAR(sim::normal_quantile(1e-9), -5.997807015, 1e-6);
}

TEST(Distribution, QuantilesHitTheirParameters) {
  const auto ln = sim::Distribution::lognormal(60, 240);
  EXPECT_NEAR(ln.quantile(0.5), 60, 1e-6);
  EXPECT_NEAR(ln.quantile(0.9), 240, 1e-5);
  EXPECT_NEAR(sim::Distribution::uniform(1, 5).quantile(0.25), 2, 1e-12);
  const sim::Distribution tri{sim::Distribution::Kind::Triangular, 0, 1, 4};
  EXPECT_NEAR(tri.quantile(0.25), 1, 1e-12);  // the mode splits the mass 1:3
  const sim::Distribution ex{sim::Distribution::Kind::Exponential, 10, 0, 0};
  EXPECT_NEAR(ex.quantile(1 - std::exp(-1.0)), 10, 1e-9);
  sim::Rng rng(3);
  double sum = 0;
  for (int i = 0; i < 20000; ++i) sum += ex.sample(rng);
  EXPECT_NEAR(sum / 20000, 10, 0.3);
}

TEST(Model, DefaultsAndOverrides) {
  const auto m = sim::parse_model(YAML::Load("delays:\n  weather: {probability_per_day: 0.2, by_nation: {LTU: 0.5}}\n"), "m.yaml");
  EXPECT_DOUBLE_EQ(m.delays.weather_probability("DEU"), 0.2);
  EXPECT_DOUBLE_EQ(m.delays.weather_probability("LTU"), 0.5);
  EXPECT_NEAR(m.delays.breakdown.wheeled_per_1000_km, 0.239, 0.001);  // untouched default
  const auto empty = sim::parse_model(YAML::Load(""), "m.yaml");
  EXPECT_DOUBLE_EQ(empty.disruptions.bridge_probability, sim::DisruptionModel{}.bridge_probability);
}

bool same(const sim::Distribution& a, const sim::Distribution& b) {
  return a.kind == b.kind && a.a == b.a && a.b == b.b && a.c == b.c;
}

// The shipped example model states the defaults: a default changed in code must be changed there.
TEST(Model, ShippedExampleIsTheDefaults) {
  const auto file = sim::load_model(std::string(MILMOB_SOURCE_DIR) + "/examples/models/stochastic-model.yaml");
  const sim::StochasticModel d;
  EXPECT_DOUBLE_EQ(file.delays.breakdown.wheeled_per_1000_km, d.delays.breakdown.wheeled_per_1000_km);
  EXPECT_DOUBLE_EQ(file.delays.breakdown.tracked_per_1000_km, d.delays.breakdown.tracked_per_1000_km);
  EXPECT_TRUE(same(file.delays.breakdown.repair_min, d.delays.breakdown.repair_min));
  EXPECT_EQ(file.delays.breakdown.wait_limit_min, d.delays.breakdown.wait_limit_min);
  EXPECT_TRUE(same(file.delays.breakdown.clear_min, d.delays.breakdown.clear_min));
  EXPECT_TRUE(same(file.delays.border_wait_min, d.delays.border_wait_min));
  EXPECT_EQ(file.delays.weather_day_probability, d.delays.weather_day_probability);
  for (const char* mode : {"rail", "sea", "air"})
    EXPECT_TRUE(same(file.delays.loading_min.at(mode), d.delays.loading_min.at(mode))) << mode;
  const auto& x = file.disruptions;
  const auto& y = d.disruptions;
  EXPECT_EQ(x.scenario_probability, y.scenario_probability);
  EXPECT_EQ(x.bridge_probability, y.bridge_probability);
  EXPECT_TRUE(same(x.bridge_outage_h, y.bridge_outage_h));
  EXPECT_EQ(x.border_probability, y.border_probability);
  EXPECT_TRUE(same(x.border_closure_h, y.border_closure_h));
  EXPECT_EQ(x.permission_probability, y.permission_probability);
  EXPECT_TRUE(same(x.permission_extra_working_days, y.permission_extra_working_days));
  EXPECT_EQ(x.port_probability, y.port_probability);
  EXPECT_EQ(x.port_capacity_factor, y.port_capacity_factor);
  EXPECT_TRUE(same(x.port_cut_h, y.port_cut_h));
  EXPECT_EQ(x.centre_probability, y.centre_probability);
  EXPECT_EQ(x.centre_capacity_factor, y.centre_capacity_factor);
  EXPECT_TRUE(same(x.centre_cut_h, y.centre_cut_h));
}

std::string model_error(const std::string& text) {
  try {
    sim::parse_model(YAML::Load(text), "m.yaml");
  } catch (const milmob::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Model, BadInputNamesFileLineFieldAndExpectation) {
  EXPECT_EQ(model_error("delays:\n  border_wait_min: {distribution: gamma, shape: 2}\n"),
            "m.yaml:2: delays.border_wait_min.distribution: unknown distribution 'gamma'; expected fixed, uniform, "
            "exponential, lognormal or triangular");
  EXPECT_EQ(model_error("disruptions:\n  bridge: {probability: 1.5}\n"),
            "m.yaml:2: disruptions.bridge.probability: expected a probability between 0 and 1, got 1.5");
  EXPECT_EQ(model_error("delays:\n  breakdown:\n    wheeled_per_1000_km: -1\n"),
            "m.yaml:3: delays.breakdown.wheeled_per_1000_km: expected a number >= 0, got -1");
  EXPECT_NE(model_error("delays:\n  rain: 3\n").find("delays.rain: unknown key"), std::string::npos);
  EXPECT_NE(model_error("delays:\n  border_wait_min: {distribution: lognormal, median: 90, p90: 30}\n")
                .find("0 < median <= p90"),
            std::string::npos);
  EXPECT_NE(model_error("delays:\n  border_wait_min: {distribution: uniform, min: 1}\n").find("missing"), std::string::npos);
}

TEST(Summary, PercentileByNearestRank) {
  EXPECT_EQ(sim::percentile({5, 1, 4, 2, 3}, 0.5), 3);
  EXPECT_EQ(sim::percentile({5, 1, 4, 2, 3}, 0.1), 1);
  EXPECT_EQ(sim::percentile({5, 1, 4, 2, 3}, 0.9), 5);
  EXPECT_EQ(sim::percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 9);
}

// A world of two nations: DEU moves only 06:00-18:00 UTC on working days; POL any time.
class Execution : public ::testing::Test {
 protected:
  Execution() {
    scenario_.c_day = std::chrono::year_month_day{std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};  // Monday
    ms::MovementWindow w;
    w.nation = "DEU";
    w.no_weekends = true;
    w.no_public_holidays = true;
    w.allowed = std::make_pair(6 * 60, 18 * 60);
    scenario_.rules.windows.push_back(w);
    ms::ConvoySupportCentre c;
    c.place.name = "Camp";
    c.vehicles_per_night = 20;
    scenario_.resources.convoy_support_centres.push_back(c);
    clock_ = std::make_unique<milmob::planning::ClockRules>(scenario_, calendar());
    windows_ = std::make_unique<sim::WindowTable>(*clock_, std::vector<std::string>{"DEU", "POL"}, 200 * 1440.0);
  }

  // Monday 06:00 drive 6 h in DEU, halt, night stop at the camp, drive 4 h, wait for the
  // permission until Tuesday 14:00, cross into POL, drive 3 h: arrives Tuesday 17:00.
  sim::Schedule schedule(int vehicles = 20) const {
    sim::Schedule s;
    s.units.push_back({"u", "DEU", true, 0, 3 * 1440});
    sim::Track t;
    t.id = "u/S1/M1", t.unit = 0, t.vehicles = vehicles, t.depart = 360;
    using K = sim::StepKind;
    t.steps.push_back({K::Drive, 360, 300, 0, "DEU", "", -1, "", ""});
    t.steps.push_back({K::Halt, 15, 0, 0, "DEU", "", -1, "", ""});
    t.steps.push_back({K::NightStop, 0, 0, 0, "DEU", "", 0, "", ""});  // 12:15 -> Tue 06:00 (24 h after departure)
    t.steps.push_back({K::Drive, 240, 200, 0, "DEU", "", -1, "", ""});  // Tue 06:00-10:00
    t.steps.push_back({K::WaitUntil, 0, 0, 1440 + 14 * 60, "", "", -1, "", "permission"});
    t.steps.push_back({K::Cross, 0, 0, 0, "POL", "DEU", -1, "", ""});
    t.steps.push_back({K::Drive, 180, 150, 0, "POL", "", -1, "", ""});
    t.arrive = 1440 + 17 * 60;
    s.units[0].planned_arrival = t.arrive;
    s.planned_closure = t.arrive;
    s.tracks.push_back(t);
    return s;
  }

  sim::RunOutcome run(const sim::Schedule& s, const sim::DelayModel& d, std::uint64_t seed = 1,
                      const sim::RunWorld& world = {}) const {
    return sim::execute(s, {scenario_, *windows_, d, world}, seed);
  }

  ms::Scenario scenario_;
  std::unique_ptr<milmob::planning::ClockRules> clock_;
  std::unique_ptr<sim::WindowTable> windows_;
};

TEST_F(Execution, TheWindowTableAnswersAsTheRules) {
  // Over weekends, Easter 2027 (28 March) and the nightly closing: the table opens when the rules
  // do, and every minute it calls open, the rules allow.
  sim::Rng rng(9);
  for (int i = 0; i < 3000; ++i) {
    const double t = rng.uniform() * 60 * 1440;
    for (const char* nation : {"DEU", "POL"}) {
      const auto [open, close] = windows_->movable(nation, t);
      ASSERT_EQ(open, clock_->movable(nation, t).first) << nation << " " << t;
      const double inside = open + rng.uniform() * (std::min(close, open + 3 * 1440) - open);
      ASSERT_EQ(clock_->movable(nation, inside).first, inside) << nation << " " << inside;
    }
  }
  // Beyond its horizon it asks the rules.
  EXPECT_EQ(windows_->movable("DEU", 300 * 1440.0 + 1).first, clock_->movable("DEU", 300 * 1440.0 + 1).first);
}

TEST_F(Execution, WithoutDelaysTheExecutionIsThePlan) {
  const auto out = run(schedule(), sim::zero_model().delays);
  EXPECT_DOUBLE_EQ(out.closure, 1440 + 17 * 60);
  EXPECT_DOUBLE_EQ(out.unit_arrival[0], 1440 + 17 * 60);
  EXPECT_EQ(out.roadside_nights, 0);
}

TEST_F(Execution, SlackBeforeAFixedWaitAbsorbsDelays) {
  // The column reaches the border at Tue 10:00 and waits until 14:00 anyway: an unplanned 1 h
  // load with 45 min of delay on Tuesday morning changes nothing.
  auto d = sim::zero_model().delays;
  d.loading_min["rail"] = sim::Distribution::fixed(45);
  auto s = schedule();
  s.tracks[0].steps.insert(s.tracks[0].steps.begin() + 3, {sim::StepKind::Load, 60, 0, 0, "", "", -1, "rail", ""});
  const auto out = run(s, d);
  EXPECT_DOUBLE_EQ(out.closure, 1440 + 17 * 60);  // 1 h 45 min more before a 4 h wait: absorbed
  EXPECT_DOUBLE_EQ(out.total_causes[static_cast<std::size_t>(sim::Cause::Loading)], 45);
  // The wait absorbed it all: the slip is 0, so the rules' share is -45.
  EXPECT_DOUBLE_EQ(out.total_causes[static_cast<std::size_t>(sim::Cause::Knock)], -45);
}

TEST_F(Execution, ABorderWaitAfterTheLastWaitDelaysArrival) {
  auto d = sim::zero_model().delays;
  d.border_wait_min = sim::Distribution::fixed(30);
  const auto out = run(schedule(), d);
  EXPECT_DOUBLE_EQ(out.closure, 1440 + 17 * 60 + 30);
  EXPECT_DOUBLE_EQ(out.closure_causes[static_cast<std::size_t>(sim::Cause::BorderWait)], 30);
}

TEST_F(Execution, ADelayIntoAClosedWindowWaitsForItToOpen) {
  // 7 h lost before the first drive: it then runs into 18:00 and waits for Tuesday 06:00.
  auto s = schedule();
  s.tracks[0].steps.insert(s.tracks[0].steps.begin(), {sim::StepKind::WaitUntil, 0, 0, 360 + 7 * 60, "", "", -1, "", "closure"});
  s.tracks[0].steps.insert(s.tracks[0].steps.begin() + 1, {sim::StepKind::Drive, 0, 0, 0, "DEU", "", -1, "", ""});
  const auto out = run(s, sim::zero_model().delays);
  // Mon 13:00 drive 5 h to 18:00, 1 h left Tue 06:00-07:00, halt to 07:15, rest until 24 h after
  // Tuesday's first departure (06:00) -> Wed 06:00, drive 4 h to 10:00, permission long past,
  // POL 3 h: Wed 13:00.
  EXPECT_DOUBLE_EQ(out.closure, 2 * 1440 + 13 * 60);
}

TEST_F(Execution, AWeatherDayStopsEveryConvoyInThatNation) {
  auto d = sim::zero_model().delays;
  d.weather_by_nation["POL"] = 1.0;  // never moves in POL
  EXPECT_TRUE(std::isinf(run(schedule(), d).closure));
  auto d2 = sim::zero_model().delays;
  d2.weather_by_nation["FRA"] = 1.0;  // elsewhere: no effect
  EXPECT_DOUBLE_EQ(run(schedule(), d2).closure, 1440 + 17 * 60);
}

TEST_F(Execution, DelaysOnlyEverAddTime) {
  sim::DelayModel d;  // the defaults: breakdowns, border waits, weather
  d.weather_day_probability = 0.2;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const auto out = run(schedule(), d, seed);
    ASSERT_GE(out.closure, 1440 + 17 * 60) << seed;
    double sum = 0;
    for (const double c : out.closure_causes) sum += c;
    if (std::isfinite(out.closure)) {
      ASSERT_NEAR(sum, out.closure - (1440 + 17 * 60), 1e-6) << seed;  // every minute has a cause
    }
  }
}

TEST_F(Execution, SameSeedSameRun) {
  const sim::DelayModel d;
  const auto a = run(schedule(), d, 77), b = run(schedule(), d, 77);
  EXPECT_EQ(a.closure, b.closure);
  EXPECT_EQ(a.total_causes, b.total_causes);
}

TEST_F(Execution, ABreakdownWithALongRepairLeavesTheVehicleBehind) {
  auto d = sim::zero_model().delays;
  d.breakdown.wheeled_per_1000_km = 1000;  // every vehicle-km: certain on the first drive
  d.breakdown.repair_min = sim::Distribution::fixed(36 * 60);
  d.breakdown.clear_min = sim::Distribution::fixed(0);
  d.breakdown.wait_limit_min = 30;
  const auto out = run(schedule(1), d);
  // The column arrives as planned (no wait, no clearing); the vehicle repaired 36 h after its
  // breakdown a few seconds into the first drive drives the column's 9 h alone: Wed 03:00 or so.
  EXPECT_GT(out.unit_arrival[0], 1440 + 36 * 60 + 6 * 60);
  EXPECT_DOUBLE_EQ(out.column_closure, 1440 + 17 * 60);  // the column itself was not held up
  EXPECT_GT(out.closure_causes[static_cast<std::size_t>(sim::Cause::Straggler)], 0);
}

TEST_F(Execution, AFullCentreMeansARoadsideNight) {
  auto s = schedule(15);
  s.tracks.push_back(s.tracks[0]);
  s.tracks[1].id = "u/S1/M2";
  const auto out = run(s, sim::zero_model().delays);
  EXPECT_EQ(out.roadside_nights, 1);  // 15 + 15 > 20 places
  sim::RunWorld cut;
  cut.cuts.push_back({{0, 0}, 0, 1e9, 0.5});  // the camp is at 0,0: 10 places left
  EXPECT_EQ(run(schedule(15), sim::zero_model().delays, 1, cut).roadside_nights, 1);
}

TEST_F(Execution, ABorderClosedWhenTheConvoyComesIsWaitedOut) {
  sim::RunWorld world;
  world.borders.push_back({"POL", "DEU", 1440 + 13 * 60, 1440 + 20 * 60});
  const auto out = run(schedule(), sim::zero_model().delays, 1, world);
  EXPECT_DOUBLE_EQ(out.closure, 1440 + 23 * 60);
  EXPECT_DOUBLE_EQ(out.closure_causes[static_cast<std::size_t>(sim::Cause::BorderClosure)], 6 * 60);
}

TEST(Records, PackAndUnpackRoundTrip) {
  sim::RunRecord r;
  r.outcome.closure = 123.5;
  r.outcome.column_closure = 120;
  r.outcome.unit_arrival = {1, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};
  r.outcome.closure_causes[2] = 7;
  r.outcome.total_causes[3] = 9;
  r.outcome.roadside_nights = 4;
  r.fired = {0, 1};
  r.loss = {0, 90.5};
  std::vector<double> flat(sim::record_size(3, 2));
  sim::pack(r, flat.data());
  const auto back = sim::unpack(flat.data(), 3, 2);
  EXPECT_EQ(back.outcome.closure, 123.5);
  EXPECT_EQ(back.outcome.column_closure, 120);
  EXPECT_TRUE(std::isnan(back.outcome.unit_arrival[1]));
  EXPECT_TRUE(std::isinf(back.outcome.unit_arrival[2]));
  EXPECT_EQ(back.outcome.closure_causes, r.outcome.closure_causes);
  EXPECT_EQ(back.outcome.roadside_nights, 4);
  EXPECT_EQ(back.fired, r.fired);
  EXPECT_EQ(back.loss, r.loss);
}

}  // namespace
