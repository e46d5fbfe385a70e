#include "validation/plan_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "common/error.h"
#include "scenario/time_expr.h"

namespace milmob::validation {

namespace {

using Json = nlohmann::json;

constexpr double kNever = std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxPlanBytes = 256u << 20;  // a brigade's plan is a few MB

std::string describe(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string s = j.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return fmt::format("the text \"{}\"", s);
    }
    case Json::value_t::array: return fmt::format("a list of {}", j.size());
    case Json::value_t::object: return "an object";
    case Json::value_t::discarded: return "nothing";
    default: return fmt::format("the number {}", j.dump());
  }
}

// A value in the document with its JSON path, for messages.
class Field {
 public:
  Field(const Json& j, std::string path, const std::string& file) : j_(j), path_(std::move(path)), file_(file) {}

  [[noreturn]] void fail(std::string_view expected) const {
    throw InputError(file_, fmt::format("{}: expected {}, got {}", path_.empty() ? "(document)" : path_, expected,
                                        describe(j_)));
  }

  Field key(const char* name, std::string_view expected) const {
    if (!j_.is_object()) fail("an object");
    const std::string path = path_.empty() ? std::string(name) : path_ + "." + name;
    const auto it = j_.find(name);
    if (it == j_.end()) throw InputError(file_, fmt::format("{}: missing; expected {}", path, expected));
    return Field(*it, path, file_);
  }
  bool has(const char* name) const { return j_.is_object() && j_.contains(name); }
  bool equals(std::string_view s) const { return j_.is_string() && j_.get<std::string>() == s; }

  // Calls f(Field) for every item of a list.
  template <typename F>
  void each(F&& f) const {
    if (!j_.is_array()) fail("a list");
    for (std::size_t i = 0; i < j_.size(); ++i) f(Field(j_[i], fmt::format("{}[{}]", path_, i), file_));
  }

  std::string text() const {
    if (!j_.is_string()) fail("a text");
    return j_.get<std::string>();
  }
  bool boolean() const {
    if (!j_.is_boolean()) fail("true or false");
    return j_.get<bool>();
  }
  double number() const {
    if (!j_.is_number() || !std::isfinite(j_.get<double>())) fail("a number");
    return j_.get<double>();
  }
  double number_or_never() const { return j_.is_null() ? kNever : number(); }
  int count() const {
    if (!j_.is_number_integer() || j_.get<long long>() < 0 || j_.get<long long>() > 1'000'000)
      fail("a whole number from 0 to 1000000");
    return static_cast<int>(j_.get<long long>());
  }
  std::uint32_t index() const {
    if (!j_.is_number_integer() || j_.get<long long>() < 0 || j_.get<long long>() > 0xfffffffeLL)
      fail("a whole number from 0 to 4294967294");
    return static_cast<std::uint32_t>(j_.get<long long>());
  }
  // "C+3 06:15", "C-1 23:00", "C+0" or "never", as the planner writes times.
  double time() const {
    const std::string t = j_.is_string() ? j_.get<std::string>() : std::string();
    if (t == "never") return kNever;
    if (t.size() >= 3 && t[0] == 'C') {
      if (const auto m = scenario::parse_time(t, std::chrono::year_month_day{}))
        return static_cast<double>(*m);
    }
    fail("a time such as \"C+3 06:15\" or \"never\"");
  }
  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    each([&](const Field& f) { out.push_back(f.text()); });
    return out;
  }

 private:
  const Json& j_;
  std::string path_;
  const std::string& file_;
};

Activity activity_of(const Field& f) {
  const std::string s = f.text();
  for (const Activity a : {Activity::Drive, Activity::Halt, Activity::NightStop, Activity::WindowWait,
                           Activity::PermissionWait, Activity::ClosureWait, Activity::StartOffset,
                           Activity::ResourceWait, Activity::Loading, Activity::Carried, Activity::Unloading})
    if (s == activity_name(a)) return a;
  f.fail("one of drive, halt, night_stop, window_wait, permission_wait, closure_wait, start_offset, resource_wait, "
         "loading, carried, unloading");
}

PlanStep read_step(const Field& f) {
  PlanStep s;
  s.activity = activity_of(f.key("activity", "the activity (drive, halt, ...)"));
  s.from = f.key("from_min", "the start in minutes from C-day").number();
  s.until = f.key("until_min", "the end in minutes from C-day, or null").number_or_never();
  s.km_from = f.key("km_from", "the km along the route where it starts").number();
  s.km_to = f.key("km_to", "the km along the route where it ends").number();
  s.country = f.key("country", "the nation where it happens").text();
  s.detail = f.key("detail", "a text").text();
  return s;
}

PlanMarchUnit read_march_unit(const Field& f) {
  PlanMarchUnit m;
  m.id = f.key("id", "the march unit's id").text();
  m.serial = f.key("serial", "the serial's id").text();
  m.vehicle_class = f.key("vehicle_class", "the vehicle class").text();
  m.vehicles = f.key("vehicles", "the number of vehicles").count();
  m.depart = f.key("depart_min", "the departure in minutes from C-day").number();
  m.arrive = f.key("arrive_min", "the arrival in minutes from C-day, or null").number_or_never();
  f.key("crossings", "a list of border crossings").each([&](const Field& c) {
    m.crossings.push_back({c.key("from", "the nation left").text(), c.key("to", "the nation entered").text(),
                           c.key("time_min", "the crossing time in minutes from C-day").number()});
  });
  f.key("steps", "a list of steps").each([&](const Field& s) { m.steps.push_back(read_step(s)); });
  return m;
}

PlanTrip read_trip(const Field& f) {
  PlanTrip t;
  t.mode = f.key("mode", "rail, sea, air or het").text();
  t.carrier = f.key("carrier", "the carrier").text();
  t.from = f.key("from", "where it loads").text();
  t.to = f.key("to", "where it unloads").text();
  t.vehicles = f.key("vehicles", "the vehicles aboard").count();
  t.load_start = f.key("load_start", "a time").time();
  t.depart = f.key("depart_min", "the departure in minutes from C-day").number();
  t.arrive = f.key("arrive_min", "the arrival in minutes from C-day").number();
  t.unloaded = f.key("unloaded", "a time").time();
  t.back = f.key("back", "a time").time();
  t.march_units = f.key("march_units", "a list of march unit ids").texts();
  return t;
}

PlanUnit read_unit(const Field& f) {
  PlanUnit u;
  u.id = f.key("id", "the unit's id").text();
  u.nation = f.key("nation", "the unit's nation").text();
  u.feasible = f.key("feasible", "true or false").boolean();
  if (f.has("infeasible_reason")) u.infeasible_reason = f.key("infeasible_reason", "a text").text();
  u.ready = f.key("ready", "a time").time();
  u.departure = f.key("departure", "a time").time();
  u.arrival = f.key("arrival", "a time").time();
  f.key("legs", "a list of legs").each([&](const Field& l) {
    PlanLeg leg{l.has("mode") ? l.key("mode", "road, rail, sea, air or het").text() : std::string(),
                l.key("vehicle_class", "the vehicle class").text(), l.key("types", "a list of vehicle types").texts(),
                l.key("vehicles", "the number of vehicles").count(),
                l.key("distance_km", "the route's length in km").number(), {}};
    if (l.has("parts"))
      l.key("parts", "a list of the itinerary's parts").each([&](const Field& p) {
        PlanLegPart part{p.key("mode", "road, rail, sea, air or het").text(), {}, {}, {}, {}};
        if (p.has("from")) part.from = p.key("from", "where the part starts").text();
        if (p.has("to")) part.to = p.key("to", "where the part ends").text();
        if (p.has("het_type")) part.het_type = p.key("het_type", "the HET's vehicle type").text();
        if (p.has("edges"))
          p.key("edges", "a list of edge numbers").each([&](const Field& e) {
            part.edges.push_back(e.index());
          });
        leg.parts.push_back(std::move(part));
      });
    u.legs.push_back(std::move(leg));
  });
  f.key("march_units", "a list of march units").each([&](const Field& m) { u.march_units.push_back(read_march_unit(m)); });
  if (f.has("trips"))
    f.key("trips", "a list of carrier trips").each([&](const Field& t) { u.trips.push_back(read_trip(t)); });
  if (f.has("personnel")) {
    const Field p = f.key("personnel", "the unit's personnel move");
    PlanPersonnel& x = u.personnel;
    u.has_personnel = true;
    x.count = p.key("count", "the number of personnel").count();
    x.seated = p.key("seated", "the personnel in the vehicles' seats").count();
    x.flown = p.key("flown", "the personnel flown").count();
    x.riding = p.key("riding", "the personnel riding with the convoys").count();
    x.mode = p.key("mode", "convoy or air").text();
    if (x.mode == "air") {
      x.arrival = p.key("arrival_min", "the last personnel's arrival in minutes from C-day").number();
      p.key("sorties", "a list of sorties").each([&](const Field& t) {
        x.sorties.push_back({t.key("carrier", "the aircraft").text(), t.key("passengers", "the troops aboard").count(),
                             t.key("unloaded_min", "the end of unloading in minutes from C-day").number()});
      });
    }
  }
  return u;
}

}  // namespace

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

PlanFile parse_plan(const std::string& text, const std::string& name) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {
    // A syntax error (parse_error) or a number beyond a double (out_of_range 406, "1e400").
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw InputError(name, fmt::format("not JSON: {}", what));
  }
  const Field root(doc, "", name);
  if (!doc.is_object()) root.fail("a JSON object: a plan written by `milmob plan`");
  const Field format = root.key("format", fmt::format("\"{}\"", kPlanFormat));
  if (!format.equals(kPlanFormat)) format.fail(fmt::format("\"{}\" (a plan written by `milmob plan`)", kPlanFormat));
  PlanFile plan;
  plan.file = name;
  plan.scenario = root.key("scenario", "the scenario's name").text();
  plan.closure = root.key("closure", "a time").time();
  plan.all_feasible = root.key("all_feasible", "true or false").boolean();
  root.key("units", "a list of units").each([&](const Field& u) { plan.units.push_back(read_unit(u)); });
  root.key("bookings", "a list of bookings").each([&](const Field& b) {
    PlanBooking booking{b.key("resource", "the resource booked").text(), b.key("unit", "the unit").text(),
                        b.key("march_unit", "the march unit or load").text(),
                        b.key("vehicles", "the vehicles").count(), b.key("from", "a time").time(),
                        b.key("until", "a time").time()};
    if (b.has("kind")) booking.kind = b.key("kind", "the kind of resource").text();
    booking.amount = b.has("amount") ? b.key("amount", "the capacity taken").number() : booking.vehicles;
    if (b.has("from_min")) booking.from = b.key("from_min", "the start in minutes from C-day").number();
    if (b.has("until_min")) booking.until = b.key("until_min", "the end in minutes from C-day").number();
    plan.bookings.push_back(std::move(booking));
  });
  return plan;
}

PlanFile read_plan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot open the plan file");
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > static_cast<std::streamoff>(kMaxPlanBytes))
    throw InputError(path, fmt::format("{} bytes: larger than any plan ({} MB at most)", static_cast<long long>(size),
                                       kMaxPlanBytes >> 20));
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().empty()) throw InputError(path, "empty file; expected a plan written by `milmob plan`");
  return parse_plan(text.str(), path);
}

}  // namespace milmob::validation
