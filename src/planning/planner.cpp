#include "planning/planner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "common/error.h"
#include "geo/distance.h"
#include "planning/itinerary.h"
#include "planning/itinerary_parts.h"
#include "planning/personnel.h"
#include "planning/plan_output.h"
#include "scenario/vehicle_lookup.h"

namespace milmob::planning {

namespace {

constexpr double kTerminalReachKm = 300;  // assumption: a unit drives this far at most to a railhead
constexpr double kPortReachKm = 800;      // assumption: ... or to a port
constexpr double kShortestRailKm = 50;    // a rail leg shorter than this is not worth loading for
constexpr double kInf = std::numeric_limits<double>::infinity();

// Types with the same physical limits share routes: one class each, labelled by its first type.
std::vector<VehicleClass> classes_of(const scenario::Unit& unit, const scenario::Scenario& s,
                                     const vehicles::Catalogue& catalogue) {
  std::vector<VehicleClass> out;
  const auto key = [](const vehicles::VehicleLimits& l) {
    const auto v = [](double x) { return std::isnan(x) ? -1.0 : x; };
    return std::make_tuple(v(l.weight_t), v(l.axle_load_t), v(l.height_m), v(l.width_m), v(l.mlc), l.tracked,
                           v(l.max_speed_kmh));
  };
  for (const auto& e : unit.equipment) {
    const vehicles::VehicleType* type = scenario::find_vehicle_type(s, catalogue, e.type);
    if (!type) throw InputError(fmt::format("unit '{}': unknown vehicle type '{}'", unit.id, e.type));
    const vehicles::VehicleLimits limits = vehicles::limits_of(*type);
    auto it = std::find_if(out.begin(), out.end(), [&](const VehicleClass& c) { return key(c.limits) == key(limits); });
    if (it == out.end()) it = out.insert(out.end(), VehicleClass{limits, {}, 0});
    it->types.push_back(type);
    it->vehicles += e.count;
  }
  return out;
}

std::string hours(double minutes) {
  if (minutes < 60) return fmt::format("{:.0f} min", minutes);
  return fmt::format("{:.1f} h", minutes / 60);
}

// The minutes between the unit's ready time and its last march unit's arrival, by cause.
std::vector<Delay> delays_of(const MarchUnit& last, double ready, int count) {
  std::map<Activity, Delay> by_cause;
  std::map<Activity, std::vector<std::string>> details;
  const double carrier_wait = std::min(last.carrier_wait, std::max(0.0, last.depart - ready));
  if (carrier_wait > 0) {
    by_cause[Activity::ResourceWait] = {Activity::ResourceWait, carrier_wait, ""};
    details[Activity::ResourceWait].push_back(last.carrier_wait_detail);
  }
  if (last.depart - carrier_wait > ready) {
    const double column = last.depart - carrier_wait - ready - last.held;
    std::string text;
    if (column > 0) text = fmt::format("the last of {} march units leaves {} after the first", count, hours(column));
    if (last.held > 0)
      text += fmt::format("{}held {} so as not to arrive before the earliest arrival date", text.empty() ? "" : "; ",
                          hours(last.held));
    by_cause[Activity::StartOffset] = {Activity::StartOffset, last.depart - carrier_wait - ready, text};
  }
  double km = 0;
  int nights = 0, halts = 0;
  for (const Step& s : last.steps) {
    Delay& d = by_cause[s.activity];
    d.cause = s.activity;
    d.minutes += s.until - s.from;
    if (s.activity == Activity::Drive) km += s.km_to - s.km_from;
    if (s.activity == Activity::NightStop) ++nights;
    if (s.activity == Activity::Halt) ++halts;
    auto& list = details[s.activity];
    if (!s.detail.empty() && std::find(list.begin(), list.end(), s.detail) == list.end()) list.push_back(s.detail);
  }
  std::vector<Delay> out;
  for (auto& [cause, d] : by_cause) {
    const std::string what = fmt::format("{}", fmt::join(details[cause], "; "));
    switch (cause) {
      case Activity::Drive: d.text = fmt::format("driving {} for {:.0f} km at convoy speeds", hours(d.minutes), km); break;
      case Activity::Halt: d.text = fmt::format("{} halts per the convoy rules: {}", halts, hours(d.minutes)); break;
      case Activity::NightStop:
        d.text = fmt::format("{} night stop{} ({}): {}", nights, nights == 1 ? "" : "s", what, hours(d.minutes));
        break;
      case Activity::WindowWait: d.text = fmt::format("waited {} for movement windows: {}", hours(d.minutes), what); break;
      case Activity::PermissionWait: d.text = fmt::format("waited {} at the border: {}", hours(d.minutes), what); break;
      case Activity::ClosureWait: d.text = fmt::format("waited {} for closed roads or borders: {}", hours(d.minutes), what); break;
      case Activity::ResourceWait: d.text = fmt::format("waited {} for capacity: {}", hours(d.minutes), what); break;
      case Activity::Loading: d.text = fmt::format("loading {}: {}", hours(d.minutes), what); break;
      case Activity::Carried: d.text = fmt::format("carried {}: {}", hours(d.minutes), what); break;
      case Activity::Unloading: d.text = fmt::format("unloading {}: {}", hours(d.minutes), what); break;
      case Activity::StartOffset:
        if (d.text.empty()) d.text = fmt::format("{}: {}", what, hours(d.minutes));
        break;
    }
    out.push_back(d);
  }
  std::stable_sort(out.begin(), out.end(), [](const Delay& a, const Delay& b) { return a.minutes > b.minutes; });
  return out;
}

// Every way the class can go, each tried on a copy of the ledgers; the one that arrives first
// wins, a way that keeps the HET rule before one that breaks it.
struct Choice {
  Itinerary itinerary;
  Ledgers ledgers;
};

std::optional<Choice> choose(PlanningContext& ctx, const ClassMove& move, const Ledgers& ledgers,
                             const std::set<std::string>& given_up, std::vector<std::string>& weighed) {
  std::optional<Choice> best;
  std::vector<Itinerary> others;
  for (const std::string& mode : given_up)
    weighed.push_back(fmt::format("{}: given up so that a later unit arrives earlier (--improve)", mode));
  const auto consider = [&](const std::string& mode, const auto& attempt) {
    if (given_up.contains(mode)) return;
    Ledgers copy = ledgers;
    Itinerary it = attempt(copy);
    if (it.found) {
      it.arrive = 0;
      for (const MarchUnit& mu : it.march_units) it.arrive = std::max(it.arrive, mu.arrive);
    }
    const bool better = it.found && (!best || (best->itinerary.breaks_het_rule && !it.breaks_het_rule) ||
                                     (best->itinerary.breaks_het_rule == it.breaks_het_rule &&
                                      it.arrive < best->itinerary.arrive - 1e-6));
    if (better) {
      if (best) others.push_back(std::move(best->itinerary));
      best = Choice{std::move(it), std::move(copy)};
    } else {
      others.push_back(std::move(it));
    }
  };
  const scenario::Unit& unit = move.unit;
  consider("road", [&](Ledgers& l) { return by_road(ctx, move, l); });
  if (move.vclass.limits.tracked) consider("het", [&](Ledgers& l) { return by_het(ctx, move, l); });
  const bool rail_ok = std::none_of(move.vclass.types.begin(), move.vclass.types.end(),
                                    [](const vehicles::VehicleType* t) { return t->transport.rail == false; });
  std::vector<const Terminal*> railheads, unloading, ports;
  for (const Terminal& t : ctx.railheads) railheads.push_back(&t), unloading.push_back(&t);
  for (const Terminal& t : ctx.transshipments) unloading.push_back(&t);
  for (const Terminal& t : ctx.ports) ports.push_back(&t);
  if (rail_ok)
    for (const Terminal* a : nearest_terminals(railheads, unit.home.where, 2, kTerminalReachKm))
      for (const Terminal* b : nearest_terminals(unloading, unit.destination.where, 2, kTerminalReachKm))
        if (geo::haversine_m(a->where, b->where) / 1000 > kShortestRailKm)
          consider("rail", [&](Ledgers& l) { return by_rail(ctx, move, *a, *b, l); });
  // The nearest ports, and the scenario's own (whose figures it gives) a little farther.
  const auto ports_near = [&](const geo::LonLat& p, std::size_t count) {
    std::vector<const Terminal*> out = nearest_terminals(ports, p, count, kPortReachKm);
    for (const Terminal* t : nearest_terminals(ports, p, ports.size(), 2 * kPortReachKm))
      if (t->port && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    return out;
  };
  for (const Terminal* a : ports_near(unit.home.where, 2))
    for (const Terminal* b : ports_near(unit.destination.where, 3))
      if (a != b) consider("sea", [&](Ledgers& l) { return by_sea(ctx, move, *a, *b, l); });
  std::vector<const Terminal*> airfields;
  for (const Terminal& t : ctx.airfields) airfields.push_back(&t);
  for (const Terminal* a : nearest_terminals(airfields, unit.home.where, 2, kTerminalReachKm))
    for (const Terminal* b : nearest_terminals(airfields, unit.destination.where, 2, kTerminalReachKm))
      if (a != b) consider("air", [&](Ledgers& l) { return by_air(ctx, move, *a, *b, l); });
  for (const Itinerary& it : others) {
    std::string text = it.found ? fmt::format("{} ({}): last arrival {}{}", it.leg.mode, it.leg.itinerary,
                                              when(it.arrive), it.breaks_het_rule ? ", breaks the HET rule" : "")
                                : it.reason;
    if (std::find(weighed.begin(), weighed.end(), text) == weighed.end()) weighed.push_back(std::move(text));
  }
  return best;
}

}  // namespace

bool Plan::all_feasible() const {
  return std::all_of(units.begin(), units.end(), [](const UnitPlan& u) { return u.feasible; });
}

namespace {

// Modes a class may not take ("unit/S2" -> {"het"}): given up so that a later unit can use the
// carriers (--improve).
using GivenUp = std::map<std::string, std::set<std::string>>;

// The units planned one after another in `order`, each taking what the earlier ones left.
// `planned` is told how many units are done.
Plan plan_in_order(PlanningContext& ctx, const std::vector<const scenario::Unit*>& order, const GivenUp& given_up,
                   const std::function<void(std::size_t)>& planned) {
  static const std::set<std::string> kNone;
  const scenario::Scenario& s = ctx.scenario;
  const vehicles::Catalogue& catalogue = ctx.catalogue;
  Plan plan;
  plan.scenario = s.name;
  plan.notes = ctx.overlay.notes();
  Ledgers ledgers{CentreLedger(s.resources.convoy_support_centres, &ctx.overlay), {}, {}, {}, {}};
  for (const scenario::Unit* unit : order) {
    UnitPlan up;
    up.id = unit->id, up.name = unit->name, up.nation = unit->nation;
    up.ready = unit->notice_to_move_h * 60;
    up.required_delivery = static_cast<double>(unit->required_delivery);
    double next_start = up.ready;
    int serial = 0;
    for (const VehicleClass& c : classes_of(*unit, s, catalogue)) {
      const ClassMove move{*unit, c, ++serial, next_start};
      std::vector<std::string> weighed;
      const auto g = given_up.find(fmt::format("{}/S{}", unit->id, serial));
      std::optional<Choice> choice = choose(ctx, move, ledgers, g == given_up.end() ? kNone : g->second, weighed);
      if (!choice) {
        ClassLeg leg = parts::class_leg(c, "road");
        leg.notes = weighed;
        up.legs.push_back(std::move(leg));
        up.feasible = false;
        up.infeasible_reason = fmt::format("{}: no way to the destination: {}", c.limits.label,
                                           weighed.empty() ? "none tried" : fmt::format("{}", fmt::join(weighed, "; ")));
        continue;
      }
      Itinerary& it = choice->itinerary;
      it.leg.notes = std::move(weighed);
      if (it.breaks_het_rule)
        it.leg.notes.insert(it.leg.notes.begin(),
                            fmt::format("breaks the HET rule: marches tracked vehicles over {:g} km by road, as no "
                                        "HET or rail itinerary reaches the destination",
                                        s.rules.het.tracked_over_km));
      for (MarchUnit& mu : it.march_units) {
        mu.serial = fmt::format("{}/S{}", unit->id, serial);
        mu.vehicle_class = c.limits.label;
      }
      up.legs.push_back(std::move(it.leg));
      std::move(it.march_units.begin(), it.march_units.end(), std::back_inserter(up.march_units));
      std::move(it.trips.begin(), it.trips.end(), std::back_inserter(up.trips));
      ledgers = std::move(choice->ledgers);
      next_start = it.next_start;
    }
    int vehicles = 0;
    for (const auto& e : unit->equipment) vehicles += e.count;
    // The personnel fly only if they land before the vehicles arrive, unless the vehicles fly too
    // (no seats to ride in then).
    double fly_by = up.march_units.empty() ? kInf : -kInf;
    for (const MarchUnit& mu : up.march_units) fly_by = std::max(fly_by, mu.arrive);
    for (const ClassLeg& leg : up.legs)
      if (leg.mode == "air") fly_by = kInf;
    up.personnel = move_personnel(ctx, *unit, vehicles, up.ready, fly_by, ledgers);
    if (!up.march_units.empty()) {
      // The first to leave: a class held for the earliest arrival date may leave after a later one.
      up.departure = std::min_element(up.march_units.begin(), up.march_units.end(), [](const MarchUnit& a, const MarchUnit& b) {
                       return a.depart < b.depart;
                     })->depart;
      const auto last = std::max_element(up.march_units.begin(), up.march_units.end(),
                                         [](const MarchUnit& a, const MarchUnit& b) { return a.arrive < b.arrive; });
      up.arrival = last->arrive;
      if (!std::isfinite(up.arrival) && up.feasible) {
        up.feasible = false;
        up.infeasible_reason = fmt::format("march unit {} can never move: {}", last->id, last->steps.back().detail);
      }
      up.delays = delays_of(*last, up.ready, static_cast<int>(up.march_units.size()));
    }
    // The unit has closed when its personnel have too: their last sortie may arrive after the vehicles.
    const PersonnelMove& pax = up.personnel;
    if (pax.mode == "air" && (up.march_units.empty() || pax.arrive > up.arrival)) {
      if (up.march_units.empty()) up.departure = pax.depart;
      up.arrival = pax.arrive;
      MarchUnit flown;
      flown.id = unit->id + "/PAX";
      flown.depart = up.ready, flown.arrive = pax.arrive, flown.steps = pax.steps;
      up.delays = delays_of(flown, up.ready, 1);
      for (Delay& d : up.delays)
        if (d.cause == Activity::Drive)
          d.text = fmt::format("buses {} for {:.0f} km to and from the airfields", hours(d.minutes),
                               pax.road_km_to + pax.road_km_from);
    }
    if (up.feasible) plan.closure = std::max(plan.closure, up.arrival);
    plan.units.push_back(std::move(up));
    if (planned) planned(plan.units.size());
  }
  plan.bookings = ledgers.centres.bookings();
  plan.bookings.insert(plan.bookings.end(), ledgers.bookings.begin(), ledgers.bookings.end());
  std::stable_sort(plan.bookings.begin(), plan.bookings.end(), [](const Booking& a, const Booking& b) {
    return std::tie(a.kind, a.resource, a.from) < std::tie(b.kind, b.resource, b.from);
  });
  return plan;
}

// Better: fewer infeasible units, then an earlier closure, then less lateness in total.
std::tuple<int, double, double> score(const Plan& p) {
  int infeasible = 0;
  double late = 0;
  for (const UnitPlan& u : p.units) {
    if (!u.feasible) ++infeasible;
    else late += std::max(0.0, u.lateness());
  }
  return {infeasible, p.closure, late};
}

}  // namespace

Plan plan_movement(const scenario::Scenario& s, const vehicles::Catalogue& catalogue,
                   const scenario::HolidayCalendar& calendar, routing::Router& router, const Overlay& overlay,
                   const PlanOptions& options) {
  const ClockRules clock(s, calendar);
  PlanningContext ctx{s, catalogue, router, overlay, clock, options.max_snap_m, {}, {}, {}, {}, {}, {}};
  find_terminals(ctx);
  std::vector<const scenario::Unit*> order;
  for (const auto& u : s.units) order.push_back(&u);
  std::stable_sort(order.begin(), order.end(), [](const scenario::Unit* a, const scenario::Unit* b) {
    return std::tie(a->priority, a->required_delivery, a->id) < std::tie(b->priority, b->required_delivery, b->id);
  });
  // Progress: each plan (the first and every re-plan the budget allows) is an equal share.
  const double plans = 1.0 + std::max(0, options.improve_replans);
  double plans_done = 0;
  const std::function<void(std::size_t)> planned = [&](std::size_t units) {
    if (options.progress)
      options.progress((plans_done + static_cast<double>(units) / static_cast<double>(order.size())) / plans);
  };
  GivenUp given_up;
  Plan best = plan_in_order(ctx, order, given_up, planned);
  ++plans_done;
  int budget = options.improve_replans;
  const auto replan = [&](const std::vector<const scenario::Unit*>& o, const GivenUp& g) {
    --budget;
    Plan p = plan_in_order(ctx, o, g, planned);
    ++plans_done;
    return p;
  };
  // Re-insertion: the units that arrive last, tried earlier within their priority (a higher
  // priority keeps its first claim on every capacity); the first order that does better is kept.
  const auto reinsert = [&] {
    std::vector<std::size_t> latest(order.size());
    for (std::size_t i = 0; i < latest.size(); ++i) latest[i] = i;
    std::stable_sort(latest.begin(), latest.end(),
                     [&](std::size_t a, std::size_t b) { return best.units[a].arrival > best.units[b].arrival; });
    for (const std::size_t from : latest)
      for (std::size_t to = 0; to < from && budget > 0; ++to) {
        if (order[to]->priority != order[from]->priority) continue;
        std::vector<const scenario::Unit*> tried = order;
        std::rotate(tried.begin() + static_cast<long>(to), tried.begin() + static_cast<long>(from),
                    tried.begin() + static_cast<long>(from) + 1);
        Plan p = replan(tried, given_up);
        if (score(p) < score(best)) {
          best = std::move(p), order = std::move(tried);
          return true;
        }
      }
    return false;
  };
  // Giving up: a unit planned before the one that closes the force takes another way than its
  // train, ship, aircraft or HETs, so that the later unit may have them; kept when the force
  // closes earlier and no unit that met its required delivery date misses it (a higher priority
  // keeps its claim to be on time, not to be first).
  const auto give_up = [&] {
    std::size_t last = best.units.size();
    for (std::size_t i = 0; i < best.units.size(); ++i)
      if (best.units[i].feasible && (last == best.units.size() || best.units[i].arrival > best.units[last].arrival))
        last = i;
    for (std::size_t i = 0; i < last && budget > 0; ++i)
      for (std::size_t k = 0; k < best.units[i].legs.size() && budget > 0; ++k) {
        const std::string& mode = best.units[i].legs[k].mode;
        const std::string key = fmt::format("{}/S{}", best.units[i].id, k + 1);
        const auto g = given_up.find(key);
        if (mode == "road" || (g != given_up.end() && g->second.contains(mode))) continue;
        GivenUp tried = given_up;
        tried[key].insert(mode);
        Plan p = replan(order, tried);
        const bool on_time_kept = std::ranges::all_of(best.units, [&](const UnitPlan& before) {
          if (!before.feasible || before.lateness() > 0) return true;
          const auto after = std::ranges::find(p.units, before.id, &UnitPlan::id);
          return after != p.units.end() && after->feasible && after->lateness() <= 1e-6;
        });
        if (on_time_kept && score(p) < score(best)) {
          best = std::move(p), given_up = std::move(tried);
          return true;
        }
      }
    return false;
  };
  while (budget > 0 && (reinsert() || give_up())) {
  }
  if (options.progress) options.progress(1.0);
  return best;
}

}  // namespace milmob::planning
