#include "scenario/scenario_json.h"

#include <cmath>

#include "scenario/time_expr.h"

namespace milmob::scenario {

namespace {

using Json = nlohmann::ordered_json;

Json place(const PlaceRef& p) {
  if (!p.name.empty()) return p.name;
  return Json::array({p.where.lon, p.where.lat});
}

void put(Json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = *v;
}

void put_selector(Json& j, const WaySelector& s) {
  if (s.way_id != 0) j["way"] = s.way_id;
  if (s.near) {
    j["near"] = place(*s.near);
    j["radius_m"] = s.radius_m;
  }
  if (!s.mode.empty()) j["mode"] = s.mode;
}

Json network(const NetworkSpec& n) {
  Json j = Json::object();
  if (!n.file.empty()) j["file"] = n.file;
  if (!n.sources.empty()) {
    j["sources"] = Json::array();
    for (const auto& s : n.sources) {
      Json x = {{"path", s.path}};
      if (!s.mapping.empty()) x["mapping"] = s.mapping;
      j["sources"].push_back(x);
    }
  }
  if (!n.overrides.empty()) {
    j["overrides"] = Json::array();
    for (const auto& o : n.overrides) {
      Json x = Json::object();
      put_selector(x, o.select);
      put(x, "mlc_wheeled", o.mlc_wheeled);
      put(x, "mlc_tracked", o.mlc_tracked);
      put(x, "max_weight_t", o.max_weight_t);
      put(x, "max_height_m", o.max_height_m);
      put(x, "max_width_m", o.max_width_m);
      if (o.closed) x["closed"] = true;
      if (!o.reason.empty()) x["reason"] = o.reason;
      if (!o.source.empty()) x["source"] = o.source;
      j["overrides"].push_back(x);
    }
  }
  if (!n.added_links.empty()) {
    j["added_links"] = Json::array();
    for (const auto& l : n.added_links) {
      Json x = {{"name", l.name}, {"from", place(l.from)}, {"to", place(l.to)}, {"mode", l.mode}};
      put(x, "length_km", l.length_km);
      x["speed_kmh"] = l.speed_kmh;
      put(x, "mlc_wheeled", l.mlc_wheeled);
      put(x, "mlc_tracked", l.mlc_tracked);
      put(x, "max_weight_t", l.max_weight_t);
      x["oneway"] = l.oneway;
      if (!l.source.empty()) x["source"] = l.source;
      j["added_links"].push_back(x);
    }
  }
  if (!n.closures.empty()) {
    j["closures"] = Json::array();
    for (const auto& c : n.closures) {
      Json x = {{"name", c.name}};
      put_selector(x, c.select);
      x["from"] = format_time(c.from);
      x["until"] = format_time(c.until);
      if (!c.reason.empty()) x["reason"] = c.reason;
      j["closures"].push_back(x);
    }
  }
  return j;
}

Json vehicle(const vehicles::VehicleType& v) {
  Json j = {{"name", v.name}, {"nation", v.nation}, {"category", v.category}, {"tracked", v.tracked}};
  const auto known = [&](const char* key, double value) {
    if (!std::isnan(value)) j[key] = value;
  };
  known("weight_t", v.weight_t);
  known("length_m", v.length_m);
  known("width_m", v.width_m);
  known("height_m", v.height_m);
  known("axle_load_t", v.axle_load_t);
  known("road_speed_kmh", v.road_speed_kmh);
  if (!v.mlc_computed) known("mlc", v.mlc);
  if (const auto it = v.sources.find("all"); it != v.sources.end()) j["source"] = it->second;
  if (!v.notes.empty()) j["notes"] = v.notes;
  return j;
}

Json unit(const Unit& u) {
  Json j = {{"id", u.id}};
  if (!u.name.empty()) j["name"] = u.name;
  j["nation"] = u.nation;
  j["home"] = place(u.home);
  j["destination"] = place(u.destination);
  j["equipment"] = Json::array();
  for (const auto& e : u.equipment) j["equipment"].push_back({{"type", e.type}, {"count", e.count}});
  j["personnel"] = u.personnel;
  j["notice_to_move_h"] = u.notice_to_move_h;
  if (u.earliest_arrival) j["earliest_arrival"] = format_time(*u.earliest_arrival);
  j["required_delivery"] = format_time(u.required_delivery);
  j["priority"] = u.priority;
  return j;
}

Json rules(const Rules& r) {
  const BorderPermissions& p = r.permissions;
  Json permissions = {{"default_lead_time_working_days", p.default_lead_time_working_days}};
  if (!p.by_granting_nation.empty()) {
    permissions["nations"] = Json::array();
    for (const auto& [nation, days] : p.by_granting_nation)
      permissions["nations"].push_back({{"nation", nation}, {"lead_time_working_days", days}});
  }
  if (!p.pairs.empty()) {
    permissions["pairs"] = Json::array();
    for (const auto& x : p.pairs)
      permissions["pairs"].push_back({{"from", x.from}, {"to", x.to}, {"lead_time_working_days", x.lead_time_working_days}});
  }
  if (!p.corridors.empty()) {
    permissions["corridors"] = Json::array();
    for (const auto& c : p.corridors)
      permissions["corridors"].push_back({{"name", c.name}, {"nations", c.nations}, {"lead_time_hours", c.lead_time_hours}});
  }
  Json j = {{"border_permissions", permissions}};
  if (!r.windows.empty()) {
    j["movement_windows"] = Json::array();
    for (const auto& w : r.windows) {
      Json x = {{"nation", w.nation}};
      if (w.no_weekends) x["no_weekends"] = true;
      if (w.no_public_holidays) x["no_public_holidays"] = true;
      if (w.allowed) {
        x["allowed_hours"] = format_clock(w.allowed->first) + "-" + format_clock(w.allowed->second);
      }
      j["movement_windows"].push_back(x);
    }
  }
  if (!r.holidays_file.empty()) j["holidays"] = r.holidays_file;
  const ConvoyRules& c = r.convoy;
  j["convoy"] = {{"vehicles_per_march_unit", c.vehicles_per_march_unit},
                 {"gap_urban_m", c.gap_urban_m},
                 {"gap_rural_m", c.gap_rural_m},
                 {"gap_motorway_m", c.gap_motorway_m},
                 {"march_unit_gap_min", c.march_unit_gap_min},
                 {"speed_built_up_kmh", c.speed_built_up_kmh},
                 {"speed_two_lane_kmh", c.speed_two_lane_kmh},
                 {"speed_motorway_kmh", c.speed_motorway_kmh},
                 {"max_driving_hours_per_day", c.max_driving_hours_per_day},
                 {"first_halt_after_min", c.first_halt_after_min},
                 {"first_halt_min", c.first_halt_min},
                 {"halt_every_min", c.halt_every_min},
                 {"halt_min", c.halt_min},
                 {"seats_per_vehicle", c.seats_per_vehicle}};
  j["het"] = {{"tracked_over_km", r.het.tracked_over_km}};
  return j;
}

Json resources(const Resources& r) {
  Json j = Json::object();
  const auto list = [&](const char* key, const auto& items, const auto& one) {
    if (items.empty()) return;
    j[key] = Json::array();
    for (const auto& x : items) j[key].push_back(one(x));
  };
  list("railheads", r.railheads, [](const Railhead& x) {
    return Json{{"place", place(x.place)}, {"trains_per_day", x.trains_per_day}, {"loading_hours_per_train", x.loading_hours_per_train}};
  });
  list("rail", r.rail, [](const RailFleet& x) {
    Json y = {{"nation", x.nation}, {"trains", x.trains}, {"wagons_per_train", x.wagons_per_train}};
    if (x.speed_kmh > 0) y["speed_kmh"] = x.speed_kmh;
    y["gauge_mm"] = x.gauge_mm;
    return y;
  });
  list("transshipment", r.transshipment,
       [](const Transshipment& x) { return Json{{"place", place(x.place)}, {"vehicles_per_day", x.vehicles_per_day}}; });
  list("ports", r.ports, [](const Port& x) {
    return Json{{"place", place(x.place)}, {"berths", x.berths}, {"vehicles_per_day", x.vehicles_per_day}};
  });
  list("ships", r.ships, [](const Ship& x) {
    return Json{{"name", x.name}, {"lane_metres", x.lane_metres}, {"speed_kn", x.speed_kn}, {"count", x.count},
                {"available_from", format_time(x.available_from)}};
  });
  list("airfields", r.airfields, [](const Airfield& x) {
    return Json{{"place", place(x.place)}, {"max_on_ground", x.max_on_ground}, {"handling_hours", x.handling_hours}};
  });
  list("aircraft", r.aircraft, [](const Aircraft& x) {
    Json y = {{"type", x.type}, {"payload_t", x.payload_t}, {"count", x.count}};
    if (x.speed_kmh > 0) y["speed_kmh"] = x.speed_kmh;
    if (x.passengers > 0) y["passengers"] = x.passengers;
    return y;
  });
  list("hets", r.hets, [](const HetFleet& x) { return Json{{"nation", x.nation}, {"count", x.count}}; });
  list("convoy_support_centres", r.convoy_support_centres, [](const ConvoySupportCentre& x) {
    Json y = {{"place", place(x.place)}, {"vehicles_per_night", x.vehicles_per_night}};
    if (x.fuel_m3 > 0) y["fuel_m3"] = x.fuel_m3;
    return y;
  });
  list("staging_areas", r.staging_areas, [](const StagingArea& x) {
    return Json{{"place", place(x.place)}, {"kind", x.kind}, {"capacity_vehicles", x.capacity_vehicles}};
  });
  return j;
}

Json disruption(const Disruption& d) {
  Json j = {{"name", d.name}, {"kind", d.kind}, {"at", format_time(d.at)}};
  if (d.duration) j["duration"] = format_duration(*d.duration);
  if (d.kind == "bridge_lost" || d.kind == "road_closed") put_selector(j, d.select);
  if (d.kind == "border_closed") j["nations"] = d.nations;
  if (d.kind == "capacity_cut") {
    if (d.place) j["place"] = place(*d.place);
    j["capacity_factor"] = d.capacity_factor;
  }
  return j;
}

}  // namespace

Json to_document(const Scenario& s) {
  Json j = {{"version", 1}, {"name", s.name}};
  if (!s.description.empty()) j["description"] = s.description;
  j["time"] = {{"c_day", format_iso_date(s.c_day)}, {"time_zone", s.time_zone}};
  j["network"] = network(s.network);
  if (!s.vehicle_refs.empty() || !s.custom_vehicles.empty()) {
    j["vehicles"] = Json::array();
    for (const auto& name : s.vehicle_refs) j["vehicles"].push_back(name);
    for (const auto& v : s.custom_vehicles) j["vehicles"].push_back(vehicle(v));
  }
  j["units"] = Json::array();
  for (const auto& u : s.units) j["units"].push_back(unit(u));
  if (!s.force_packages.empty()) {
    j["force_packages"] = Json::array();
    for (const auto& p : s.force_packages) {
      Json x = {{"id", p.id}};
      if (!p.name.empty()) x["name"] = p.name;
      x["units"] = p.units;
      j["force_packages"].push_back(x);
    }
  }
  j["rules"] = rules(s.rules);
  j["resources"] = resources(s.resources);
  if (!s.disruptions.empty()) {
    j["disruptions"] = Json::array();
    for (const auto& d : s.disruptions) j["disruptions"].push_back(disruption(d));
  }
  return j;
}

}  // namespace milmob::scenario
