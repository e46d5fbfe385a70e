#include "planning/road_march.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/distance.h"

namespace milmob::planning {

namespace {

constexpr double kDay = scenario::kMinutesPerDay;
constexpr double kMinRestMin = 8 * 60;  // assumption: a night stop is at least 8 h
constexpr double kEps = 1e-9;

geo::LonLat lerp(const geo::LonLat& a, const geo::LonLat& b, double f) { return geo::interpolate(a, b, f); }

// Appends a step, extending the previous one when it is the same activity at the same place.
void add(MarchUnit& mu, Step step) {
  if (step.until - step.from <= kEps && step.activity != Activity::Drive) return;
  if (!mu.steps.empty()) {
    Step& last = mu.steps.back();
    if (last.activity == step.activity && last.detail == step.detail && std::abs(last.until - step.from) < kEps &&
        (step.activity == Activity::Drive || last.km_to == step.km_from)) {
      last.until = step.until;
      last.km_to = step.km_to;
      last.where = step.where;
      last.country = step.country;
      return;
    }
  }
  mu.steps.push_back(std::move(step));
}

}  // namespace

std::string CentreLedger::name(std::size_t i) const {
  return (*centres_)[i].place.label();
}

bool CentreLedger::book_at(std::size_t i, double from, double until, int vehicles, const std::string& unit,
                           const std::string& march_unit) {
  const auto night = [](double t) { return static_cast<long>(std::floor(t / kDay)); };
  const std::string centre = name(i);
  int taken = 0;
  for (const Booking& b : bookings_)
    if (b.resource == centre && night(b.from) == night(from)) taken += b.vehicles;
  const double capacity =
      (*centres_)[i].vehicles_per_night * (overlay_ ? overlay_->capacity_factor((*centres_)[i].place.where, from) : 1.0);
  if (taken + vehicles > capacity) return false;
  bookings_.push_back({centre, unit, march_unit, vehicles, from, until, "csc", static_cast<double>(vehicles)});
  return true;
}

void CentreLedger::release(const std::string& march_unit, double from) {
  std::erase_if(bookings_, [&](const Booking& b) { return b.march_unit == march_unit && b.from >= from; });
}

std::string CentreLedger::book(const geo::LonLat& where, double from, double until, int vehicles,
                               const std::string& unit, const std::string& march_unit, double max_km) {
  // Nearest first: try the centres within reach in order of distance.
  std::vector<std::pair<double, std::size_t>> near;
  for (std::size_t i = 0; i < centres_->size(); ++i) {
    const double km = geo::haversine_m(where, (*centres_)[i].place.where) / 1000;
    if (km <= max_km) near.emplace_back(km, i);
  }
  std::sort(near.begin(), near.end());
  for (const auto& [km, i] : near)
    if (book_at(i, from, until, vehicles, unit, march_unit)) return name(i);
  return "";
}

namespace {

constexpr double kCentreReachKm = 30;  // assumption: a convoy leaves its route this far for a night stop

}  // namespace

CentresOnRoute centres_on_route(const std::vector<RoadStep>& route,
                                const std::vector<scenario::ConvoySupportCentre>& centres) {
  CentresOnRoute out;
  for (std::size_t i = 0; i < centres.size(); ++i) {
    double best = kCentreReachKm * 1000, at = -1, km = 0;
    for (const RoadStep& s : route) {
      const geo::Projection p = geo::project_to_segment(centres[i].place.where, s.start, s.end);
      if (p.distance_m < best) best = p.distance_m, at = km + p.fraction * s.km;
      km += s.km;
    }
    if (at >= 0) out.emplace_back(at, i);
  }
  std::sort(out.begin(), out.end());
  return out;
}

DrivingDay driving_day(const MarchUnit& mu, double leave) {
  DrivingDay day{0, leave};
  double last_drive_end = -std::numeric_limits<double>::infinity();
  for (const Step& s : mu.steps) {
    if (s.activity != Activity::Drive) continue;
    if (s.from - last_drive_end >= kMinRestMin) day = {0, s.from};
    day.driven += s.until - s.from;
    last_drive_end = s.until;
  }
  if (leave - last_drive_end >= kMinRestMin) day = {0, leave};
  return day;
}

MarchUnit march(const std::vector<RoadStep>& route, double depart, int vehicles, const std::string& id,
                MarchContext& ctx, const CentresOnRoute* on_route, const DrivingDay* before) {
  const scenario::ConvoyRules& rules = ctx.convoy;
  const double max_drive = rules.max_driving_hours_per_day * 60;
  MarchUnit mu;
  mu.id = id;
  mu.vehicles = vehicles;
  mu.depart = depart;
  double t = depart, km = 0, day_start = depart, driven_today = 0, since_halt = 0;
  if (before) day_start = before->day_start, driven_today = before->driven;
  bool first_halt_done = false;
  double total_km = 0;
  for (const RoadStep& s : route) total_km += s.km;
  const CentresOnRoute computed = on_route ? CentresOnRoute{} : centres_on_route(route, ctx.centres.centres());
  const CentresOnRoute& centres = on_route ? *on_route : computed;
  std::size_t next_centre = 0;  // the first centre not yet passed
  for (const RoadStep& step : route) {
    const bool border = !step.country_to.empty() && step.country_to != step.country_from;
    const auto wait = [&](Activity activity, double until, const std::string& detail) {
      add(mu, {activity, t, until, km, km, step.start, step.country_from, detail});
      if (until - t >= kMinRestMin) driven_today = 0, day_start = until, since_halt = 0;
      t = until;
    };
    if (border) {
      const auto [entry, why] = ctx.clock.earliest_entry(ctx.nation, step.country_to);
      if (entry > t) wait(Activity::PermissionWait, entry, fmt::format("border {} > {}: {}", step.country_from, step.country_to, why));
      if (ctx.overlay)
        for (const ClosedWindow& w : ctx.overlay->border_closed(step.country_from, step.country_to))
          if (t >= w.from && t < w.until)
            wait(Activity::ClosureWait, w.until, fmt::format("border {} > {} closed: {}", step.country_from, step.country_to, w.reason));
    }
    if (step.closed)
      for (const ClosedWindow& w : *step.closed)
        if (t >= w.from && t < w.until) wait(Activity::ClosureWait, w.until, w.reason);
    // A border step starts at the border: the crossing is when the convoy may go on.
    if (border) mu.crossings.push_back({step.country_from, step.country_to, t, step.start});
    if (!std::isfinite(t)) {
      mu.arrive = t;
      return mu;
    }
    double done = 0;  // km of this step driven
    while (step.km - done > kEps) {
      const geo::LonLat here = lerp(step.start, step.end, done / step.km);
      // The window of the nation the convoy is in: a border step starts at the border, so the
      // entered nation's rules apply on it.
      const std::string& nation = border || step.country_from.empty() ? step.country_to : step.country_from;
      const auto [open, close] = ctx.clock.movable(nation, t);
      if (!std::isfinite(open)) {
        add(mu, {Activity::WindowWait, t, std::numeric_limits<double>::infinity(), km, km, here, nation,
                 ctx.clock.why_not(nation, t)});
        mu.arrive = std::numeric_limits<double>::infinity();
        return mu;
      }
      if (open > t) {
        add(mu, {Activity::WindowWait, t, open, km, km, here, nation, ctx.clock.why_not(nation, t)});
        if (open - t >= kMinRestMin) driven_today = 0, day_start = open;
        // A wait as long as a halt is one; a shorter one (a window opening in minutes) is not.
        if (open - t >= std::min(rules.halt_min, rules.first_halt_min) - kEps) since_halt = 0;
        t = open;
        continue;
      }
      if (driven_today >= max_drive - kEps) {
        const double until = std::max(day_start + kDay, t + kMinRestMin);
        const std::string centre = ctx.centres.book(here, t, until, vehicles, ctx.unit, id, kCentreReachKm);
        add(mu, {Activity::NightStop, t, until, km, km, here, nation,
                 centre.empty() ? "roadside: no convoy support centre with room within reach" : centre});
        t = until, driven_today = 0, day_start = t, since_halt = 0;
        continue;
      }
      const double halt_due = (first_halt_done ? rules.halt_every_min : rules.first_halt_after_min) - since_halt;
      if (halt_due <= kEps) {
        const double length = first_halt_done ? rules.halt_min : rules.first_halt_min;
        add(mu, {Activity::Halt, t, t + length, km, km, here, nation, "halt"});
        t += length, since_halt = 0, first_halt_done = true;
        continue;
      }
      // At a convoy support centre late in the day: stop there for the night if the day's driving
      // will not reach the next centre or the destination.
      while (next_centre < centres.size() && centres[next_centre].first < km - kEps) ++next_centre;
      if (next_centre < centres.size() && std::abs(centres[next_centre].first - km) <= kEps) {
        const double ahead_km = (next_centre + 1 < centres.size() ? centres[next_centre + 1].first : total_km) - km;
        const double left = max_drive - driven_today;
        const std::size_t i = centres[next_centre].second;
        ++next_centre;
        if (driven_today >= max_drive / 2 && ahead_km / step.kmh * 60 > left) {
          const double until = std::max(day_start + kDay, t + kMinRestMin);
          if (ctx.centres.book_at(i, t, until, vehicles, ctx.unit, id)) {
            add(mu, {Activity::NightStop, t, until, km, km, here, nation, ctx.centres.name(i)});
            t = until, driven_today = 0, day_start = t, since_halt = 0;
            continue;
          }
        }
      }
      double limit = std::min({halt_due, max_drive - driven_today, close - t});
      if (next_centre < centres.size()) limit = std::min(limit, (centres[next_centre].first - km) / step.kmh * 60);
      const double needed = (step.km - done) / step.kmh * 60;
      const double d = std::min(needed, limit);
      const double dkm = d >= needed ? step.km - done : std::min(step.km - done, d / 60 * step.kmh);
      done += dkm;
      add(mu, {Activity::Drive, t, t + d, km, km + dkm, lerp(step.start, step.end, done / step.km), nation, ""});
      km += dkm, t += d, driven_today += d, since_halt += d;
    }
  }
  mu.arrive = t;
  return mu;
}

const char* activity_name(Activity a) {
  switch (a) {
    case Activity::Drive: return "drive";
    case Activity::Halt: return "halt";
    case Activity::NightStop: return "night_stop";
    case Activity::WindowWait: return "window_wait";
    case Activity::PermissionWait: return "permission_wait";
    case Activity::ClosureWait: return "closure_wait";
    case Activity::StartOffset: return "start_offset";
    case Activity::ResourceWait: return "resource_wait";
    case Activity::Loading: return "loading";
    case Activity::Carried: return "carried";
    case Activity::Unloading: return "unloading";
  }
  return "?";
}

}  // namespace milmob::planning
