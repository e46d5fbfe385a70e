// Property tests of the planner on random scenarios on the real networks (issue 4): the
// strategic corridor layer (data/strategic/europe.geojson) and the Liechtenstein OSM extract.
// Each scenario is drawn from a seeded generator (fixed seeds: the test is deterministic) and
// planned in-process; on every one the independent validator must accept the plan, planning it
// again (with a fresh router) must give the same bytes, every delay minute must have its cause,
// feasible units must arrive and infeasible ones say why. Derived variants then check that a
// longer permission lead time, a removed bridge and one more capacity move the plan the right
// way where this greedy planner guarantees it, and count (without failing) where it does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli/scenario_network.h"
#include "planning/plan_output.h"
#include "planning/planner.h"
#include "scenario/loader.h"
#include "scenario/places.h"
#include "scenario/scenario_json.h"
#include "support/shipped_data.h"
#include "validation/checks.h"
#include "validation/plan_reader.h"

namespace mp = milmob::planning;
namespace ms = milmob::scenario;
using milmob::testing::shipped_calendar;
using milmob::testing::shipped_catalogue;

namespace {

// Fewer scenarios under the sanitizers (CI runs the suite there too, about eight times slower:
// about 30 s for these).
#if defined(__SANITIZE_ADDRESS__)
constexpr int kStrategicScenarios = 150, kLiechtensteinScenarios = 50;
#else
constexpr int kStrategicScenarios = 300, kLiechtensteinScenarios = 100;
#endif

// One real network and where scenarios on it may put things.
struct World {
  std::string name;
  std::unique_ptr<milmob::cli::BuiltNetwork> built;  // the spans of net point into it
  milmob::Network net;
  std::vector<ms::PlaceRef> homes;             // garrisons, towns, assembly areas (or road nodes)
  std::map<std::string, std::vector<ms::PlaceRef>> by_kind;  // port, airfield, transshipment, ...
  std::vector<std::string> nations;            // the nations units come from
  bool osm = false;
  ms::NetworkSpec spec;                        // for the scenarios written out (reproductions)
};

ms::PlaceRef ref(const ms::Place& p) { return {p.name, p.where, p.country}; }

const ms::PlaceTable& shipped_places() {
  static const ms::PlaceTable p = ms::PlaceTable::load_default();
  return p;
}

// The scenario written as a file would say it and read back by the loader: the errors it finds,
// one a line (a scenario `milmob plan` would refuse is not worth planning).
std::string loader_errors(const ms::Scenario& s) {
  const ms::LoadContext context{shipped_catalogue(), shipped_places()};
  const ms::LoadResult r = ms::load_scenario_text(ms::to_document(s).dump(2), "random.yaml", "/", context);
  std::string out;
  for (const auto& d : r.diagnostics.sorted())
    if (d.severity == ms::Diagnostic::Severity::Error) out += "  " + d.to_string() + "\n";
  return out;
}

// GIS layers and the country borders are read through the GDAL plugin, which lies next to
// the milmob binary.
void find_gdal_plugin() { ::setenv("MILMOB_PLUGIN_DIR", std::filesystem::path(MILMOB_BINARY).parent_path().c_str(), 0); }

World strategic_world() {
  find_gdal_plugin();
  World w;
  w.name = "strategic";
  ms::NetworkSpec spec;
  spec.sources = {{std::string(MILMOB_DATA_DIR) + "/strategic/europe.geojson", ""}};
  w.spec = spec;
  w.built = std::make_unique<milmob::cli::BuiltNetwork>(std::move(*milmob::cli::build_scenario_network(spec, {true, true, false})));
  w.net = w.built->net();
  const ms::PlaceTable& places = shipped_places();
  for (const ms::Place& p : places.all()) {
    if (p.origin != "curated") continue;
    if (p.kind == "garrison" || p.kind == "city" || p.kind == "assembly_area") w.homes.push_back(ref(p));
    w.by_kind[p.kind].push_back(ref(p));
  }
  // Railheads: the table has no place of that kind; garrisons and towns on the main lines serve.
  w.by_kind["railhead"] = w.by_kind["garrison"];
  for (const auto& p : w.by_kind["city"]) w.by_kind["railhead"].push_back(p);
  w.nations = {"DEU", "NLD", "POL", "USA", "NOR", "LTU", "GBR", "BEL"};
  return w;
}

World liechtenstein_world() {
  find_gdal_plugin();
  World w;
  w.name = "liechtenstein";
  w.osm = true;
  ms::NetworkSpec spec;
  spec.sources = {{std::string(MILMOB_DATA_DIR) + "/osm/liechtenstein-2013-08-03.osm.pbf", ""}};
  w.spec = spec;
  w.built = std::make_unique<milmob::cli::BuiltNetwork>(std::move(*milmob::cli::build_scenario_network(spec, {true, true, false})));
  w.net = w.built->net();
  // Homes and destinations: the tails of main road edges (primary to tertiary), in order, thinned.
  std::vector<ms::PlaceRef> road;
  for (milmob::EdgeId e = 0; e < w.net.edge_count(); ++e) {
    const auto rc = w.net.road_class[e];
    if (w.net.mode[e] != milmob::Mode::Road) continue;
    if (rc != milmob::RoadClass::Primary && rc != milmob::RoadClass::Secondary && rc != milmob::RoadClass::Tertiary)
      continue;
    const auto n = w.net.tail[e];
    const auto c = w.net.node_country[n];
    road.push_back({"", w.net.node_coord(n), c == milmob::kNoCountry ? "" : std::string(w.net.country_code(c))});
  }
  for (std::size_t i = 0; i < road.size(); i += 7) w.homes.push_back(road[i]);
  w.by_kind["csc"] = w.homes;
  w.nations = {"CHE", "AUT", "LIE", "DEU"};
  return w;
}

const World& strategic() {
  static const World w = strategic_world();
  return w;
}
const World& liechtenstein() {
  static const World w = liechtenstein_world();
  return w;
}

// ---- Random scenarios ---------------------------------------------------------------------

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool chance(double p) { return real(0, 1) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(integer(0, static_cast<int>(v.size()) - 1))]; }

 private:
  std::mt19937_64 rng_;
};

const std::vector<std::string> kTracked = {"Leopard 2A6", "Leopard 2A4", "M1A2 Abrams", "PzH 2000", "Puma", "CV90", "M2 Bradley"};
const std::vector<std::string> kWheeled = {"Boxer", "Stryker ICV", "Patria AMV"};
const std::vector<std::string> kTrucks = {"MAN HX77", "HEMTT M977A4"};

ms::Minutes at(double days) { return static_cast<ms::Minutes>(std::llround(days * 1440)); }

ms::Scenario random_scenario(const World& w, std::uint64_t seed) {
  Draw d(seed);
  ms::Scenario s;
  s.name = fmt::format("random {} {}", w.name, seed);
  s.network = w.spec;
  // C-day on any day of 2027: weekends and holidays fall anywhere in the plan.
  const auto day0 = std::chrono::sys_days{std::chrono::year(2027) / std::chrono::January / 1};
  s.c_day = std::chrono::year_month_day{day0 + std::chrono::days(d.integer(0, 364))};
  const double scale = w.osm ? 0.15 : 1;  // Liechtenstein: small units, short deadlines

  const int units = d.integer(1, w.osm ? 4 : 6);
  std::vector<std::string> unit_nations;
  for (int i = 0; i < units; ++i) {
    ms::Unit u;
    u.id = fmt::format("u{}", i + 1);
    u.name = u.id;
    u.nation = d.pick(w.nations);
    unit_nations.push_back(u.nation);
    u.home = d.pick(w.homes);
    do u.destination = d.pick(w.homes); while (u.destination.where.lon == u.home.where.lon && u.destination.where.lat == u.home.where.lat);
    std::set<std::string> types;
    const int kinds = d.integer(1, 3);
    for (int k = 0; k < kinds; ++k) {
      const int which = d.integer(0, 2);
      const std::string& t = d.pick(which == 0 ? kTracked : which == 1 ? kWheeled : kTrucks);
      if (!types.insert(t).second) continue;
      u.equipment.push_back({t, std::max(1, static_cast<int>(std::lround(d.integer(1, 40) * (w.osm ? 0.3 : 1))))});
    }
    u.personnel = d.integer(0, 800);
    u.notice_to_move_h = d.integer(0, 4) * 12 * scale;
    u.required_delivery = at(d.real(2, 20) * scale);
    // Never after the delivery date (the loader refuses that; the clamp keeps the draws as they were).
    if (d.chance(0.25)) u.earliest_arrival = std::min(at(d.real(0.5, 8) * scale), u.required_delivery);
    u.priority = d.integer(1, 4);
    s.units.push_back(u);
  }

  // Rules.
  auto& perm = s.rules.permissions;
  perm.default_lead_time_working_days = d.integer(0, 5);
  for (const auto& n : w.nations)
    if (d.chance(0.3)) perm.by_granting_nation[n] = d.integer(0, 6);
  if (d.chance(0.3)) {
    ms::PermissionRule pair{d.pick(unit_nations), d.pick(w.nations), static_cast<double>(d.integer(0, 8))};
    if (pair.from != pair.to) perm.pairs.push_back(pair);  // a nation needs no permission from itself
  }
  if (d.chance(0.2)) perm.corridors.push_back({"corridor", {d.pick(w.nations), d.pick(w.nations)}, static_cast<double>(d.integer(0, 72))});
  for (const auto& n : w.nations) {
    if (!d.chance(0.3)) continue;
    ms::MovementWindow mw;
    mw.nation = n;
    mw.no_weekends = d.chance(0.6);
    mw.no_public_holidays = d.chance(0.5);
    if (d.chance(0.4)) mw.allowed = std::pair{d.integer(0, 23) * 60, d.integer(0, 23) * 60};
    if (mw.allowed && mw.allowed->first == mw.allowed->second) mw.allowed.reset();
    if (!mw.no_weekends && !mw.no_public_holidays && !mw.allowed) mw.no_weekends = true;  // it must restrict something
    s.rules.windows.push_back(mw);
  }
  auto& convoy = s.rules.convoy;
  convoy.vehicles_per_march_unit = w.osm ? d.integer(3, 10) : d.integer(10, 30);
  convoy.max_driving_hours_per_day = d.integer(6, 12);
  convoy.march_unit_gap_min = d.integer(5, 20);
  s.rules.het.tracked_over_km = w.osm ? d.integer(5, 40) : d.integer(50, 400);

  // Resources at places of their kind.
  auto& r = s.resources;
  auto places = [&](const std::string& kind) -> const std::vector<ms::PlaceRef>& {
    static const std::vector<ms::PlaceRef> none;
    const auto it = w.by_kind.find(kind);
    return it == w.by_kind.end() ? none : it->second;
  };
  if (!w.osm) {
    std::set<std::string> railheads;
    for (int i = d.integer(0, 4); i > 0; --i) {
      ms::Railhead rh{d.pick(places("railhead")), static_cast<double>(d.integer(1, 6)), static_cast<double>(d.integer(2, 8))};
      if (railheads.insert(rh.place.name).second) r.railheads.push_back(rh);
    }
    for (const auto& n : {"DEU", "NLD", "POL", "BEL"})
      if (d.chance(0.4)) r.rail.push_back({n, d.integer(1, 8), d.integer(15, 40), static_cast<double>(d.integer(30, 70)), 1435});
    if (d.chance(0.4)) r.rail.push_back({"LTU", d.integer(1, 6), d.integer(20, 40), static_cast<double>(d.integer(30, 60)), 1520});
    if (d.chance(0.4)) r.transshipment.push_back({d.pick(places("transshipment")), static_cast<double>(d.integer(20, 300))});
    std::set<std::string> ports;
    for (int i = d.integer(0, 3); i > 0; --i) {
      const auto& p = d.pick(places("port"));
      if (ports.insert(p.name).second) r.ports.push_back({p, d.integer(1, 3), static_cast<double>(d.integer(50, 500))});
    }
    for (int i = d.integer(0, 2); i > 0; --i)
      r.ships.push_back({fmt::format("ship {}", i), static_cast<double>(d.integer(300, 2700)), static_cast<double>(d.integer(12, 22)),
                         d.integer(1, 2), at(d.integer(0, 4))});
    std::set<std::string> fields;
    for (int i = d.integer(0, 2); i > 0; --i) {
      const auto& p = d.pick(places("airfield"));
      if (fields.insert(p.name).second) r.airfields.push_back({p, d.integer(1, 6), static_cast<double>(d.integer(1, 4))});
    }
    if (d.chance(0.4)) r.aircraft.push_back({"C-17", 75, d.integer(1, 4), 800});
    if (d.chance(0.3)) r.aircraft.push_back({"A400M", 37, d.integer(1, 4), 700});
  }
  std::set<std::string> het_nations;
  for (const auto& n : unit_nations)
    if (d.chance(0.5) && het_nations.insert(n).second) r.hets.push_back({n, d.integer(1, w.osm ? 6 : 30)});
  const auto& csc_places = w.osm ? places("csc") : w.homes;  // centres at garrisons, towns, assembly areas
  std::set<std::pair<double, double>> cscs;
  for (int i = d.integer(0, 3); i > 0; --i) {
    const auto& p = d.pick(csc_places);
    if (cscs.insert({p.where.lon, p.where.lat}).second)
      r.convoy_support_centres.push_back({p, static_cast<double>(d.integer(10, 300)), 0});
  }

  // The network's changes: an override, a closure, a disruption, sometimes.
  auto selector = [&]() {
    ms::WaySelector sel;
    if (w.osm) {
      milmob::EdgeId e;
      do e = static_cast<milmob::EdgeId>(d.integer(0, static_cast<int>(w.net.edge_count()) - 1));
      while (w.net.mode[e] != milmob::Mode::Road || w.net.osm_way_id[e] == 0);
      sel.way_id = w.net.osm_way_id[e];
    } else {
      sel.near = d.pick(w.homes);
      sel.radius_m = d.integer(1, 10) * 1000;
      sel.mode = "road";
    }
    return sel;
  };
  if (d.chance(0.3)) {
    ms::Override o;
    o.select = selector();
    if (d.chance(0.5)) o.closed = true; else o.mlc_tracked = d.integer(20, 60);
    o.reason = "random";
    s.network.overrides.push_back(o);
  }
  if (d.chance(0.3)) {
    const double from = d.real(0, 5) * scale;
    s.network.closures.push_back({"random closure", selector(), at(from), at(from + d.real(0.1, 3) * scale), "random"});
  }
  if (d.chance(0.4)) {
    ms::Disruption x;
    x.at = at(d.real(0, 5) * scale);
    const int kind = d.integer(0, 2);
    if (kind == 0) {
      x.name = "bridge lost", x.kind = "bridge_lost", x.select = selector();
      if (d.chance(0.5)) x.duration = at(d.real(0.2, 3) * scale);
    } else if (kind == 1 || r.ports.empty()) {
      x.name = "border closed", x.kind = "border_closed", x.duration = at(d.real(0.2, 3) * scale);
      x.nations = {d.pick(w.nations), d.pick(w.nations)};
      if (x.nations[0] == x.nations[1]) x.nations[1] = x.nations[0] == "DEU" ? "POL" : "DEU";
    } else {
      x.name = "port cut", x.kind = "capacity_cut", x.place = r.ports.front().place, x.capacity_factor = d.real(0, 0.9);
    }
    s.disruptions.push_back(x);
  }
  return s;
}

// ---- Planning and checking ------------------------------------------------------------------

struct Outcome {
  mp::Plan plan;
  std::string json;
  std::vector<std::string> violations;
};

Outcome plan(const World& w, milmob::routing::Router& router, const ms::Scenario& s, const std::vector<std::string>& disruptions) {
  const mp::Overlay overlay(s, w.net, disruptions);
  Outcome o;
  o.plan = mp::plan_movement(s, shipped_catalogue(), shipped_calendar(), router, overlay);
  o.plan.disruptions = disruptions;
  o.json = mp::to_json(o.plan).dump();
  const auto file = milmob::validation::parse_plan(o.json, "plan.json");
  const auto report = milmob::validation::validate_plan(file, s, shipped_calendar(), &w.net, &shipped_catalogue());
  for (const auto& v : report.violations) o.violations.push_back(v.to_string());
  return o;
}

// Worse: more units infeasible, or as many and a later closure (a minute of rounding allowed).
int infeasible(const mp::Plan& p) {
  return static_cast<int>(std::count_if(p.units.begin(), p.units.end(), [](const auto& u) { return !u.feasible; }));
}
bool worse(const mp::Plan& a, const mp::Plan& base) {
  const int ia = infeasible(a), ib = infeasible(base);
  return ia != ib ? ia > ib : a.closure > base.closure + 1;
}
bool unit_worse(const mp::UnitPlan& a, const mp::UnitPlan& base) {
  if (a.feasible != base.feasible) return !a.feasible;
  return a.feasible && a.arrival > base.arrival + 1;
}
bool unit_better(const mp::UnitPlan& a, const mp::UnitPlan& base) { return unit_worse(base, a); }

std::string describe(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < 20; ++i) out += "  " + v[i] + "\n";
  if (v.size() > 20) out += fmt::format("  ... and {} more\n", v.size() - 20);
  return out;
}

// Counts of property breaches that this planner does not rule out, with the seeds.
struct Tally {
  std::string what;
  int tried = 0;
  std::vector<std::uint64_t> seeds = {};
  void print(const std::string& world) const {
    std::string list;
    for (std::size_t i = 0; i < seeds.size() && i < 40; ++i) list += fmt::format(" {}", seeds[i]);
    if (seeds.size() > 40) list += fmt::format(" and {} more", seeds.size() - 40);
    std::cout << fmt::format("[{}] {} in {} of {} scenarios{}{}\n", world, what, seeds.size(), tried,
                             seeds.empty() ? "" : ": seeds", list);
  }
};

// The nation the first unit's convoys cross into first, if any.
std::optional<std::string> first_crossed_nation(const mp::UnitPlan& u) {
  for (const auto& m : u.march_units)
    for (const auto& c : m.crossings)
      if (!c.to.empty()) return c.to;
  return std::nullopt;
}
double first_crossing_into(const mp::UnitPlan& u, const std::string& nation) {
  double t = INFINITY;
  for (const auto& m : u.march_units)
    for (const auto& c : m.crossings)
      if (c.to == nation) t = std::min(t, c.time);
  return t;
}

// One working day more to enter `nation`, whatever rule (pair, nation, default) holds now.
void lengthen_lead_time(ms::Scenario& s, const std::string& nation) {
  auto& p = s.rules.permissions;
  const auto it = p.by_granting_nation.find(nation);
  p.by_granting_nation[nation] = (it == p.by_granting_nation.end() ? p.default_lead_time_working_days : it->second) + 1;
  for (auto& pair : p.pairs)
    if (pair.to == nation) pair.lead_time_working_days += 1;
}

// One more of a capacity the scenario has (drawn); false if it has none.
bool add_capacity(ms::Scenario& s, Draw& d, std::string& what) {
  auto& r = s.resources;
  const int mu = s.rules.convoy.vehicles_per_march_unit;
  std::vector<std::function<void()>> options;
  for (auto& x : r.rail) options.push_back([&x, &what] { ++x.trains, what = x.nation + " train"; });
  for (auto& x : r.railheads) options.push_back([&x, &what] { x.trains_per_day += 1, what = "railhead slot"; });
  for (auto& x : r.ships) options.push_back([&x, &what] { ++x.count, what = "ship"; });
  for (auto& x : r.hets) options.push_back([&x, &what, mu] { x.count += mu, what = x.nation + " HETs"; });
  for (auto& x : r.aircraft) options.push_back([&x, &what] { ++x.count, what = x.type; });
  for (auto& x : r.airfields) options.push_back([&x, &what] { ++x.max_on_ground, what = "airfield place"; });
  for (auto& x : r.ports) options.push_back([&x, &what, mu] { ++x.berths, x.vehicles_per_day += mu, what = "port"; });
  for (auto& x : r.transshipment) options.push_back([&x, &what, mu] { x.vehicles_per_day += mu, what = "transshipment"; });
  for (auto& x : r.convoy_support_centres)
    options.push_back([&x, &what, mu] { x.vehicles_per_night += mu, what = "convoy support centre"; });
  if (options.empty()) return false;
  options[static_cast<std::size_t>(d.integer(0, static_cast<int>(options.size()) - 1))]();
  return true;
}

// Closes for good the middle edge of the first road (or HET) part the first unit drives.
bool remove_bridge(ms::Scenario& s, const World& w, const mp::UnitPlan& first) {
  for (const auto& leg : first.legs)
    for (const auto& part : leg.parts) {
      if (part.edges.empty()) continue;
      const milmob::EdgeId e = part.edges[part.edges.size() / 2];
      ms::Override o;
      o.closed = true;
      o.reason = "bridge removed (property test)";
      if (w.osm && w.net.osm_way_id[e] != 0) {
        o.select.way_id = w.net.osm_way_id[e];
      } else {
        const auto a = w.net.node_coord(w.net.tail[e]), b = w.net.node_coord(w.net.head[e]);
        o.select.near = ms::PlaceRef{"", {(a.lon + b.lon) / 2, (a.lat + b.lat) / 2}, ""};
        o.select.radius_m = 20;
        o.select.mode = "road";
      }
      s.network.overrides.push_back(o);
      return true;
    }
  return false;
}

// MILMOB_PROPERTIES_DUMP=DIR writes each scenario and its variants, with
// its plan there, to reproduce a failure with `milmob plan` and `milmob validate`.
void write_out(const std::string& name, const ms::Scenario& s, const Outcome& o) {
  const char* dir = std::getenv("MILMOB_PROPERTIES_DUMP");
  if (dir == nullptr || *dir == '\0') return;
  std::ofstream(fmt::format("{}/{}.yaml", dir, name)) << ms::to_document(s).dump(2) << "\n";
  std::ofstream(fmt::format("{}/{}.plan.json", dir, name)) << o.json << "\n";
}

void check_world(const World& w, const std::vector<std::uint64_t>& seeds) {
  milmob::routing::Router router(w.net);
  Tally lead_force{"a permission lead time one working day longer improved force closure"};
  Tally lead_first{"a permission lead time one working day longer improved the first unit's arrival"};
  Tally lead_cross{"a permission lead time one working day longer made the first unit cross into that nation earlier"};
  Tally bridge_force{"removing a bridge improved force closure"};
  Tally bridge_first{"removing a bridge improved the first unit's arrival"};
  Tally cap_force{"capacity +1 worsened force closure"};
  Tally cap_first{"capacity +1 worsened the first unit's arrival"};
  int feasible_units = 0, units = 0, carried = 0;
  for (const std::uint64_t seed : seeds) {
    const ms::Scenario s = random_scenario(w, seed);
    Draw d(seed * 7919 + 1);
    const std::vector<std::string> disruptions = !s.disruptions.empty() && d.chance(0.5) ? std::vector<std::string>{"all"}
                                                                                          : std::vector<std::string>{};
    const std::string where = fmt::format("{} scenario seed {}", w.name, seed);
    const std::string refused = loader_errors(s);
    EXPECT_TRUE(refused.empty()) << where << ": the loader refuses it\n" << refused;
    const Outcome base = plan(w, router, s, disruptions);
    write_out(fmt::format("{}-{}", w.name, seed), s, base);
    EXPECT_TRUE(base.violations.empty()) << where << ": " << base.violations.size() << " violation(s)\n"
                                         << describe(base.violations);
    {
      milmob::routing::Router fresh(w.net);
      EXPECT_EQ(plan(w, fresh, s, disruptions).json, base.json) << where << ": planned twice, different bytes";
    }
    ASSERT_EQ(base.plan.units.size(), s.units.size()) << where;
    for (const auto& u : base.plan.units) {
      ++units;
      if (!u.feasible) {
        EXPECT_FALSE(u.infeasible_reason.empty()) << where << ": " << u.id << " infeasible without a reason";
        continue;
      }
      ++feasible_units;
      EXPECT_TRUE(std::isfinite(u.arrival) && std::isfinite(u.departure)) << where << ": " << u.id;
      double total = 0;
      for (const auto& delay : u.delays) total += delay.minutes;
      EXPECT_NEAR(total, u.arrival - u.ready, 1.0) << where << ": " << u.id << "'s delays do not add up";
      for (const auto& leg : u.legs) carried += leg.mode != "road";
    }
    const mp::UnitPlan& first = base.plan.units.front();
    const ms::Unit& first_unit = *std::find_if(s.units.begin(), s.units.end(), [&](const ms::Unit& u) { return u.id == first.id; });
    // What is guaranteed, and why. The planner is greedy: units in priority order, a unit's
    // vehicle classes in turn, each class taking the way (road, HET, rail, sea, air) whose last
    // march unit arrives first against what was booked before it. Even the first unit planned,
    // on empty ledgers, is not monotone in its waits: a convoy rests until 24 h after its day's
    // first departure once it has driven its hours, and any wait of 8 h or more is a rest, so
    // a convoy held a day longer at a border can arrive earlier than one that drove on and then
    // rested (strategic seed 1216: a lead time one day longer into LTU, arrival 6 h earlier);
    // and a shorter wait for a carrier may no longer be a rest. What does hold:
    // - the first march unit of the first unit, on the same way, not held for an earliest
    //   arrival date, times everything up to its first border alike, so it crosses into the
    //   nation whose lead time is longer no earlier than before;
    // - one more capacity never takes a way away: a feasible first unit stays feasible.
    // Beyond that the greedy order can go either way (docs/planning.md "Bottlenecks": 20 more
    // US HETs delay the Defender closure), and a closed bridge can even help: the road around it
    // may cross a border with a shorter lead time, or the way that kept the HET rule is gone and
    // the faster road that breaks it is taken. Those are counted and printed, not failed.

    // (a) One working day more to enter the nation the first unit's convoys enter first.
    if (const auto nation = first_crossed_nation(first)) {
      ms::Scenario v = s;
      lengthen_lead_time(v, *nation);
      const Outcome o = plan(w, router, v, disruptions);
      EXPECT_TRUE(o.violations.empty()) << where << " (lead time +1 into " << *nation << ")\n" << describe(o.violations);
      write_out(fmt::format("{}-{}-lead", w.name, seed), v, o);
      const mp::UnitPlan& vf = o.plan.units.front();
      ++lead_force.tried, ++lead_first.tried, ++lead_cross.tried;
      if (worse(base.plan, o.plan)) lead_force.seeds.push_back(seed);
      if (unit_better(vf, first)) lead_first.seeds.push_back(seed);
      if (first_crossing_into(vf, *nation) + 1 < first_crossing_into(first, *nation)) lead_cross.seeds.push_back(seed);
      if (!first.legs.empty() && !vf.legs.empty() && vf.legs[0].itinerary == first.legs[0].itinerary &&
          !first.march_units.empty() && !vf.march_units.empty() && !first_unit.earliest_arrival) {
        const auto crossing = [&](const mp::MarchUnit& m) {
          for (const auto& c : m.crossings)
            if (c.to == *nation) return c.time;
          return static_cast<double>(INFINITY);
        };
        EXPECT_GE(crossing(vf.march_units.front()) + 1, crossing(first.march_units.front()))
            << where << ": one working day more into " << *nation << " made " << first.march_units.front().id
            << " cross earlier";
      }
    }
    // (b) A bridge on the first unit's road closed for good.
    {
      ms::Scenario v = s;
      if (first.feasible && remove_bridge(v, w, first)) {
        const Outcome o = plan(w, router, v, disruptions);
        EXPECT_TRUE(o.violations.empty()) << where << " (bridge removed)\n" << describe(o.violations);
        write_out(fmt::format("{}-{}-bridge", w.name, seed), v, o);
        ++bridge_force.tried, ++bridge_first.tried;
        if (worse(base.plan, o.plan)) bridge_force.seeds.push_back(seed);
        if (unit_better(o.plan.units.front(), first)) bridge_first.seeds.push_back(seed);
      }
    }
    // (c) One more of a capacity.
    {
      ms::Scenario v = s;
      std::string what;
      if (add_capacity(v, d, what)) {
        const Outcome o = plan(w, router, v, disruptions);
        EXPECT_TRUE(o.violations.empty()) << where << " (" << what << " +1)\n" << describe(o.violations);
        write_out(fmt::format("{}-{}-capacity", w.name, seed), v, o);
        ++cap_force.tried, ++cap_first.tried;
        if (worse(o.plan, base.plan)) cap_force.seeds.push_back(seed);
        if (unit_worse(o.plan.units.front(), first)) cap_first.seeds.push_back(seed);
        EXPECT_FALSE(first.feasible && !o.plan.units.front().feasible)
            << where << ": one more " << what << " made " << first.id << " infeasible: " << o.plan.units.front().infeasible_reason;
      }
    }
  }
  std::cout << fmt::format("[{}] {} scenarios, {} units ({} feasible, {} carried classes)\n", w.name, seeds.size(), units,
                           feasible_units, carried);
  for (const Tally* t : {&lead_first, &lead_cross, &lead_force, &bridge_first, &bridge_force, &cap_first, &cap_force})
    t->print(w.name);
  // The scenarios must be worth testing: most units reachable.
  EXPECT_GT(feasible_units, units / 2) << w.name;
}

// The seeds planned: `count` from `first`, then those that once broke a rule (the commits that
// fixed them name them). MILMOB_PROPERTIES_SCENARIOS=N plans N scenarios instead (a longer
// soak), MILMOB_PROPERTIES_SEED=S starts from seed S (with N=1: one scenario, to reproduce a
// failure); either leaves the regression seeds out.
std::vector<std::uint64_t> seeds(std::uint64_t first, int count, const std::vector<std::uint64_t>& regressions) {
  const char* n = std::getenv("MILMOB_PROPERTIES_SCENARIOS");
  const char* s = std::getenv("MILMOB_PROPERTIES_SEED");
  const bool chosen = (n != nullptr && std::atoi(n) > 0) || (s != nullptr && *s != '\0');
  if (n != nullptr && std::atoi(n) > 0) count = std::atoi(n);
  if (s != nullptr && *s != '\0') first = std::strtoull(s, nullptr, 10);
  std::vector<std::uint64_t> out;
  for (int i = 0; i < count; ++i) out.push_back(first + static_cast<std::uint64_t>(i));
  if (!chosen) out.insert(out.end(), regressions.begin(), regressions.end());
  return out;
}

}  // namespace

TEST(PlanProperties, RandomScenariosOnTheStrategicLayer) {
  // 1820: carriage booking matched to another train; 1830, 2166: a shared sailing before the
  // joining unit's permission; 2070: a shared sailing's booking; 2229: a 2-minute window wait
  // taken for a halt.
  check_world(strategic(), seeds(1000, kStrategicScenarios, {1820, 1830, 2070, 2166, 2229}));
}

TEST(PlanProperties, RandomScenariosOnTheLiechtensteinExtract) {
  // 101346: a first drive from LIE into AUT checked against AUT's window alone.
  check_world(liechtenstein(), seeds(100000, kLiechtensteinScenarios, {101346}));
}
