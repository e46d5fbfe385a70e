#include "planning/plan_output.h"

#include <fmt/format.h>

#include <cmath>

#include "scenario/time_expr.h"

namespace milmob::planning {

namespace {

using Json = nlohmann::ordered_json;

double round1(double x) { return std::round(x * 10) / 10; }

Json point(const geo::LonLat& p) { return Json::array({std::round(p.lon * 1e5) / 1e5, std::round(p.lat * 1e5) / 1e5}); }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The booking kinds as plan.json names them (docs/planning.md).
std::string booking_kind(const Booking& b) { return b.kind == "csc" ? "convoy_support_centre" : b.kind; }

// How the unit's personnel move; times and sorties only when they fly.
Json personnel_json(const PersonnelMove& p) {
  Json j = {{"count", p.count}, {"seated", p.seated}, {"flown", p.flown}, {"riding", p.riding},
            {"mode", p.mode},   {"itinerary", p.itinerary}, {"notes", p.notes}};
  if (p.mode != "air") return j;
  j["from"] = p.from;
  j["to"] = p.to;
  j["road_km_to"] = round1(p.road_km_to);
  j["road_km_from"] = round1(p.road_km_from);
  j["departure"] = when(p.depart);
  j["arrival"] = when(p.arrive);
  j["departure_min"] = round1(p.depart);
  j["arrival_min"] = round1(p.arrive);
  Json sorties = Json::array();
  for (const Trip& t : p.sorties)
    sorties.push_back({{"carrier", t.carrier}, {"from", t.from}, {"to", t.to}, {"passengers", t.passengers},
                       {"km", round1(t.km)}, {"load_start", when(t.load_start)}, {"depart", when(t.depart)},
                       {"depart_min", round1(t.depart)}, {"arrive", when(t.arrive)}, {"arrive_min", round1(t.arrive)},
                       {"unloaded", when(t.unload_end)}, {"unloaded_min", round1(t.unload_end)}, {"back", when(t.back)}});
  j["sorties"] = sorties;
  return j;
}

}  // namespace

std::string when(double minutes) {
  if (!std::isfinite(minutes)) return "never";
  return scenario::format_time(static_cast<scenario::Minutes>(std::ceil(minutes - 1e-6)));
}

Json to_json(const Plan& plan) {
  Json units = Json::array();
  for (const UnitPlan& u : plan.units) {
    Json legs = Json::array();
    for (const ClassLeg& l : u.legs) {
      Json geometry = Json::array();
      for (const auto& p : l.geometry) geometry.push_back(point(p));
      Json parts = Json::array();
      for (const LegPart& p : l.parts) {
        parts.push_back({{"mode", p.mode}, {"from", p.from}, {"to", p.to}, {"km", round1(p.km)}});
        if (!p.edges.empty()) parts.back()["edges"] = p.edges;
        if (!p.het_type.empty()) parts.back()["het_type"] = p.het_type;
      }
      legs.push_back({{"mode", l.mode}, {"vehicle_class", l.label}, {"types", l.types}, {"vehicles", l.vehicles},
                      {"itinerary", l.itinerary}, {"distance_km", round1(l.distance_km)},
                      {"unconstrained_km", round1(l.unconstrained_km)}, {"countries", l.countries},
                      {"detours", l.detours}, {"notes", l.notes}, {"parts", parts}, {"geometry", geometry}});
    }
    Json mus = Json::array();
    for (const MarchUnit& m : u.march_units) {
      Json steps = Json::array();
      for (const Step& s : m.steps)
        steps.push_back({{"activity", activity_name(s.activity)}, {"from", when(s.from)}, {"until", when(s.until)},
                         {"from_min", round1(s.from)}, {"until_min", std::isfinite(s.until) ? Json(round1(s.until)) : Json(nullptr)},
                         {"km_from", round1(s.km_from)}, {"km_to", round1(s.km_to)}, {"where", point(s.where)},
                         {"country", s.country}, {"detail", s.detail}});
      Json crossings = Json::array();
      for (const auto& c : m.crossings)
        crossings.push_back({{"from", c.from}, {"to", c.to}, {"time", when(c.time)}, {"time_min", round1(c.time)}, {"where", point(c.where)}});
      mus.push_back({{"id", m.id}, {"serial", m.serial}, {"vehicle_class", m.vehicle_class}, {"vehicles", m.vehicles},
                     {"depart", when(m.depart)}, {"arrive", when(m.arrive)}, {"depart_min", round1(m.depart)},
                     {"arrive_min", std::isfinite(m.arrive) ? Json(round1(m.arrive)) : Json(nullptr)},
                     {"crossings", crossings}, {"steps", steps}});
    }
    Json delays = Json::array();
    for (const Delay& d : u.delays)
      delays.push_back({{"cause", activity_name(d.cause)}, {"minutes", round1(d.minutes)}, {"text", d.text}});
    Json j = {{"id", u.id}, {"name", u.name}, {"nation", u.nation}, {"feasible", u.feasible}};
    if (!u.feasible) j["infeasible_reason"] = u.infeasible_reason;
    j["ready"] = when(u.ready);
    j["departure"] = when(u.departure);
    j["arrival"] = when(u.arrival);
    j["required_delivery"] = when(u.required_delivery);
    j["lateness_h"] = u.feasible ? Json(round1(u.lateness() / 60)) : Json(nullptr);
    j["delays"] = delays;
    j["legs"] = legs;
    j["march_units"] = mus;
    Json trips = Json::array();
    for (const Trip& t : u.trips)
      trips.push_back({{"mode", t.mode}, {"carrier", t.carrier}, {"from", t.from}, {"to", t.to},
                       {"vehicles", t.vehicles}, {"km", round1(t.km)}, {"load_start", when(t.load_start)},
                       {"depart", when(t.depart)}, {"depart_min", round1(t.depart)}, {"arrive", when(t.arrive)},
                       {"arrive_min", round1(t.arrive)}, {"unloaded", when(t.unload_end)},
                       {"back", when(t.back)}, {"march_units", t.march_units}});
    j["trips"] = trips;
    j["personnel"] = personnel_json(u.personnel);
    units.push_back(j);
  }
  Json bookings = Json::array();
  for (const Booking& b : plan.bookings)
    bookings.push_back({{"resource", b.resource}, {"kind", booking_kind(b)}, {"unit", b.unit},
                        {"march_unit", b.march_unit}, {"vehicles", b.vehicles}, {"amount", std::round(b.amount * 1000) / 1000},
                        {"from", when(b.from)}, {"until", when(b.until)}, {"from_min", round1(b.from)},
                        {"until_min", round1(b.until)}});
  return {{"format", "milmob-plan/1"}, {"scenario", plan.scenario}, {"closure", when(plan.closure)},
          {"all_feasible", plan.all_feasible()}, {"disruptions", plan.disruptions}, {"notes", plan.notes},
          {"units", units}, {"bookings", bookings}};
}

std::string closure_csv(const Plan& plan) {
  std::string out = "unit,name,nation,feasible,ready,departure,arrival,required_delivery,lateness_h\n";
  for (const UnitPlan& u : plan.units)
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_field(u.id), csv_field(u.name), u.nation, u.feasible ? "yes" : "no",
                       when(u.ready), when(u.departure), when(u.arrival), when(u.required_delivery),
                       u.feasible ? fmt::format("{:.1f}", u.lateness() / 60) : "");
  return out;
}

std::string march_tables_csv(const Plan& plan) {
  std::string out = "march_unit,serial,unit,vehicle_class,vehicles,event,from,until,km,lon,lat,country,detail\n";
  for (const UnitPlan& u : plan.units)
    for (const MarchUnit& m : u.march_units) {
      const auto row = [&](const char* event, double from, double until, double km, const geo::LonLat& p,
                           const std::string& country, const std::string& detail) {
        out += fmt::format("{},{},{},{},{},{},{},{},{:.1f},{:.5f},{:.5f},{},{}\n", csv_field(m.id), csv_field(m.serial),
                           csv_field(u.id), csv_field(m.vehicle_class), m.vehicles, event, when(from), when(until), km,
                           p.lon, p.lat, country, csv_field(detail));
      };
      if (m.steps.empty()) continue;
      const Step& first = m.steps.front();
      row("start_point", m.depart, m.depart, 0, u.legs.empty() || u.legs.front().geometry.empty() ? first.where
                                                                                                  : u.legs.front().geometry.front(),
          first.country, "");
      std::size_t crossing = 0;
      for (const Step& s : m.steps) {
        while (crossing < m.crossings.size() && m.crossings[crossing].time <= s.from) {
          const auto& c = m.crossings[crossing++];
          row("border", c.time, c.time, s.km_from, c.where, c.to, c.from + " > " + c.to);
        }
        if (s.activity != Activity::Drive) row(activity_name(s.activity), s.from, s.until, s.km_from, s.where, s.country, s.detail);
      }
      for (; crossing < m.crossings.size(); ++crossing) {
        const auto& c = m.crossings[crossing];
        row("border", c.time, c.time, m.steps.back().km_to, c.where, c.to, c.from + " > " + c.to);
      }
      const Step& last = m.steps.back();
      row("release_point", m.arrive, m.arrive, last.km_to, last.where, last.country, "");
    }
  return out;
}

std::string bookings_csv(const Plan& plan) {
  std::string out = "resource,kind,unit,march_unit,vehicles,amount,from,until\n";
  for (const Booking& b : plan.bookings)
    out += fmt::format("{},{},{},{},{},{:g},{},{}\n", csv_field(b.resource), booking_kind(b), csv_field(b.unit),
                       csv_field(b.march_unit), b.vehicles, std::round(b.amount * 1000) / 1000, when(b.from), when(b.until));
  return out;
}

Json routes_geojson(const Plan& plan) {
  Json features = Json::array();
  const auto feature = [&](Json geometry, Json properties) {
    features.push_back({{"type", "Feature"}, {"geometry", std::move(geometry)}, {"properties", std::move(properties)}});
  };
  for (const UnitPlan& u : plan.units) {
    for (const ClassLeg& l : u.legs)
      for (const LegPart& part : l.parts) {
        if (part.geometry.size() < 2) continue;
        Json line = Json::array();
        for (const auto& p : part.geometry) line.push_back(point(p));
        feature({{"type", "LineString"}, {"coordinates", line}},
                {{"kind", "route"}, {"unit", u.id}, {"mode", part.mode}, {"vehicle_class", l.label},
                 {"vehicles", l.vehicles}, {"from", part.from}, {"to", part.to}, {"distance_km", round1(part.km)}});
      }
    if (const PersonnelMove& pax = u.personnel; pax.mode == "air" && pax.geometry.size() >= 2 && !pax.sorties.empty()) {
      Json line = Json::array();
      for (const auto& p : pax.geometry) line.push_back(point(p));
      feature({{"type", "LineString"}, {"coordinates", line}},
              {{"kind", "route"}, {"unit", u.id}, {"mode", "air"},
               {"vehicle_class", fmt::format("personnel ({} flown)", pax.flown)}, {"vehicles", 0}, {"from", pax.from},
               {"to", pax.to}, {"distance_km", round1(pax.sorties.front().km)}});
    }
    for (const MarchUnit& m : u.march_units) {
      for (const Step& s : m.steps)
        if (s.activity == Activity::NightStop)
          feature({{"type", "Point"}, {"coordinates", point(s.where)}},
                  {{"kind", "night_stop"}, {"unit", u.id}, {"march_unit", m.id}, {"from", when(s.from)},
                   {"until", when(s.until)}, {"place", s.detail}});
      for (const BorderCrossing& c : m.crossings)
        feature({{"type", "Point"}, {"coordinates", point(c.where)}},
                {{"kind", "border_crossing"}, {"unit", u.id}, {"march_unit", m.id}, {"from", c.from}, {"to", c.to},
                 {"time", when(c.time)}});
    }
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

std::string closure_text(const Plan& plan) {
  std::string out = fmt::format("{:<24} {:>10} {:>10} {:>10} {:>9}  main cause of delay\n", "unit", "ready", "arrival",
                                "required", "late h");
  for (const UnitPlan& u : plan.units) {
    if (!u.feasible) {
      out += fmt::format("{:<24} INFEASIBLE: {}\n", u.id, u.infeasible_reason);
      continue;
    }
    std::string cause;
    for (const Delay& d : u.delays)
      if (d.cause != Activity::Drive) {
        cause = d.text;
        break;
      }
    out += fmt::format("{:<24} {:>10} {:>10} {:>10} {:>9.1f}  {}\n", u.id, when(u.ready), when(u.arrival),
                       when(u.required_delivery), u.lateness() / 60, cause);
  }
  out += fmt::format("force closure {}{}\n", when(plan.closure), plan.all_feasible() ? "" : " (feasible units only)");
  for (const std::string& d : plan.disruptions) out += fmt::format("with disruption '{}'\n", d);
  for (const std::string& note : plan.notes) out += "note: " + note + "\n";
  return out;
}

}  // namespace milmob::planning
