#include "planning/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "planning/plan_output.h"

namespace milmob::planning {

namespace {

constexpr double kDay = 1440;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegree = 111.32;  // a degree of latitude (and of longitude at the equator)

// Up to this many march units the timeline shows every one; beyond, the first of each serial
// (a row of ~12 px each: 400 rows is already a long page).
constexpr std::size_t kTimelineMaxMarchUnits = 400;
// Map markers list this many march units in their tooltip, then "... and N more".
constexpr std::size_t kTooltipLines = 12;

// Route colours, one per unit in planning order; after the last, the colours repeat dashed.
constexpr std::array<const char*, 12> kUnitColours = {"#1f5fa8", "#e07b00", "#2a9134", "#c0392b", "#7b4fb0", "#8a5a44",
                                                      "#d1479a", "#5f6b73", "#a39b00", "#0097a7", "#3f51b5", "#6d8f00"};
constexpr std::array<const char*, 3> kDashes = {"", "7 4", "2 3"};

// Numbers in the SVG: one decimal, and never "-0.0", so the same plan gives the same bytes.
std::string num(double x) {
  std::string s = fmt::format("{:.1f}", x);
  return s == "-0.0" ? "0.0" : s;
}

std::string hours(double minutes) { return num(minutes / 60); }

std::string esc(std::string_view text) { return html_escape(text); }

// Activities as a planner reads them; the CSS class is activity_name().
const char* activity_label(Activity a) {
  switch (a) {
    case Activity::Drive: return "driving";
    case Activity::Halt: return "halt";
    case Activity::NightStop: return "night stop";
    case Activity::WindowWait: return "movement window wait";
    case Activity::PermissionWait: return "border permission wait";
    case Activity::ClosureWait: return "closure wait";
    case Activity::StartOffset: return "column length (start offset)";
    case Activity::ResourceWait: return "wait for a slot, carrier or capacity";
    case Activity::Loading: return "loading";
    case Activity::Carried: return "carried (rail, sea, HET)";
    case Activity::Unloading: return "unloading";
  }
  return "?";
}

constexpr std::array<Activity, 11> kActivities = {
    Activity::Drive,       Activity::Halt,         Activity::NightStop, Activity::WindowWait,
    Activity::PermissionWait, Activity::ClosureWait, Activity::StartOffset, Activity::ResourceWait,
    Activity::Loading,     Activity::Carried,      Activity::Unloading};

// The first delay that is not driving: what held the unit up most (delays come largest first).
const Delay* main_delay(const UnitPlan& u) {
  for (const Delay& d : u.delays)
    if (d.cause != Activity::Drive) return &d;
  return nullptr;
}

std::string swatch(const char* css_class, const std::string& label) {
  return fmt::format("<span class=\"key\"><span class=\"sw {}\"></span>{}</span>", css_class, esc(label));
}

constexpr const char* kStyle = R"(<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1d1f;margin:0 auto;max-width:1500px;padding:0 18px 40px}
h1{font-size:22px;margin:18px 0 6px}
h2{font-size:18px;margin:30px 0 8px;padding-bottom:3px;border-bottom:1px solid #ccc}
h3{font-size:15px;margin:16px 0 4px}
nav a{margin-right:14px}
.summary{display:flex;flex-wrap:wrap;gap:6px 26px;margin:8px 0}
.summary b{font-size:17px}
.muted{color:#666}
table{border-collapse:collapse;margin:6px 0}
th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
th{background:#f2f2f2;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.t{white-space:nowrap;font-variant-numeric:tabular-nums}
.late{color:#c62828;font-weight:600}
.bad{color:#c62828}
.ok{color:#2a7d2e}
.scroll{overflow-x:auto;max-width:100%}
svg text{font-size:10px;fill:#333}
svg .grid{stroke:#ddd;stroke-width:1}
svg .route{fill:none;stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round;opacity:.85}
svg .due{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 2}
svg .unit-row{fill:#f4f4f4}
.legend{margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 0}
.key{display:inline-flex;align-items:center;margin-right:16px;white-space:nowrap}
.sw{display:inline-block;width:16px;height:10px;margin-right:5px;border:1px solid rgba(0,0,0,.2)}
.drive{fill:#6a9fd4;background:#6a9fd4}
.halt{fill:#f2c14e;background:#f2c14e}
.night_stop{fill:#2f3c7e;background:#2f3c7e}
.window_wait{fill:#e8684a;background:#e8684a}
.permission_wait{fill:#9c27b0;background:#9c27b0}
.closure_wait{fill:#7a4419;background:#7a4419}
.start_offset{fill:#b8b8b8;background:#b8b8b8}
.resource_wait{fill:#d81b60;background:#d81b60}
.loading{fill:#8bc34a;background:#8bc34a}
.carried{fill:#2e7d32;background:#2e7d32}
.unloading{fill:#cddc39;background:#cddc39}
.border{fill:#222;background:#222}
.stack{display:flex;height:12px;width:100%;max-width:700px;border:1px solid #ccc;margin:4px 0}
.stack span{display:block;height:100%}
ul.delays{margin:2px 0 10px;padding-left:20px}
td.cell{text-align:center;min-width:34px;font-variant-numeric:tabular-nums}
</style>
)";

// ---- header and closure table -------------------------------------------------------------

std::string header_section(const Plan& plan) {
  std::size_t feasible = 0, late = 0, march_units = 0;
  for (const UnitPlan& u : plan.units) {
    if (u.feasible) ++feasible;
    if (u.feasible && u.lateness() > 0) ++late;
    march_units += u.march_units.size();
  }
  const std::size_t infeasible = plan.units.size() - feasible;
  const std::string closure = feasible == 0 ? std::string("none (no unit can be planned)")
                                            : when(plan.closure) + (infeasible == 0 ? "" : " (feasible units only)");
  std::string out = fmt::format("<header>\n<h1>Movement plan: {}</h1>\n<div class=\"summary\">\n", esc(plan.scenario));
  out += fmt::format("<span>Force closure <b>{}</b></span>\n", esc(closure));
  out += fmt::format("<span>Units <b>{}</b></span>\n", plan.units.size());
  out += fmt::format("<span>Feasible <b class=\"ok\">{}</b></span>\n", feasible);
  out += fmt::format("<span>Infeasible <b{}>{}</b></span>\n", infeasible > 0 ? " class=\"bad\"" : "", infeasible);
  out += fmt::format("<span>Late <b{}>{}</b></span>\n", late > 0 ? " class=\"bad\"" : "", late);
  out += fmt::format("<span>March units <b>{}</b></span>\n", march_units);
  out += "</div>\n";
  for (const std::string& d : plan.disruptions)
    out += "<p class=\"bad\">What-if: with the disruption &quot;" + esc(d) + "&quot;.</p>\n";
  if (!plan.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const std::string& note : plan.notes) out += "<li>Note: " + esc(note) + "</li>\n";
    out += "</ul>\n";
  }
  out +=
      "<p class=\"muted\">Generated by milmob plan. Times are days and hours after C-day 00:00 UTC "
      "(C+3 06:15), rounded up to the minute. Hover over a marker or bar for its details.</p>\n";
  out +=
      "<nav><a href=\"#closure\">Closure</a><a href=\"#map\">Map</a><a href=\"#timeline\">Timeline</a>"
      "<a href=\"#bookings\">Convoy support centres</a><a href=\"#resources\">Carriers</a><a href=\"#delays\">Causes of delay</a></nav>\n</header>\n";
  return out;
}

std::string closure_section(const Plan& plan) {
  std::string out =
      "<section id=\"closure\">\n<h2>Closure</h2>\n<div class=\"scroll\"><table>\n<tr><th>unit</th><th>name</th>"
      "<th>nation</th><th>ready</th><th>departure</th><th>arrival</th><th>required delivery</th>"
      "<th class=\"n\">late h</th><th>main cause of delay</th><th>personnel</th></tr>\n";
  // How the personnel move, in a few words: seated, flown (sorties, last arrival) or riding.
  const auto personnel = [](const PersonnelMove& p) -> std::string {
    if (p.count == 0) return "";
    if (p.mode == "air")
      return fmt::format("{}: {} in the vehicles, {} flown in {} sortie{} {} &gt; {}, last at {}", p.count, p.seated,
                         p.flown, p.sorties.size(), p.sorties.size() == 1 ? "" : "s", esc(p.from), esc(p.to),
                         when(p.arrive));
    if (p.riding > p.seated)
      return fmt::format("{}: {} in the vehicles, {} more with the convoys", p.count, p.seated, p.riding - p.seated);
    return fmt::format("{}: in the vehicles", p.count);
  };
  for (const UnitPlan& u : plan.units) {
    out += fmt::format(
        "<tr><td class=\"t\">{}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td>"
        "<td class=\"t\">{}</td><td class=\"t\">{}</td>",
        esc(u.id), esc(u.name), esc(u.nation), when(u.ready), u.feasible ? when(u.departure) : "",
        u.feasible ? when(u.arrival) : "", when(u.required_delivery));
    if (!u.feasible) {
      out += fmt::format("<td class=\"n\"></td><td class=\"bad\">infeasible: {}</td><td>{}</td></tr>\n",
                         esc(u.infeasible_reason), personnel(u.personnel));
      continue;
    }
    const bool is_late = u.lateness() > 0;
    const Delay* cause = main_delay(u);
    out += fmt::format("<td class=\"n{}\">{}</td><td>{}</td><td>{}</td></tr>\n", is_late ? " late" : "",
                       hours(u.lateness()), cause ? esc(cause->text) : "", personnel(u.personnel));
  }
  return out + "</table></div>\n</section>\n";
}

// ---- map ------------------------------------------------------------------------------------

struct Px {
  double x = 0, y = 0;
};

struct Bounds {
  double lon_min = kInf, lon_max = -kInf, lat_min = kInf, lat_max = -kInf;
  void add(const geo::LonLat& p) {
    if (!geo::is_valid(p)) return;
    lon_min = std::min(lon_min, p.lon);
    lon_max = std::max(lon_max, p.lon);
    lat_min = std::min(lat_min, p.lat);
    lat_max = std::max(lat_max, p.lat);
  }
  bool empty() const { return lon_min > lon_max; }
};

// Equirectangular, longitudes shrunk by the cosine of the mean latitude so that a kilometre is
// about as long east-west as north-south; fitted into at most kMaxW x kMaxH pixels.
class MapFrame {
 public:
  static constexpr double kMaxW = 980, kMaxH = 700;
  static constexpr double kLeft = 52, kTop = 12, kRight = 14, kBottom = 24;

  explicit MapFrame(Bounds b) {
    const double margin = std::max(0.01, 0.06 * std::max(b.lon_max - b.lon_min, b.lat_max - b.lat_min));
    lon_min_ = b.lon_min - margin;
    lon_max_ = b.lon_max + margin;
    lat_min_ = std::max(-89.0, b.lat_min - margin);
    lat_max_ = std::min(89.0, b.lat_max + margin);
    cos_lat_ = std::cos((lat_min_ + lat_max_) / 2 * kPi / 180);
    scale_ = std::min(kMaxW / ((lon_max_ - lon_min_) * cos_lat_), kMaxH / (lat_max_ - lat_min_));
  }
  Px operator()(const geo::LonLat& p) const {
    return {kLeft + (p.lon - lon_min_) * cos_lat_ * scale_, kTop + (lat_max_ - p.lat) * scale_};
  }
  double plot_w() const { return (lon_max_ - lon_min_) * cos_lat_ * scale_; }
  double plot_h() const { return (lat_max_ - lat_min_) * scale_; }
  double width() const { return kLeft + plot_w() + kRight; }
  double height() const { return kTop + plot_h() + kBottom; }
  double px_per_km() const { return scale_ / kKmPerDegree; }
  double lon_min() const { return lon_min_; }
  double lon_max() const { return lon_max_; }
  double lat_min() const { return lat_min_; }
  double lat_max() const { return lat_max_; }

 private:
  double lon_min_, lon_max_, lat_min_, lat_max_, cos_lat_, scale_;
};

std::string degrees(double value, int decimals, char positive, char negative) {
  const double rounded = std::abs(value) < 1e-9 ? 0 : value;
  return fmt::format("{:.{}f}°{}", std::abs(rounded), decimals, rounded < 0 ? negative : positive);
}

// Lines every 1 or 2 degrees on a country-sized map; finer for a small exercise area, coarser
// for a continent, so there are a few lines and no more than about a dozen.
std::string graticule(const MapFrame& f) {
  const double span = std::max(f.lon_max() - f.lon_min(), f.lat_max() - f.lat_min());
  double step = 10;
  for (const double s : {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0})
    if (span / s <= 12) {
      step = s;
      break;
    }
  const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  const double x0 = MapFrame::kLeft, x1 = MapFrame::kLeft + f.plot_w();
  const double y0 = MapFrame::kTop, y1 = MapFrame::kTop + f.plot_h();
  std::string out = "<g class=\"graticule\">\n";
  for (auto k = static_cast<long>(std::ceil(f.lon_min() / step)); static_cast<double>(k) * step <= f.lon_max(); ++k) {
    const double lon = static_cast<double>(k) * step;
    const double x = f({lon, f.lat_max()}).x;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text x=\"{0}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        num(x), num(y0), num(y1), num(y1 + 14), degrees(lon, decimals, 'E', 'W'));
  }
  for (auto k = static_cast<long>(std::ceil(f.lat_min() / step)); static_cast<double>(k) * step <= f.lat_max(); ++k) {
    const double lat = static_cast<double>(k) * step;
    const double y = f({f.lon_min(), lat}).y;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/><text x=\"{3}\" y=\"{4}\" "
        "text-anchor=\"end\">{5}</text>\n",
        num(x0), num(y), num(x1), num(x0 - 4), num(y + 3), degrees(lat, decimals, 'N', 'S'));
  }
  return out + "</g>\n";
}

std::string scale_bar(const MapFrame& f) {
  double km = 0.1;
  for (const double s : {0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0})
    if (s * f.px_per_km() <= 140) km = s;
  const double len = km * f.px_per_km();
  const double x1 = MapFrame::kLeft + f.plot_w() - 10, x0 = x1 - len, y = MapFrame::kTop + f.plot_h() - 10;
  return fmt::format(
      "<g class=\"scale\"><rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"4\" fill=\"#333\"/>"
      "<text x=\"{3}\" y=\"{4}\" text-anchor=\"middle\">{5} km</text></g>\n",
      num(x0), num(y), num(len), num(x0 + len / 2), num(y - 3),
      km < 1 ? fmt::format("{:.1f}", km) : fmt::format("{:.0f}", km));
}

// A route drawn to the nearest pixel: points closer than a pixel to the last one kept add
// nothing on screen but bytes.
std::string polyline_points(const MapFrame& f, const std::vector<geo::LonLat>& geometry) {
  std::string out;
  Px last{-1e9, -1e9};
  for (std::size_t i = 0; i < geometry.size(); ++i) {
    if (!geo::is_valid(geometry[i])) continue;
    const Px p = f(geometry[i]);
    if (i + 1 != geometry.size() && std::hypot(p.x - last.x, p.y - last.y) < 0.8) continue;
    if (!out.empty()) out += ' ';
    out += num(p.x) + ',' + num(p.y);
    last = p;
  }
  return out;
}

// Map markers at one place (to half a pixel) of one kind, with the march units they concern.
enum class MarkerKind { Border, WindowWait, PermissionWait, ClosureWait, NightStop, Start, End };

struct Marker {
  Px at;
  std::string heading;
  std::vector<std::string> lines;
  const char* colour = "";
};

using MarkerKey = std::tuple<int, long, long>;

void add_marker(std::map<MarkerKey, Marker>& markers, MarkerKind kind, Px at, const std::string& heading,
                std::string line, const char* colour = "") {
  const MarkerKey key{static_cast<int>(kind), std::lround(at.x * 2), std::lround(at.y * 2)};
  Marker& m = markers[key];
  if (m.heading.empty()) {
    m.at = at;
    m.heading = heading;
    m.colour = colour;
  }
  if (m.lines.empty() || m.lines.back() != line) m.lines.push_back(std::move(line));
}

std::string marker_title(const Marker& m) {
  std::string text = m.heading;
  for (std::size_t i = 0; i < m.lines.size() && i < kTooltipLines; ++i) text += "\n" + m.lines[i];
  if (m.lines.size() > kTooltipLines) text += fmt::format("\n... and {} more", m.lines.size() - kTooltipLines);
  return "<title>" + esc(text) + "</title>";
}

std::string marker_svg(MarkerKind kind, const Marker& m) {
  const std::string x = num(m.at.x), y = num(m.at.y), title = marker_title(m);
  const double cx = m.at.x, cy = m.at.y;
  switch (kind) {
    case MarkerKind::Border:
      return fmt::format(
          "<circle class=\"border\" cx=\"{}\" cy=\"{}\" r=\"2.5\" stroke=\"#fff\" stroke-width=\"0.8\">{}"
          "</circle>\n",
          x, y, title);
    case MarkerKind::WindowWait:
      return fmt::format(
          "<polygon class=\"window_wait\" points=\"{},{} {},{} {},{} {},{}\" stroke=\"#fff\">{}</polygon>\n", num(cx),
          num(cy - 6), num(cx + 6), num(cy), num(cx), num(cy + 6), num(cx - 6), num(cy), title);
    case MarkerKind::PermissionWait:
      return fmt::format(
          "<polygon class=\"permission_wait\" points=\"{},{} {},{} {},{}\" stroke=\"#fff\">{}</polygon>\n", num(cx),
          num(cy - 7), num(cx + 6), num(cy + 4), num(cx - 6), num(cy + 4), title);
    case MarkerKind::ClosureWait:
      return fmt::format(
          "<rect class=\"closure_wait\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" stroke=\"#fff\">{}</rect>\n",
          num(cx - 5), num(cy - 5), title);
    case MarkerKind::NightStop:
      return fmt::format(
          "<circle class=\"night_stop\" cx=\"{}\" cy=\"{}\" r=\"5.5\" stroke=\"#fff\" stroke-width=\"1.2\">{}"
          "</circle>\n",
          x, y, title);
    case MarkerKind::Start:
      return fmt::format(
          "<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"#fff\" stroke=\"{}\" stroke-width=\"2.5\">{}</circle>\n", x, y,
          m.colour, title);
    case MarkerKind::End:
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"{}\" stroke=\"#fff\">{}</rect>\n",
                         num(cx - 4.5), num(cy - 4.5), m.colour, title);
  }
  return "";
}

std::string point_text(const geo::LonLat& p) { return fmt::format("{:.4f} N {:.4f} E", p.lat, p.lon); }

std::map<MarkerKey, Marker> map_markers(const Plan& plan, const MapFrame& f) {
  std::map<MarkerKey, Marker> markers;
  for (std::size_t i = 0; i < plan.units.size(); ++i) {
    const UnitPlan& u = plan.units[i];
    const char* colour = kUnitColours[i % kUnitColours.size()];
    for (const ClassLeg& leg : u.legs) {
      if (leg.geometry.empty()) continue;
      const geo::LonLat& a = leg.geometry.front();
      const geo::LonLat& b = leg.geometry.back();
      if (geo::is_valid(a))
        add_marker(markers, MarkerKind::Start, f(a), "start point (" + point_text(a) + ")", u.id + " " + u.name,
                   colour);
      if (geo::is_valid(b))
        add_marker(markers, MarkerKind::End, f(b), "destination (" + point_text(b) + ")", u.id + " " + u.name, colour);
    }
    for (const MarchUnit& mu : u.march_units) {
      for (const BorderCrossing& c : mu.crossings)
        if (geo::is_valid(c.where))
          add_marker(markers, MarkerKind::Border, f(c.where), "border " + c.from + " > " + c.to,
                     mu.id + ": " + when(c.time));
      for (const Step& s : mu.steps) {
        if (!geo::is_valid(s.where)) continue;
        MarkerKind kind = MarkerKind::NightStop;
        if (s.activity == Activity::NightStop)
          kind = MarkerKind::NightStop;
        else if (s.activity == Activity::WindowWait)
          kind = MarkerKind::WindowWait;
        else if (s.activity == Activity::PermissionWait)
          kind = MarkerKind::PermissionWait;
        else if (s.activity == Activity::ClosureWait)
          kind = MarkerKind::ClosureWait;
        else
          continue;
        const std::string heading = fmt::format("{}: {}{}", activity_label(s.activity), s.detail,
                                                s.country.empty() ? "" : " (" + s.country + ")");
        add_marker(markers, kind, f(s.where), heading,
                   fmt::format("{}: {} - {} ({} vehicles)", mu.id, when(s.from), when(s.until), mu.vehicles));
      }
    }
  }
  return markers;
}

// Carried parts of an itinerary are dashed by mode; road parts keep their unit's pattern.
constexpr std::array<std::pair<const char*, const char*>, 4> kModePatterns = {
    {{"rail", "9 3 2 3"}, {"sea", "2 4"}, {"air", "1 6"}, {"het", "12 4"}}};

std::string unit_legend(const Plan& plan) {
  std::string out = "<div class=\"legend\">";
  for (std::size_t i = 0; i < plan.units.size(); ++i) {
    const UnitPlan& u = plan.units[i];
    if (u.legs.empty()) continue;
    out += fmt::format(
        "<span class=\"key\"><svg width=\"26\" height=\"10\"><line x1=\"1\" y1=\"5\" x2=\"25\" y2=\"5\" "
        "stroke=\"{}\" stroke-width=\"3\" stroke-dasharray=\"{}\"/></svg>&nbsp;{}</span>",
        kUnitColours[i % kUnitColours.size()], kDashes[(i / kUnitColours.size()) % kDashes.size()], esc(u.id));
  }
  out +=
      "</div>\n<div class=\"legend\">"
      "<span class=\"key\"><svg width=\"12\" height=\"12\"><circle cx=\"6\" cy=\"6\" r=\"4\" fill=\"#fff\" "
      "stroke=\"#333\" "
      "stroke-width=\"2\"/></svg>&nbsp;start point</span>"
      "<span class=\"key\"><svg width=\"12\" height=\"12\"><rect x=\"2\" y=\"2\" width=\"8\" height=\"8\" "
      "fill=\"#333\"/>"
      "</svg>&nbsp;destination</span>";
  out += swatch("night_stop", "night stop") + swatch("window_wait", "movement window wait (diamond)") +
         swatch("permission_wait", "border permission wait (triangle)") +
         swatch("closure_wait", "closure wait (square)") + swatch("border", "border crossing (dot)");
  out += "</div>\n<div class=\"legend\">";
  for (const auto& [mode, pattern] : kModePatterns)
    out += fmt::format(
        "<span class=\"key\"><svg width=\"34\" height=\"10\"><line x1=\"1\" y1=\"5\" x2=\"33\" y2=\"5\" "
        "stroke=\"#555\" stroke-width=\"3\" stroke-dasharray=\"{}\"/></svg>&nbsp;{}</span>",
        pattern, mode);
  return out + "</div>\n";
}

std::string map_section(const Plan& plan) {
  std::string out = "<section id=\"map\">\n<h2>Map</h2>\n";
  Bounds bounds;
  for (const UnitPlan& u : plan.units)
    for (const ClassLeg& leg : u.legs)
      for (const auto& p : leg.geometry) bounds.add(p);
  if (bounds.empty()) return out + "<p>No routes to show.</p>\n</section>\n";
  // Night stops at a convoy support centre may lie off the route: keep them on the map.
  for (const UnitPlan& u : plan.units)
    for (const MarchUnit& mu : u.march_units)
      for (const Step& s : mu.steps)
        if (s.activity == Activity::NightStop) bounds.add(s.where);
  const MapFrame f(bounds);
  out += unit_legend(plan);
  out += fmt::format(
      "<div class=\"scroll\"><svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
      "aria-label=\"Map of the routes\" style=\"max-width:100%;height:auto\">\n",
      num(f.width()), num(f.height()));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fbfbf8\" stroke=\"#bbb\"/>\n",
                     num(MapFrame::kLeft), num(MapFrame::kTop), num(f.plot_w()), num(f.plot_h()));
  out += graticule(f);
  for (std::size_t i = 0; i < plan.units.size(); ++i) {
    const UnitPlan& u = plan.units[i];
    const char* dash = kDashes[(i / kUnitColours.size()) % kDashes.size()];
    for (const ClassLeg& leg : u.legs)
      for (const LegPart& part :
           leg.parts.empty() ? std::vector<LegPart>{{"road", "home", "destination", leg.distance_km, leg.geometry, {}, {}}}
                             : leg.parts) {
        const std::string points = polyline_points(f, part.geometry);
        if (points.empty()) continue;
        // Road lines in the unit's pattern; carried parts in the pattern of their mode.
        const char* pattern = dash;
        for (const auto& [mode, p] : kModePatterns)
          if (part.mode == mode) pattern = p;
        out += fmt::format(
            "<polyline class=\"route {}\" stroke=\"{}\"{} points=\"{}\"><title>{}</title></polyline>\n", part.mode,
            kUnitColours[i % kUnitColours.size()],
            *pattern ? fmt::format(" stroke-dasharray=\"{}\"", pattern) : std::string(), points,
            esc(fmt::format("{} {}: {} ({} vehicles), {} {:.1f} km {} > {}", u.id, u.name, leg.label, leg.vehicles,
                            part.mode, part.km, part.from, part.to)));
      }
  }
  const auto markers = map_markers(plan, f);
  for (const auto& [key, m] : markers) out += marker_svg(static_cast<MarkerKind>(std::get<0>(key)), m);
  out += scale_bar(f);
  return out + "</svg></div>\n</section>\n";
}

// ---- timeline -------------------------------------------------------------------------------

struct TimelineRow {
  const UnitPlan* unit = nullptr;
  const MarchUnit* march_unit = nullptr;  // none: the unit's heading row
};

std::vector<TimelineRow> timeline_rows(const Plan& plan, bool first_of_serial_only) {
  std::vector<TimelineRow> rows;
  for (const UnitPlan& u : plan.units) {
    rows.push_back({&u, nullptr});
    std::set<std::string> serials;
    for (const MarchUnit& mu : u.march_units)
      if (!first_of_serial_only || serials.insert(mu.serial).second) rows.push_back({&u, &mu});
  }
  return rows;
}

// Whole C-days from before the first ready time to after the last arrival or due date.
std::pair<long, long> timeline_days(const Plan& plan) {
  double lo = kInf, hi = -kInf;
  const auto add = [&](double t) {
    if (!std::isfinite(t)) return;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  };
  for (const UnitPlan& u : plan.units) {
    add(u.ready);
    add(u.required_delivery);
    for (const MarchUnit& mu : u.march_units) {
      add(mu.depart);
      add(mu.arrive);
      for (const Step& s : mu.steps) {
        add(s.from);
        add(s.until);
      }
    }
  }
  if (lo > hi) return {0, 1};
  const auto first = static_cast<long>(std::floor(lo / kDay));
  return {first, std::max(first + 1, static_cast<long>(std::ceil(hi / kDay)))};
}

// Consecutive steps of the same activity and detail drawn as one bar.
std::vector<Step> merged_steps(const std::vector<Step>& steps) {
  std::vector<Step> out;
  for (const Step& s : steps) {
    if (!out.empty() && out.back().activity == s.activity && out.back().detail == s.detail &&
        std::abs(out.back().until - s.from) < 1e-6) {
      out.back().until = s.until;
      out.back().km_to = s.km_to;
      continue;
    }
    out.push_back(s);
  }
  return out;
}

class TimeAxis {
 public:
  static constexpr double kLabelW = 210, kAxisH = 22, kRowH = 12, kRight = 16;

  TimeAxis(long first_day, long last_day)
      : first_day_(first_day),
        days_(last_day - first_day),
        px_per_day_(std::max(1000.0 / static_cast<double>(days_), 30.0)) {}
  double x(double minutes) const {
    const double t =
        std::clamp(minutes, static_cast<double>(first_day_) * kDay, static_cast<double>(first_day_ + days_) * kDay);
    return kLabelW + (t / kDay - static_cast<double>(first_day_)) * px_per_day_;
  }
  double plot_w() const { return static_cast<double>(days_) * px_per_day_; }
  double width() const { return kLabelW + plot_w() + kRight; }
  long first_day() const { return first_day_; }
  long days() const { return days_; }
  double px_per_day() const { return px_per_day_; }

 private:
  long first_day_, days_;
  double px_per_day_;
};

std::string time_grid(const TimeAxis& axis, double y_end, bool labels_below) {
  std::string out = "<g class=\"axis\">\n";
  // Hours between the days when there is room for them.
  const int hour_step = axis.px_per_day() >= 480 ? 3 : axis.px_per_day() >= 200 ? 6 : axis.px_per_day() >= 90 ? 12 : 24;
  for (long d = 0; d < axis.days(); ++d)
    for (int h = hour_step; h < 24; h += hour_step) {
      const double x = axis.x((static_cast<double>(axis.first_day() + d) * 24 + h) * 60);
      out += fmt::format(
          "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#eee\"/>"
          "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#888\">{4:02}</text>\n",
          num(x), num(TimeAxis::kAxisH - 4), num(y_end), num(TimeAxis::kAxisH - 7), h);
    }
  for (long d = 0; d <= axis.days(); ++d) {
    const double t = static_cast<double>(axis.first_day() + d) * kDay;
    const double x = axis.x(t);
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#bbb\"/>", num(x),
                       num(TimeAxis::kAxisH - 6), num(y_end));
    // Each day's label right of its line; the last one, ending the axis, left of it.
    const bool last = d == axis.days();
    if (last && axis.px_per_day() < 60) break;  // no room beside the previous day's label
    const std::string label = fmt::format("x=\"{}\"{}", num(last ? x - 2 : x + 2), last ? " text-anchor=\"end\"" : "");
    out += fmt::format("<text {} y=\"{}\">{}</text>", label, num(TimeAxis::kAxisH - 9), when(t));
    if (labels_below) out += fmt::format("<text {} y=\"{}\">{}</text>", label, num(y_end + 11), when(t));
    out += "\n";
  }
  return out + "</g>\n";
}

std::string step_bar(const TimeAxis& axis, const MarchUnit& mu, const Step& s, double y) {
  const double x0 = axis.x(s.from), x1 = axis.x(s.until);
  std::string text = fmt::format("{}: {} {} - {}, km {:.1f}-{:.1f}", mu.id, activity_label(s.activity), when(s.from),
                                 when(s.until), s.km_from, s.km_to);
  if (!s.detail.empty()) text += "; " + s.detail;
  if (!s.country.empty()) text += " (" + s.country + ")";
  return fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>\n",
                     activity_name(s.activity), num(x0), num(y + 1.5), num(std::max(0.6, x1 - x0)),
                     num(TimeAxis::kRowH - 3), esc(text));
}

std::string timeline_section(const Plan& plan) {
  std::size_t march_units = 0;
  for (const UnitPlan& u : plan.units) march_units += u.march_units.size();
  std::string out = "<section id=\"timeline\">\n<h2>Timeline</h2>\n";
  if (plan.units.empty()) return out + "<p>No units.</p>\n</section>\n";
  const bool thinned = march_units > kTimelineMaxMarchUnits;
  if (thinned)
    out += fmt::format(
        "<p>{} march units: only the first march unit of each serial is shown (the others follow it at "
        "the gaps in march_tables.csv).</p>\n",
        march_units);
  std::string legend = "<div class=\"legend\">";
  for (const Activity a : kActivities) {
    if (a == Activity::StartOffset) continue;
    legend += swatch(activity_name(a), activity_label(a));
  }
  out += legend +
         "<span class=\"key\"><svg width=\"18\" height=\"10\"><line class=\"due\" x1=\"9\" y1=\"0\" x2=\"9\" "
         "y2=\"10\"/></svg>&nbsp;required delivery</span></div>\n";

  const std::vector<TimelineRow> rows = timeline_rows(plan, thinned);
  const auto [first_day, last_day] = timeline_days(plan);
  const TimeAxis axis(first_day, last_day);
  const double rows_h = static_cast<double>(rows.size()) * TimeAxis::kRowH;
  const bool labels_below = rows.size() > 40;
  const double height = TimeAxis::kAxisH + rows_h + (labels_below ? 16 : 4);
  out += fmt::format(
      "<div class=\"scroll\"><svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"Timeline of the march units\">\n",
      num(axis.width()), num(height));
  out += fmt::format("<clipPath id=\"tl-labels\"><rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/></clipPath>\n",
                     num(TimeAxis::kLabelW - 4), num(height));
  std::string labels, bars, due;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const TimelineRow& row = rows[r];
    const double y = TimeAxis::kAxisH + static_cast<double>(r) * TimeAxis::kRowH;
    if (!row.march_unit) {
      const UnitPlan& u = *row.unit;
      bars += fmt::format("<rect class=\"unit-row\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", num(y),
                          num(axis.width()), num(TimeAxis::kRowH));
      labels +=
          fmt::format("<text x=\"3\" y=\"{}\" font-weight=\"600\"{}>{} {}{}</text>\n", num(y + 9.5),
                      u.feasible ? "" : " fill=\"#c62828\"", esc(u.id), esc(u.name), u.feasible ? "" : " (infeasible)");
      std::size_t n = 1;
      while (r + n < rows.size() && rows[r + n].march_unit) ++n;
      if (std::isfinite(u.required_delivery))
        due +=
            fmt::format("<line class=\"due\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"><title>{3}</title></line>\n",
                        num(axis.x(u.required_delivery)), num(y), num(y + static_cast<double>(n) * TimeAxis::kRowH),
                        esc(fmt::format("{}: required delivery {}", u.id, when(u.required_delivery))));
      continue;
    }
    const MarchUnit& mu = *row.march_unit;
    labels += fmt::format("<text x=\"12\" y=\"{}\">{}<title>{}</title></text>\n", num(y + 9.5), esc(mu.id),
                          esc(fmt::format("{}: {} vehicles ({}), departs {}, arrives {}", mu.id, mu.vehicles,
                                          mu.vehicle_class, when(mu.depart), when(mu.arrive))));
    for (const Step& s : merged_steps(mu.steps)) bars += step_bar(axis, mu, s, y);
  }
  out += bars + time_grid(axis, TimeAxis::kAxisH + rows_h, labels_below) + due;
  out += "<g clip-path=\"url(#tl-labels)\">\n" + labels + "</g>\n";
  return out + "</svg></div>\n</section>\n";
}

// ---- convoy support centres -----------------------------------------------------------------

struct NightUse {
  int vehicles = 0;
  std::vector<std::string> lines;
};

std::string bookings_section(const Plan& plan) {
  std::string out = "<section id=\"bookings\">\n<h2>Convoy support centres</h2>\n";
  std::vector<Booking> bookings;
  std::copy_if(plan.bookings.begin(), plan.bookings.end(), std::back_inserter(bookings),
               [](const Booking& b) { return b.kind == "csc"; });
  if (bookings.empty()) return out + "<p>No convoy support centre places were booked.</p>\n</section>\n";
  // Places per centre and night (the night a stop starts in, as the planner counts them).
  std::map<std::string, std::map<long, NightUse>> use;
  long first = std::numeric_limits<long>::max(), last = std::numeric_limits<long>::min();
  int most = 1;
  for (const Booking& b : bookings) {
    const auto night = static_cast<long>(std::floor(b.from / kDay));
    first = std::min(first, night);
    last = std::max(last, night);
    NightUse& n = use[b.resource][night];
    n.vehicles += b.vehicles;
    n.lines.push_back(
        fmt::format("{} {}: {} vehicles, {} - {}", b.unit, b.march_unit, b.vehicles, when(b.from), when(b.until)));
    most = std::max(most, n.vehicles);
  }
  out +=
      "<p>Places (vehicles) booked per night; a night is counted from the day the stop begins. Hover over a number "
      "for the march units.</p>\n<div class=\"scroll\"><table>\n<tr><th>centre</th>";
  for (long n = first; n <= last; ++n)
    out += fmt::format("<th class=\"n\">{}</th>", when(static_cast<double>(n) * kDay));
  out += "<th class=\"n\">total</th></tr>\n";
  for (const auto& [centre, nights] : use) {
    out += "<tr><td>" + esc(centre) + "</td>";
    int total = 0;
    for (long n = first; n <= last; ++n) {
      const auto it = nights.find(n);
      if (it == nights.end()) {
        out += "<td class=\"cell\"></td>";
        continue;
      }
      total += it->second.vehicles;
      const double share = static_cast<double>(it->second.vehicles) / most;
      std::string title;
      for (const std::string& line : it->second.lines) title += (title.empty() ? "" : "\n") + line;
      out += fmt::format("<td class=\"cell\" style=\"background:rgba(47,60,126,{:.2f});color:{}\" title=\"{}\">{}</td>",
                         0.12 + 0.75 * share, share > 0.5 ? "#fff" : "#111", esc(title), it->second.vehicles);
    }
    out += fmt::format("<td class=\"n\">{}</td></tr>\n", total);
  }
  out +=
      "</table></div>\n<details><summary>Every booking</summary>\n<table>\n<tr><th>centre</th><th>unit</th>"
      "<th>march unit</th><th class=\"n\">vehicles</th><th>from</th><th>until</th></tr>\n";
  for (const Booking& b : bookings)
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"t\">{}</td>"
        "<td class=\"t\">{}</td></tr>\n",
        esc(b.resource), esc(b.unit), esc(b.march_unit), b.vehicles, when(b.from), when(b.until));
  return out + "</table>\n</details>\n</section>\n";
}

// ---- carried movement's resources -------------------------------------------------------------

// Railheads, ports, transshipment points, airfields, trains, ships, HETs and aircraft: a row per
// resource, a bar per booking (a loading slot, a day's handling, a carrier's trip and return).
std::string resources_section(const Plan& plan) {
  std::map<std::string, std::vector<const Booking*>> rows;
  double lo = kInf, hi = -kInf;
  for (const Booking& b : plan.bookings) {
    if (b.kind == "csc" || !std::isfinite(b.from) || !std::isfinite(b.until)) continue;
    rows[b.kind + "|" + b.resource].push_back(&b);
    lo = std::min(lo, b.from);
    hi = std::max(hi, b.until);
  }
  std::string out = "<section id=\"resources\">\n<h2>Railheads, ports, airfields and carriers</h2>\n";
  if (rows.empty()) return out + "<p>No carried movement: every unit goes by road.</p>\n</section>\n";
  out +=
      "<p>Each booking as a bar: a loading or unloading slot, the vehicles handled in a day, a berth or a place on the "
      "ground, a carrier from loading until it is back. Hover for the unit and the load.</p>\n";
  const auto first = static_cast<long>(std::floor(lo / kDay));
  const TimeAxis axis(first, std::max(first + 1, static_cast<long>(std::ceil(hi / kDay))));
  const double rows_h = static_cast<double>(rows.size()) * TimeAxis::kRowH;
  const double height = TimeAxis::kAxisH + rows_h + 4;
  out += fmt::format(
      "<div class=\"scroll\"><svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"Timeline of the resources\">\n",
      num(axis.width()), num(height));
  std::string labels, bars;
  std::size_t r = 0;
  for (const auto& [key, bookings] : rows) {
    const double y = TimeAxis::kAxisH + static_cast<double>(r++) * TimeAxis::kRowH;
    const std::string kind = key.substr(0, key.find('|')), resource = key.substr(key.find('|') + 1);
    labels += fmt::format("<text x=\"3\" y=\"{}\">{}</text>\n", num(y + 9.5), esc(resource));
    for (const Booking* b : bookings) {
      const double x0 = axis.x(b->from), x1 = axis.x(b->until);
      const bool carrier = kind == "train" || kind == "ship" || kind == "het" || kind == "aircraft";
      bars += fmt::format(
          "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill-opacity=\"0.75\"><title>{}</title></rect>\n",
          carrier ? "carried" : "loading", num(x0), num(y + 1.5), num(std::max(0.6, x1 - x0)), num(TimeAxis::kRowH - 3),
          esc(fmt::format("{}: {} {}, {} vehicles, {} - {}", resource, b->unit, b->march_unit, b->vehicles,
                          when(b->from), when(b->until))));
    }
  }
  out += bars + time_grid(axis, TimeAxis::kAxisH + rows_h, false);
  out += "<g>\n" + labels + "</g>\n";
  return out + "</svg></div>\n</section>\n";
}

// ---- causes of delay ------------------------------------------------------------------------

std::string delays_section(const Plan& plan) {
  std::string out =
      "<section id=\"delays\">\n<h2>Causes of delay</h2>\n<p>Every minute from a unit's ready time to the "
      "arrival of its last march unit, by cause.</p>\n<div class=\"legend\">";
  for (const Activity a : kActivities) out += swatch(activity_name(a), activity_label(a));
  out += "</div>\n";
  for (const UnitPlan& u : plan.units) {
    out += fmt::format("<h3>{} {}</h3>\n", esc(u.id), esc(u.name));
    if (!u.feasible) out += "<p class=\"bad\">infeasible: " + esc(u.infeasible_reason) + "</p>\n";
    if (u.delays.empty()) continue;
    double total = 0;
    for (const Delay& d : u.delays) total += std::max(0.0, d.minutes);
    if (total > 0) {
      out += "<div class=\"stack\">";
      for (const Delay& d : u.delays)
        if (d.minutes > 0)
          out += fmt::format("<span class=\"{}\" style=\"width:{:.2f}%\" title=\"{}\"></span>", activity_name(d.cause),
                             100 * d.minutes / total,
                             esc(fmt::format("{}: {} h", activity_label(d.cause), hours(d.minutes))));
      out += "</div>\n";
    }
    out += "<ul class=\"delays\">\n";
    for (const Delay& d : u.delays)
      out += fmt::format("<li><span class=\"sw {}\"></span>{} h: {}</li>\n", activity_name(d.cause), hours(d.minutes),
                         esc(d.text));
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters are not allowed in HTML text; tabs and line breaks are.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string report_html(const Plan& plan, const std::string& extra_sections) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>Movement plan: " + esc(plan.scenario) + "</title>\n";
  out += kStyle;
  out += "</head>\n<body>\n";
  out += header_section(plan);
  out += closure_section(plan);
  out += map_section(plan);
  out += timeline_section(plan);
  out += bookings_section(plan);
  out += resources_section(plan);
  out += delays_section(plan);
  out += extra_sections;
  out +=
      "<footer class=\"muted\"><p>milmob plan: report.html beside plan.json, closure.csv, march_tables.csv and "
      "bookings.csv.</p></footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace milmob::planning
