#include "scenario/forces.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/vehicle_lookup.h"

namespace milmob::scenario {

namespace {

// --- Loading assumptions (ours unless a source is given) -------------------------------------
// Sgmmns 40' heavy flat wagon: 74.5 t payload, 13.6 m over buffers (DOMAIN.md "Rail",
// uniwagon.com). Usable deck length 13.0 m: assumption. One vehicle per wagon unless two fit
// by both weight and length (DOMAIN.md: one MBT per wagon, two IFVs or trucks where length allows).
constexpr double kWagonPayloadT = 74.5, kWagonDeckM = 13.0;
// RoRo: a lane is 3.0 m wide (assumption); a wider vehicle takes its share of a second lane,
// plus 0.5 m between vehicles (assumption).
constexpr double kLaneWidthM = 3.0, kLaneGapM = 0.5;
// Only ~75 % of a ship's lane metres carry vehicles (assumption, calibrated on the Point class:
// 130 armoured vehicles + 60 trucks, about 1,900 lane metres of vehicles, on 2,650 lane metres;
// DOMAIN.md "Sea and air").
constexpr double kStowage = 0.75;
constexpr double kPointClassLaneM = 2650;  // DOMAIN.md: https://wikimili.com/wiki/Point-class_sealift_ship
constexpr double kC17PayloadT = 75;        // DOMAIN.md: "about 75-77 t", https://c17pilot.com/?p=3528

struct Item {
  const vehicles::VehicleType* type;
  int count;
};

// One item per vehicle type (a package lists the same type once per unit), in first-seen order.
std::vector<Item> merged(const std::vector<Item>& items) {
  std::vector<Item> out;
  for (const Item& item : items) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Item& o) { return o.type == item.type; });
    if (it == out.end()) out.push_back(item);
    else it->count += item.count;
  }
  return out;
}

Requirements requirements(std::string id, std::string name, const std::vector<Item>& unmerged, int personnel,
                          const Scenario& scenario) {
  const std::vector<Item> items = merged(unmerged);
  Requirements r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.personnel = personnel;

  double ship_lane_m = kPointClassLaneM;
  r.ship_type = "Point-class RoRo (2,650 lane metres)";
  for (const Ship& s : scenario.resources.ships)
    if (s.lane_metres > 0 && (r.ship_type.starts_with("Point") || s.lane_metres > ship_lane_m)) {
      ship_lane_m = s.lane_metres;
      r.ship_type = fmt::format("{} ({:.0f} lane metres)", s.name, s.lane_metres);
    }
  double payload_t = kC17PayloadT;
  r.aircraft_type = "C-17 (75 t)";
  for (const Aircraft& a : scenario.resources.aircraft)
    if (r.aircraft_type.starts_with("C-17 (") || a.payload_t > payload_t) {
      payload_t = a.payload_t;
      r.aircraft_type = fmt::format("{} ({:g} t)", a.type, a.payload_t);
    }

  std::vector<double> air_loads;  // one entry per vehicle, for the sortie packing
  for (const auto& [v, count] : items) {
    r.vehicles += count;
    r.by_type[v->name] += count;
    r.by_category[v->category.empty() ? "other" : v->category] += count;
    if (std::isnan(v->weight_t)) {
      r.notes.push_back(fmt::format("{} x {}: weight unknown, not counted in weight or sorties", count, v->name));
    } else {
      r.weight_t += v->weight_t * count;
      if (v->weight_t > r.max_weight_t) r.max_weight_t = v->weight_t, r.heaviest = v->name;
      if (v->weight_t > payload_t)
        r.notes.push_back(fmt::format("{} x {} ({:g} t) exceed the {} payload: not by air", count, v->name,
                                      v->weight_t, r.aircraft_type));
      else
        air_loads.insert(air_loads.end(), static_cast<std::size_t>(count), v->weight_t);
    }
    if (!std::isnan(v->mlc)) {
      double& m = v->tracked ? r.max_mlc_tracked : r.max_mlc_wheeled;
      m = std::max(m, v->mlc);
    }
    if (!std::isnan(v->height_m) && v->height_m > r.max_height_m) r.max_height_m = v->height_m, r.tallest = v->name;
    if (!std::isnan(v->width_m) && v->width_m > r.max_width_m) r.max_width_m = v->width_m, r.widest = v->name;
    if (!std::isnan(v->axle_load_t)) r.max_axle_load_t = std::max(r.max_axle_load_t, v->axle_load_t);

    if (std::isnan(v->length_m)) {
      r.notes.push_back(fmt::format("{} x {}: length unknown, lane metres not counted; one per rail wagon", count, v->name));
    } else {
      const double lanes = std::isnan(v->width_m) ? 1.0 : std::max(1.0, v->width_m / kLaneWidthM);
      r.lane_metres += (v->length_m * lanes + kLaneGapM) * count;
    }
    int per_wagon = 1;
    if (!std::isnan(v->weight_t) && v->weight_t > kWagonPayloadT) {
      r.notes.push_back(fmt::format("{} ({:g} t) exceeds a heavy flat wagon's {} t payload", v->name, v->weight_t,
                                    kWagonPayloadT));
    } else if (!std::isnan(v->weight_t) && !std::isnan(v->length_m)) {
      per_wagon = std::max(1, std::min(static_cast<int>(kWagonPayloadT / v->weight_t),
                                       static_cast<int>(kWagonDeckM / (v->length_m + kLaneGapM))));
    }
    r.rail_wagons += (count + per_wagon - 1) / per_wagon;
  }
  r.ships = r.lane_metres > 0 ? static_cast<int>(std::ceil(r.lane_metres / (ship_lane_m * kStowage))) : 0;
  // First-fit decreasing by weight: sorties are limited by payload; volume and seats are not modelled.
  std::sort(air_loads.begin(), air_loads.end(), std::greater<>());
  std::vector<double> sorties;  // payload left per sortie
  for (const double w : air_loads) {
    auto it = std::find_if(sorties.begin(), sorties.end(), [&](double left) { return left >= w; });
    if (it == sorties.end()) sorties.push_back(payload_t - w);
    else *it -= w;
  }
  r.sorties = static_cast<int>(sorties.size());
  return r;
}


}  // namespace

ForceReport force_requirements(const Scenario& scenario, const vehicles::Catalogue& catalogue) {
  ForceReport report;
  std::map<std::string, const Unit*> by_id;
  std::vector<Item> all;
  int all_personnel = 0;
  const auto items_of = [&](const Unit& u) {
    std::vector<Item> items;
    for (const auto& e : u.equipment)
      if (const auto* v = find_vehicle_type(scenario, catalogue, e.type)) items.push_back({v, e.count});
    return items;
  };
  for (const Unit& u : scenario.units) {
    by_id[u.id] = &u;
    const auto items = items_of(u);
    report.units.push_back(requirements(u.id, u.name, items, u.personnel, scenario));
    all.insert(all.end(), items.begin(), items.end());
    all_personnel += u.personnel;
  }
  for (const ForcePackage& p : scenario.force_packages) {
    std::vector<Item> items;
    int personnel = 0;
    for (const auto& id : p.units)
      if (const auto it = by_id.find(id); it != by_id.end()) {
        const auto unit_items = items_of(*it->second);
        items.insert(items.end(), unit_items.begin(), unit_items.end());
        personnel += it->second->personnel;
      }
    report.packages.push_back(requirements(p.id, p.name, items, personnel, scenario));
  }
  report.total = requirements("total", scenario.name, all, all_personnel, scenario);
  return report;
}

namespace {

nlohmann::ordered_json one(const Requirements& r) {
  nlohmann::ordered_json j = {{"id", r.id},
                              {"name", r.name},
                              {"vehicles", r.vehicles},
                              {"personnel", r.personnel},
                              {"by_category", r.by_category},
                              {"by_type", r.by_type},
                              {"weight_t", std::round(r.weight_t * 10) / 10},
                              {"lane_metres", std::round(r.lane_metres)},
                              {"rail_wagons", r.rail_wagons},
                              {"ships", r.ships},
                              {"ship_type", r.ship_type},
                              {"sorties", r.sorties},
                              {"aircraft_type", r.aircraft_type}};
  j["strictest"] = {{"max_weight_t", r.max_weight_t}, {"heaviest", r.heaviest},
                    {"mlc_tracked", r.max_mlc_tracked}, {"mlc_wheeled", r.max_mlc_wheeled},
                    {"max_height_m", r.max_height_m}, {"tallest", r.tallest},
                    {"max_width_m", r.max_width_m}, {"widest", r.widest},
                    {"max_axle_load_t", r.max_axle_load_t}};
  j["notes"] = r.notes;
  return j;
}

std::string row(const Requirements& r) {
  return fmt::format("{:<22} {:>6} {:>6} {:>9.0f} {:>7.0f} {:>6} {:>5} {:>7}  {:>4}/{:<4} {:>4.2f} {:>4.2f}\n",
                     r.id.size() > 22 ? r.id.substr(0, 21) + "~" : r.id, r.vehicles, r.personnel, r.weight_t,
                     r.lane_metres, r.rail_wagons, r.ships, r.sorties, r.max_mlc_tracked, r.max_mlc_wheeled,
                     r.max_height_m, r.max_width_m);
}

}  // namespace

nlohmann::ordered_json to_json(const ForceReport& report) {
  nlohmann::ordered_json j = {{"units", nlohmann::ordered_json::array()},
                              {"force_packages", nlohmann::ordered_json::array()}};
  for (const auto& r : report.units) j["units"].push_back(one(r));
  for (const auto& r : report.packages) j["force_packages"].push_back(one(r));
  j["total"] = one(report.total);
  return j;
}

std::string to_text(const ForceReport& report) {
  const std::string header = fmt::format("{:<22} {:>6} {:>6} {:>9} {:>7} {:>6} {:>5} {:>7}  {:>9} {:>4} {:>4}\n", "",
                                         "veh", "pers", "weight t", "lane m", "wagons", "ships", "sorties",
                                         "MLC tr/wh", "h m", "w m");
  std::string out = "units\n" + header;
  for (const auto& r : report.units) out += row(r);
  if (!report.packages.empty()) {
    out += "\nforce packages\n" + header;
    for (const auto& r : report.packages) out += row(r);
  }
  const Requirements& t = report.total;
  out += "\n" + header + row(t);
  out += fmt::format("\nby category:");
  for (const auto& [category, n] : t.by_category) out += fmt::format(" {} {}", category, n);
  out += fmt::format("\nheaviest: {} ({:g} t); tallest: {} ({:g} m); widest: {} ({:g} m)\n", t.heaviest,
                     t.max_weight_t, t.tallest, t.max_height_m, t.widest, t.max_width_m);
  out += fmt::format("ships counted as {} at {:.0f} % stowage; sorties as {} by weight only; wagons as "
                     "Sgmmns heavy flats (74.5 t, 13 m deck)\n",
                     t.ship_type, kStowage * 100, t.aircraft_type);
  for (const auto& note : t.notes) out += "note: " + note + "\n";
  return out;
}

}  // namespace milmob::scenario
