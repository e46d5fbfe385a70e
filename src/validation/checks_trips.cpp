// Rule 12: every carriage has its trip and its bookings. The capacities (rule 9) are replayed
// from the bookings; this rule checks that nothing carried is missing from them: each carried
// step of a march unit lies on a trip of its unit that lists it, each HET march unit rides a HET
// trip, each trip's carrier is booked for the whole trip and its return, and each loading and
// unloading at a railhead, transshipment point, port or airfield of the scenario has its slot
// or handling booked.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "validation/check_util.h"

namespace milmob::validation {

using detail::add;
using detail::kMinTolerance;
using detail::kTextTolerance;
using detail::when;

namespace {

const char* const kRule = "carriage";

bool lists(const PlanTrip& t, const std::string& march_unit) {
  for (const std::string& id : t.march_units)
    if (id == march_unit) return true;
  return false;
}

// The fleet a trip's carrier belongs to, as bookings name it: "DEU train 3" -> "DEU train",
// "ship Ark Futura 1" -> "ship Ark Futura", "USA HET x12" -> "USA HET".
std::string fleet_of(const PlanTrip& t) {
  const std::size_t space = t.carrier.rfind(' ');
  if (space == std::string::npos) return t.carrier;
  return t.carrier.substr(0, space);
}

const char* carrier_kind(const std::string& mode) {
  if (mode == "rail") return "train";
  if (mode == "sea") return "ship";
  if (mode == "air") return "aircraft";
  return "het";
}

// How a terminal of the scenario books its handling: the booking's resource and kind, and
// whether it books at all (a port without figures or an airfield without ground places does not).
struct Handling {
  std::string resource, kind;
};

std::map<std::string, Handling> handling_of(const scenario::Scenario& s) {
  std::map<std::string, Handling> out;
  const auto& r = s.resources;
  for (const auto& x : r.railheads)
    if (x.trains_per_day > 0) out["railhead " + x.place.label()] = {"railhead " + x.place.label(), "railhead"};
  for (const auto& x : r.transshipment)
    if (x.vehicles_per_day > 0)
      out["transshipment " + x.place.label()] = {"transshipment " + x.place.label(), "transshipment"};
  for (const auto& x : r.ports)
    if (x.vehicles_per_day > 0) out["port " + x.place.label()] = {"port " + x.place.label(), "port"};
  for (const auto& x : r.airfields)
    if (x.max_on_ground > 0) out["airfield " + x.place.label()] = {"on the ground at " + x.place.label(), "airfield"};
  return out;
}

// A booking of the unit at `h` that starts (at_start) or ends at `t`, to the minute.
bool booked_at(const std::vector<PlanBooking>& bookings, const std::string& unit, const Handling& h, double t,
               bool at_start) {
  for (const PlanBooking& b : bookings)
    if (b.unit == unit && b.kind == h.kind && b.resource == h.resource &&
        std::abs((at_start ? b.from : b.until) - t) <= kTextTolerance + kMinTolerance)
      return true;
  return false;
}

void check_steps_on_trips(const PlanUnit& u, Violations& out) {
  std::map<std::string, std::string> class_mode;
  for (const PlanLeg& l : u.legs) class_mode[l.vehicle_class] = l.mode;
  for (const PlanMarchUnit& m : u.march_units) {
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
      const PlanStep& s = m.steps[i];
      if (s.activity != Activity::Carried) continue;
      bool found = false;
      for (const PlanTrip& t : u.trips)
        if (t.mode != "het" && lists(t, m.id) && std::abs(t.depart - s.from) <= kMinTolerance &&
            std::abs(t.arrive - s.until) <= kMinTolerance)
          found = true;
      if (!found)
        add(out, kRule, m.id, s.from,
            fmt::format("steps[{}] is carried from {} to {} ({}) on no trip of {} that lists it", i, when(s.from),
                        when(s.until), s.detail, u.id));
    }
    if (class_mode[m.vehicle_class] != "het" || m.steps.empty()) continue;
    // A HET march unit: from its loading to its unloading on one HET trip.
    const double from = m.steps.front().from, until = m.steps.back().until;
    bool found = false;
    for (const PlanTrip& t : u.trips)
      if (t.mode == "het" && lists(t, m.id) && t.load_start <= from + kTextTolerance &&
          t.unloaded >= until - kTextTolerance)
        found = true;
    if (!found)
      add(out, kRule, m.id, from,
          fmt::format("rides HETs from {} to {} on no HET trip of {} that lists it", when(from), when(until), u.id));
  }
}

// Each trip's carrier booked from its loading until it is back; a booking of a train, an
// aircraft or a HET column serves one trip, a ship's serves the loads that share its sailing.
void check_trip_bookings(const CheckInput& in, const PlanUnit& u, Violations& out) {
  std::map<const PlanBooking*, std::string> serves;  // booking -> the carrier it was matched to
  for (std::size_t k = 0; k < u.trips.size(); ++k) {
    const PlanTrip& t = u.trips[k];
    for (const std::string& id : t.march_units) {
      bool known = false;
      for (const PlanMarchUnit& m : u.march_units) known |= m.id == id;
      if (!known)
        add(out, kRule, u.id, t.load_start,
            fmt::format("trips[{}] ({}, {} > {}) lists march unit '{}', which the unit does not have", k, t.carrier,
                        t.from, t.to, id));
    }
    const std::string fleet = fleet_of(t), kind = carrier_kind(t.mode);
    // Of the bookings that cover the trip: the sailing's that another load of this ship already
    // shares, else the closest fit (the first that covers it may be the longer booking of
    // another trip of the same fleet, which would then find none).
    const PlanBooking* match = nullptr;
    std::pair<bool, double> best{false, 0};
    for (const PlanBooking& b : in.plan.bookings) {
      if (b.kind != kind || b.resource != fleet || b.from > t.load_start + kTextTolerance + kMinTolerance ||
          b.until < t.back - kTextTolerance - kMinTolerance || b.vehicles < t.vehicles)
        continue;
      const auto used = serves.find(&b);
      if (used != serves.end() && (kind != "ship" || used->second != t.carrier)) continue;
      const std::pair<bool, double> fit{used == serves.end(), std::abs(b.from - t.load_start) + std::abs(b.until - t.back)};
      if (!match || fit < best) match = &b, best = fit;
    }
    if (match) {
      serves[match] = t.carrier;
      continue;
    }
    add(out, kRule, t.carrier, t.load_start,
        fmt::format("{} trips[{}] {} > {} with {} vehicles, loading from {} and back at {}, has no booking of '{}' ({}) "
                    "covering it",
                    u.id, k, t.from, t.to, t.vehicles, when(t.load_start), when(t.back), fleet, kind));
  }
}

// Each loading and unloading at a terminal of the scenario has its slot or handling booked: the
// booking starts when the loading does, and ends when the unloading does.
void check_terminal_bookings(const CheckInput& in, const std::map<std::string, Handling>& handling,
                             const PlanUnit& u, Violations& out) {
  for (std::size_t k = 0; k < u.trips.size(); ++k) {
    const PlanTrip& t = u.trips[k];
    if (t.mode == "het") continue;
    // A transshipment point loads a train once its vehicles are transshipped: the handling
    // ends as the train's loading starts.
    if (const auto it = handling.find(t.from); it != handling.end()) {
      const bool ends = it->second.kind == "transshipment";
      if (!booked_at(in.plan.bookings, u.id, it->second, t.load_start, !ends))
        add(out, kRule, t.carrier, t.load_start,
            fmt::format("{} trips[{}] loads at '{}' at {} without a booking of its {} ({}) {} then", u.id, k, t.from,
                        when(t.load_start), ends ? "transshipment" : "slot or handling", it->second.kind,
                        ends ? "ending" : "starting"));
    }
    // Unloaded on arrival at a transshipment point: counted as the next train's loading.
    if (const auto it = handling.find(t.to);
        it != handling.end() && !(it->second.kind == "transshipment" && t.unloaded <= t.arrive + kTextTolerance)) {
      if (!booked_at(in.plan.bookings, u.id, it->second, t.unloaded, false))
        add(out, kRule, t.carrier, t.unloaded,
            fmt::format("{} trips[{}] unloads at '{}' by {} without a booking of its slot or handling ({}) ending then",
                        u.id, k, t.to, when(t.unloaded), it->second.kind));
    }
  }
}

}  // namespace

void check_trips(const CheckInput& in, Violations& out) {
  const std::map<std::string, Handling> handling = handling_of(in.scenario);
  for (const PlanUnit& u : in.plan.units) {
    check_steps_on_trips(u, out);
    check_trip_bookings(in, u, out);
    check_terminal_bookings(in, handling, u, out);
  }
}

}  // namespace milmob::validation
