#include "whatif/transit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "planning/plan_output.h"
#include "planning/resource_names.h"

namespace milmob::whatif {

namespace {

constexpr double kDay = 1440;
constexpr double kTrackedLitresPerTonneKm = 6.2 / 100;  // see fuel_litres_per_km
constexpr double kWheeledLitresPerTonneKm = 1.5 / 100;  // assumption
constexpr double kUnknownLitresPerKm = 0.40;            // assumption

int day_of(double minutes) { return static_cast<int>(std::floor(minutes / kDay)); }

double round1(double x) { return std::round(x * 10) / 10; }

std::string point_text(const geo::LonLat& p, double grid) {
  return fmt::format("{:.2f},{:.2f}", std::round(p.lon / grid) * grid, std::round(p.lat / grid) * grid);
}

std::string centre_name(const scenario::PlaceRef& p) { return p.label(); }

// The intervals of a drive step spent in `nation`: the march unit is in the nation its last
// border crossing entered (before the first, the one it starts in), and drives evenly within a step.
std::vector<std::pair<double, double>> in_nation_while(const planning::MarchUnit& mu, const planning::Step& s,
                                                       const std::string& nation) {
  std::string current = mu.crossings.empty() ? s.country : mu.crossings.front().from;
  std::vector<double> cuts = {s.from};
  std::vector<std::string> nations;
  for (const planning::BorderCrossing& c : mu.crossings) {
    if (c.time <= s.from) {
      current = c.to;
    } else if (c.time < s.until) {
      nations.push_back(current);
      cuts.push_back(c.time);
      current = c.to;
    }
  }
  nations.push_back(current);
  cuts.push_back(s.until);
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i < nations.size(); ++i)
    if (nations[i] == nation && cuts[i + 1] > cuts[i]) out.emplace_back(cuts[i], cuts[i + 1]);
  return out;
}

}  // namespace

double fuel_litres_per_km(const vehicles::VehicleType* type) {
  if (!type || !std::isfinite(type->weight_t)) return kUnknownLitresPerKm;
  return type->weight_t * (type->tracked ? kTrackedLitresPerTonneKm : kWheeledLitresPerTonneKm);
}

TransitReport transit_report(const TransitInputs& in, const std::string& nation) {
  TransitReport r;
  r.nation = nation;
  r.scenario = in.plan.scenario;
  std::map<int, TransitDay> days;
  std::map<int, std::set<std::string>> present, present_units;  // day -> march units, units
  std::map<std::string, int> vehicles_of;                      // march unit -> vehicles
  struct StopKey {
    int day;
    std::string activity, where;
    auto operator<=>(const StopKey&) const = default;
  };
  struct StopSum {
    std::set<std::string> march_units;
    int vehicles = 0;
    double hours = 0;
    std::string detail;
  };
  std::map<StopKey, StopSum> stops;
  std::set<std::string> entering;
  for (const planning::UnitPlan& u : in.plan.units)
    for (const planning::MarchUnit& mu : u.march_units) {
      const double litres_per_km = fuel_litres_per_km(in.vehicle_type ? in.vehicle_type(mu.vehicle_class) : nullptr);
      vehicles_of[mu.id] = mu.vehicles;
      for (const planning::Step& s : mu.steps) {
        if (!std::isfinite(s.until)) continue;
        if (s.activity == planning::Activity::Drive) {
          // A drive may cross a border: the stretches between crossings, each in its nation.
          for (const auto& [from, until] : in_nation_while(mu, s, nation)) {
            entering.insert(mu.id);
            const double km_per_min = s.until > s.from ? (s.km_to - s.km_from) / (s.until - s.from) : 0;
            for (int d = day_of(from); d <= day_of(std::max(from, until - 1e-6)); ++d) {
              present[d].insert(mu.id);
              present_units[d].insert(u.id);
              const double overlap = std::max(0.0, std::min(until, (d + 1) * kDay) - std::max(from, d * kDay));
              const double vkm = overlap * km_per_min * mu.vehicles;
              days[d].vehicle_km += vkm;
              days[d].fuel_m3 += vkm * litres_per_km / 1000;
            }
          }
          continue;
        }
        if (s.country != nation) continue;  // a stop is in the nation where it happens
        entering.insert(mu.id);
        const double length = s.until - s.from;
        for (int d = day_of(s.from); d <= day_of(std::max(s.from, s.until - 1e-6)); ++d) {
          present[d].insert(mu.id);
          present_units[d].insert(u.id);
        }
        if (s.activity == planning::Activity::StartOffset) continue;
        const int d = day_of(s.from);
        const bool night = s.activity == planning::Activity::NightStop;
        const bool roadside = night && s.detail.starts_with("roadside");
        if (night) {
          days[d].night_stop_vehicles += mu.vehicles;
          if (roadside) days[d].roadside_vehicles += mu.vehicles;
        }
        if (s.activity == planning::Activity::Halt) ++days[d].halts;
        // Night stops at a centre are named by it; other stops by where they are (about 10 km).
        const std::string where = night && !roadside ? s.detail : point_text(s.where, 0.1);
        StopSum& sum = stops[{d, planning::activity_name(s.activity), where}];
        sum.march_units.insert(mu.id);
        sum.vehicles += mu.vehicles;
        sum.hours += length / 60;
        if (sum.detail.empty() && s.activity != planning::Activity::Halt) sum.detail = roadside ? "roadside" : s.detail;
      }
    }
  // The nation's convoy support centres: places offered and booked per night.
  std::set<std::string> centres;
  double offered = 0;
  const auto in_nation = [&](const scenario::PlaceRef& p) { return in.nation_of && in.nation_of(p) == nation; };
  for (const auto& c : in.scenario.resources.convoy_support_centres)
    if (in_nation(c.place)) {
      centres.insert(centre_name(c.place));
      offered += c.vehicles_per_night;
    }
  // Vehicles booked at any resource, by its name: handled in a day at a port or a transshipment
  // point (a load's handling is booked in daily portions), else the vehicles of the booking.
  std::map<std::string, double> booked_at;
  for (const planning::Booking& b : in.plan.bookings) {
    booked_at[b.resource] += b.kind == "port" || b.kind == "transshipment" ? b.amount : b.vehicles;
    if (centres.count(b.resource)) days[day_of(b.from)].centre_places_booked += b.vehicles;
  }
  for (const auto& [d, mus] : present) {
    TransitDay& day = days[d];
    day.march_units = static_cast<int>(mus.size());
    for (const auto& id : mus) day.vehicles += vehicles_of[id];
    day.units.assign(present_units[d].begin(), present_units[d].end());
  }
  if (!days.empty())
    for (int d = days.begin()->first; d <= days.rbegin()->first; ++d) {
      TransitDay day = days[d];
      day.day = d;
      day.centre_places_offered = offered;
      r.vehicle_km += day.vehicle_km;
      r.fuel_m3 += day.fuel_m3;
      r.days.push_back(std::move(day));
    }
  for (const auto& [key, sum] : stops)
    r.stops.push_back({key.day, key.activity, key.where, sum.detail, static_cast<int>(sum.march_units.size()), sum.vehicles,
                       sum.hours});
  r.march_units = static_cast<int>(entering.size());
  for (const auto& id : entering) r.vehicles += vehicles_of[id];

  const auto& res = in.scenario.resources;
  for (const auto& c : res.convoy_support_centres)
    if (in_nation(c.place))
      r.facilities.push_back({"convoy_support_centre", centre_name(c.place),
                              fmt::format("{:g} vehicles a night, {:g} m3 fuel", c.vehicles_per_night, c.fuel_m3),
                              booked_at[centre_name(c.place)]});
  // Ports, railheads, transshipment points, airfields: used by the bookings made under their name.
  bool transport = false, transport_used = false;
  // Plans book them under the names of planning/resource_names.h.
  const auto facility = [&](const char* kind, const scenario::PlaceRef& place, std::string capacity) {
    if (!in_nation(place)) return;
    const std::string name = centre_name(place);
    const std::string booked_as = std::string(kind) == "airfield" ? planning::resource_name::on_the_ground(name)
                                                                  : kind + (" " + name);
    const auto it = booked_at.find(booked_as);
    const double used = it == booked_at.end() ? 0.0 : it->second;
    transport = true, transport_used |= used > 0;
    r.facilities.push_back({kind, name, std::move(capacity), used});
  };
  for (const auto& p : res.ports)
    facility("port", p.place, fmt::format("{} berths, {:g} vehicles a day", p.berths, p.vehicles_per_day));
  for (const auto& x : res.railheads)
    facility("railhead", x.place,
             fmt::format("{:g} trains a day, {:g} h loading", x.trains_per_day, x.loading_hours_per_train));
  for (const auto& x : res.transshipment)
    facility("transshipment", x.place, fmt::format("{:g} vehicles a day", x.vehicles_per_day));
  for (const auto& x : res.airfields)
    facility("airfield", x.place, fmt::format("{} aircraft on the ground", x.max_on_ground));
  if (transport && !transport_used)
    r.notes.push_back("no port, railhead, transshipment point or airfield of the nation is booked in this plan");
  if (r.days.empty()) r.notes.push_back(fmt::format("no march unit of the plan is in {}", nation));
  r.notes.push_back("fuel: vehicle-km in the nation x 6.2 l per tonne per 100 km tracked (Leopard 2A4 road figure), "
                    "1.5 l per tonne per 100 km wheeled (assumption); a drive is split at the border crossings");
  return r;
}

nlohmann::ordered_json to_json(const TransitReport& r) {
  using Json = nlohmann::ordered_json;
  Json j = {{"format", "milmob-transit/1"}, {"scenario", r.scenario}, {"nation", r.nation},
            {"march_units", r.march_units}, {"vehicles", r.vehicles}, {"vehicle_km", round1(r.vehicle_km)},
            {"fuel_m3", round1(r.fuel_m3)}};
  Json days = Json::array();
  for (const auto& d : r.days)
    days.push_back({{"day", fmt::format("C+{}", d.day)}, {"march_units", d.march_units}, {"vehicles", d.vehicles},
                    {"units", d.units}, {"vehicle_km", round1(d.vehicle_km)}, {"fuel_m3", round1(d.fuel_m3)},
                    {"night_stop_vehicles", d.night_stop_vehicles}, {"roadside_vehicles", d.roadside_vehicles},
                    {"halts", d.halts}, {"centre_places_booked", d.centre_places_booked},
                    {"centre_places_offered", d.centre_places_offered}});
  j["days"] = days;
  Json stops = Json::array();
  for (const auto& s : r.stops)
    stops.push_back({{"day", fmt::format("C+{}", s.day)}, {"activity", s.activity}, {"where", s.where},
                     {"detail", s.detail}, {"march_units", s.march_units}, {"vehicles", s.vehicles},
                     {"hours", round1(s.hours)}});
  j["stops"] = stops;
  Json facilities = Json::array();
  for (const auto& f : r.facilities)
    facilities.push_back({{"kind", f.kind}, {"name", f.name}, {"capacity", f.capacity}, {"used_vehicles", f.used_vehicles}});
  j["facilities"] = facilities;
  j["notes"] = r.notes;
  return j;
}

std::string transit_text(const TransitReport& r) {
  std::string out = fmt::format("{}: {} march units, {} vehicles in or through {}; {:.0f} vehicle-km, {:.1f} m3 fuel\n\n",
                                r.scenario, r.march_units, r.vehicles, r.nation, r.vehicle_km, r.fuel_m3);
  out += fmt::format("{:<6} {:>6} {:>8} {:>10} {:>8} {:>11} {:>9} {:>6} {:>14}\n", "day", "convoy", "vehicles",
                     "vehicle-km", "fuel m3", "night stops", "roadside", "halts", "CSC places");
  int quiet_days = 0;
  for (const auto& d : r.days) {
    if (d.march_units == 0 && d.centre_places_booked == 0) {  // days between two waves: counted, not listed
      ++quiet_days;
      continue;
    }
    out += fmt::format("{:<6} {:>6} {:>8} {:>10.0f} {:>8.1f} {:>11} {:>9} {:>6} {:>8.0f}/{:<5.0f}\n",
                       fmt::format("C+{}", d.day), d.march_units, d.vehicles, d.vehicle_km, d.fuel_m3,
                       d.night_stop_vehicles, d.roadside_vehicles, d.halts, d.centre_places_booked,
                       d.centre_places_offered);
  }
  if (quiet_days > 0) out += fmt::format("({} days without convoys in {} not listed)\n", quiet_days, r.nation);
  if (!r.stops.empty()) {
    out += "\nwhere they stop (halts and waits by place to about 10 km):\n";
    for (const auto& s : r.stops) {
      if (s.activity == "halt") continue;  // many, short: counted per day above
      out += fmt::format("  C+{:<3} {:<16} {:<28} {:>3} march units, {:>4} vehicles, {:>6.1f} h  {}\n", s.day, s.activity,
                         s.where, s.march_units, s.vehicles, s.hours, s.detail);
    }
  }
  if (!r.facilities.empty()) {
    out += "\nfacilities:\n";
    for (const auto& f : r.facilities)
      out += fmt::format("  {:<22} {:<28} {:<36} used by {:g} vehicles\n", f.kind, f.name, f.capacity, f.used_vehicles);
  }
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  return out;
}

std::string transit_csv(const TransitReport& r) {
  std::string out =
      "day,march_units,vehicles,vehicle_km,fuel_m3,night_stop_vehicles,roadside_vehicles,halts,centre_places_booked,"
      "centre_places_offered\n";
  for (const auto& d : r.days)
    out += fmt::format("C+{},{},{},{:.1f},{:.2f},{},{},{},{:g},{:g}\n", d.day, d.march_units, d.vehicles, d.vehicle_km,
                       d.fuel_m3, d.night_stop_vehicles, d.roadside_vehicles, d.halts, d.centre_places_booked,
                       d.centre_places_offered);
  return out;
}

}  // namespace milmob::whatif
