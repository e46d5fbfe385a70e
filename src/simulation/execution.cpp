#include "simulation/execution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "geo/distance.h"
#include "simulation/random.h"

namespace milmob::simulation {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kDay = scenario::kMinutesPerDay;
constexpr double kRestMin = 8 * 60;       // a wait this long is a rest, as the planner takes it
constexpr double kEps = 1e-6;
constexpr double kGiveUpMin = 365 * kDay;  // a march unit still not arrived a year late never will
constexpr int kWeatherLookaheadDays = 60;

struct Straggler {
  double ready = 0;  // repaired at
  double owed = 0;   // minutes its column drove since it broke down
};

struct Booking {
  double at = 0;
  std::size_t track = 0;
  int centre = 0;
  int vehicles = 0;
};

class MarchExecution {
 public:
  MarchExecution(const Track& track, const Environment& env, std::uint64_t run_seed, std::vector<Booking>& bookings,
                 std::size_t index)
      : track_(track), env_(env), run_seed_(run_seed), rng_(splitmix64(run_seed ^ name_hash(track.id))),
        bookings_(bookings), index_(index) {
    const BreakdownModel& b = env.delays.breakdown;
    per_vehicle_km_ = (track.tracked ? b.tracked_per_1000_km : b.wheeled_per_1000_km) / 1000;
    next_breakdown_ = draw_breakdown_distance();
  }

  // The march unit's arrival (and its last straggler's), with the minutes by cause.
  void run() {
    t_ = day_start_ = track_.depart;
    for (const SimStep& s : track_.steps) {
      if (!std::isfinite(t_) || t_ > track_.depart + kGiveUpMin) {
        t_ = kInf;
        break;
      }
      switch (s.kind) {
        case StepKind::Drive: drive(s); break;
        case StepKind::Halt: t_ += s.minutes; break;
        case StepKind::NightStop: night_stop(s); break;
        case StepKind::WaitUntil:
          if (s.until > t_) wait_until(s.until);
          break;
        case StepKind::Cross: cross(s); break;
        case StepKind::Load: load(s); break;
        case StepKind::MarchStart: day_start_ = t_; break;
      }
    }
    arrival_ = t_;
    last_vehicle_ = t_;
    for (const Straggler& g : stragglers_) last_vehicle_ = std::max(last_vehicle_, g.ready + g.owed);
    causes_[static_cast<std::size_t>(Cause::Straggler)] = std::isfinite(t_) ? last_vehicle_ - t_ : 0;
    double direct = 0;
    for (std::size_t c = 0; c < kCauseCount; ++c)
      if (c != static_cast<std::size_t>(Cause::Knock) && c != static_cast<std::size_t>(Cause::Straggler)) direct += causes_[c];
    // What the rules made of the direct delays: windows missed, rests moved (> 0), permission or
    // closure waits that absorbed them (< 0).
    causes_[static_cast<std::size_t>(Cause::Knock)] = std::isfinite(t_) ? t_ - track_.arrive - direct : 0;
  }

  double last_vehicle() const { return last_vehicle_; }
  double column_arrival() const { return arrival_; }
  const std::array<double, kCauseCount>& causes() const { return causes_; }

 private:
  double& cause(Cause c) { return causes_[static_cast<std::size_t>(c)]; }

  double draw_breakdown_distance() {
    if (per_vehicle_km_ <= 0) return kInf;
    return -std::log(rng_.open_uniform()) / per_vehicle_km_;  // vehicle-km to the next failure
  }

  bool weather_day(const std::string& nation, double day) {
    const double p = env_.delays.weather_probability(nation);
    if (p <= 0) return false;
    // Keyed by run, nation and day alone: every march unit of a run sees the same weather.
    const auto d = static_cast<std::uint64_t>(static_cast<std::int64_t>(day));
    return to_unit(splitmix64(run_seed_ ^ splitmix64(name_hash(nation) + d))) < p;
  }

  // The first minute >= t when a convoy may move in `nation` and until when: the movement window
  // (scenario rules) minus weather days. `weather` tells whether weather held it back.
  // Looks at most `need` minutes ahead for a weather day that would stop the convoy.
  std::pair<double, double> movable(const std::string& nation, double t, double need, bool& weather) {
    for (int guard = 0; guard < 2 * kWeatherLookaheadDays; ++guard) {
      auto [open, close] = env_.windows.movable(nation, t);
      if (!std::isfinite(open)) return {kInf, kInf};
      const double day = std::floor(open / kDay);
      if (weather_day(nation, day)) {
        weather = true;
        t = (day + 1) * kDay;
        continue;
      }
      for (double d = day + 1; d * kDay < std::min(close, open + need) && d <= day + kWeatherLookaheadDays; ++d)
        if (weather_day(nation, d)) {
          close = d * kDay;
          break;
        }
      return {open, close};
    }
    return {kInf, kInf};
  }

  void rest_ended() {
    std::erase_if(stragglers_, [&](const Straggler& g) { return g.ready + g.owed <= t_; });
  }

  void wait_until(double until) {
    if (until - t_ >= kRestMin) {
      day_start_ = until;
      t_ = until;
      rest_ended();
    }
    t_ = until;
  }

  void drive(const SimStep& s) {
    double left = s.minutes;
    const double vehicle_km_per_min = s.minutes > 0 ? track_.vehicles * s.km / s.minutes : 0;
    while (left > kEps) {
      bool weather = false;
      const auto [open, close] = movable(s.nation, t_, left, weather);
      if (!std::isfinite(open)) {
        t_ = kInf;
        return;
      }
      if (open > t_) {
        if (weather) cause(Cause::Weather) += open - t_;
        wait_until(open);
        continue;
      }
      double chunk = std::min(left, close - t_);
      if (chunk <= 0) {  // at the very end of a window: the next call finds it closed
        t_ = std::max(t_, close) + kEps;
        continue;
      }
      const double exposure = chunk * vehicle_km_per_min;
      if (exposure > next_breakdown_) {
        chunk = next_breakdown_ / vehicle_km_per_min;
        advance(chunk);
        left -= chunk;
        next_breakdown_ = draw_breakdown_distance();
        breakdown();
        continue;
      }
      next_breakdown_ -= exposure;
      advance(chunk);
      left -= chunk;
    }
  }

  void advance(double minutes) {
    t_ += minutes;
    for (Straggler& g : stragglers_) g.owed += minutes;
  }

  // A short repair: the march unit waits. A longer one: the vehicle is pulled off the road and
  // left behind with its crew (and the column's recovery assets) while the column goes on.
  void breakdown() {
    const BreakdownModel& b = env_.delays.breakdown;
    const double repair = b.repair_min.sample(rng_);
    if (repair <= b.wait_limit_min) {
      cause(Cause::Breakdown) += repair;
      t_ += repair;
      return;
    }
    const double clear = b.clear_min.sample(rng_);
    cause(Cause::Breakdown) += clear;
    t_ += clear;
    stragglers_.push_back({t_ - clear + repair, 0});
  }

  void night_stop(const SimStep& s) {
    if (s.centre >= 0) bookings_.push_back({t_, index_, s.centre, track_.vehicles});
    t_ = std::max(day_start_ + kDay, t_ + kRestMin);
    day_start_ = t_;
    rest_ended();
  }

  void cross(const SimStep& s) {
    for (const RunWorld::Border& w : env_.world.borders)
      if (((w.a == s.from_nation && w.b == s.nation) || (w.a == s.nation && w.b == s.from_nation)) && t_ >= w.from &&
          t_ < w.until) {
        cause(Cause::BorderClosure) += w.until - t_;
        wait_until(w.until);
      }
    const double wait = env_.delays.border_wait_min.sample(rng_);
    cause(Cause::BorderWait) += wait;
    t_ += wait;
  }

  void load(const SimStep& s) {
    t_ += s.minutes;
    const auto it = env_.delays.loading_min.find(s.mode);
    if (it == env_.delays.loading_min.end()) return;
    const double extra = it->second.sample(rng_);
    cause(Cause::Loading) += extra;
    t_ += extra;
  }

  const Track& track_;
  const Environment& env_;
  std::uint64_t run_seed_;
  Rng rng_;
  std::vector<Booking>& bookings_;
  std::size_t index_;
  double per_vehicle_km_ = 0, next_breakdown_ = kInf;
  double t_ = 0, day_start_ = 0, arrival_ = 0, last_vehicle_ = 0;
  std::vector<Straggler> stragglers_;
  std::array<double, kCauseCount> causes_{};
};

}  // namespace

const char* cause_name(Cause c) {
  switch (c) {
    case Cause::Breakdown: return "breakdown";
    case Cause::Straggler: return "vehicle_left_behind";
    case Cause::BorderWait: return "border_wait";
    case Cause::BorderClosure: return "border_closure";
    case Cause::Weather: return "weather";
    case Cause::Loading: return "loading";
    case Cause::Knock: return "knock_on";
    case Cause::Count: break;
  }
  return "?";
}

RunWorld RunWorld::of(const std::vector<scenario::Disruption>& applied) {
  RunWorld w;
  for (const scenario::Disruption& d : applied) {
    const double from = static_cast<double>(d.at);
    const double until = d.duration ? from + static_cast<double>(*d.duration) : kInf;
    if (d.kind == "border_closed" && d.nations.size() == 2) w.borders.push_back({d.nations[0], d.nations[1], from, until});
    if (d.kind == "capacity_cut" && d.place) w.cuts.push_back({d.place->where, from, until, d.capacity_factor});
  }
  return w;
}

double RunWorld::capacity_factor(const geo::LonLat& place, double t) const {
  double factor = 1;
  for (const Cut& c : cuts)  // within 1 km of the place, as the planner's overlay takes it
    if (t >= c.from && t < c.until && geo::haversine_m(place, c.where) < 1000) factor *= c.factor;
  return factor;
}

RunOutcome execute(const Schedule& schedule, const Environment& env, std::uint64_t seed) {
  RunOutcome out;
  out.unit_arrival.assign(schedule.units.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t u = 0; u < schedule.units.size(); ++u)
    if (schedule.units[u].feasible) out.unit_arrival[u] = -kInf;
  std::vector<Booking> bookings;
  double closure = -kInf;
  out.column_closure = 0;
  for (std::size_t i = 0; i < schedule.tracks.size(); ++i) {
    const Track& track = schedule.tracks[i];
    MarchExecution m(track, env, seed, bookings, i);
    m.run();
    double& unit = out.unit_arrival[track.unit];
    unit = std::max(unit, m.last_vehicle());
    for (std::size_t c = 0; c < kCauseCount; ++c) out.total_causes[c] += m.causes()[c];
    if (m.last_vehicle() > closure) closure = m.last_vehicle(), out.closure_causes = m.causes();
    out.column_closure = std::max(out.column_closure, m.column_arrival());
  }
  for (std::size_t u = 0; u < schedule.units.size(); ++u)
    if (out.unit_arrival[u] == -kInf) out.unit_arrival[u] = schedule.units[u].planned_arrival;  // no march units
  out.closure = 0;
  for (const double a : out.unit_arrival)
    if (!std::isnan(a)) out.closure = std::max(out.closure, a);
  // The centres, night by night in the order the convoys arrive: a full centre means a roadside night.
  std::sort(bookings.begin(), bookings.end(),
            [](const Booking& a, const Booking& b) { return std::tie(a.at, a.track) < std::tie(b.at, b.track); });
  std::vector<std::pair<std::pair<int, long>, double>> taken;  // (centre, night) -> vehicles
  const auto& centres = env.scenario.resources.convoy_support_centres;
  for (const Booking& b : bookings) {
    if (b.centre >= static_cast<int>(centres.size())) continue;
    const long night = static_cast<long>(std::floor(b.at / kDay));
    const auto key = std::make_pair(b.centre, night);
    auto it = std::find_if(taken.begin(), taken.end(), [&](const auto& x) { return x.first == key; });
    if (it == taken.end()) it = taken.insert(taken.end(), {key, 0.0});
    const auto& c = centres[static_cast<std::size_t>(b.centre)];
    if (it->second + b.vehicles > c.vehicles_per_night * env.world.capacity_factor(c.place.where, b.at))
      ++out.roadside_nights;
    else
      it->second += b.vehicles;
  }
  return out;
}

}  // namespace milmob::simulation
