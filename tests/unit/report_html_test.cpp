// report.html from a plan built by hand: user text is escaped, every unit and section is there,
// nothing is fetched from the network, and the same plan gives the same bytes.
#include "planning/report_html.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace mp = milmob::planning;

namespace {

mp::Step step(mp::Activity a, double from, double until, double lon, double lat, std::string detail) {
  mp::Step s;
  s.activity = a;
  s.from = from;
  s.until = until;
  s.km_from = from / 2;
  s.km_to = until / 2;
  s.where = {lon, lat};
  s.country = "DEU";
  s.detail = std::move(detail);
  return s;
}

// Two units: a feasible one whose march unit drives, halts, waits for a window and a border
// permission and stops for the night at a convoy support centre; and one no road reaches.
mp::Plan two_units() {
  mp::Plan plan;
  plan.scenario = "Exercise <Cold & \"Wet\">";
  mp::UnitPlan a;
  a.id = "pzlbtl<93>";
  a.name = "Panzer & Co \"Alpha\" 'B'";
  a.nation = "DEU";
  a.ready = 0;
  a.departure = 60;
  a.arrival = 2 * 1440 + 300;
  a.required_delivery = 2 * 1440;
  mp::ClassLeg leg;
  leg.label = "Leopard 2A6";
  leg.vehicles = 12;
  leg.distance_km = 640;
  leg.geometry = {{9.0, 50.0}, {10.5, 51.0}, {12.0, 51.5}, {14.5, 52.2}};
  a.legs.push_back(leg);
  mp::MarchUnit mu;
  mu.id = "pzlbtl<93>/S1/M1";
  mu.serial = "pzlbtl<93>/S1";
  mu.vehicle_class = "Leopard 2A6";
  mu.vehicles = 12;
  mu.depart = 60;
  mu.arrive = a.arrival;
  mu.steps = {step(mp::Activity::Drive, 60, 180, 10.0, 50.6, ""),
              step(mp::Activity::Halt, 180, 195, 10.0, 50.6, "halt"),
              step(mp::Activity::Drive, 195, 600, 11.5, 51.3, ""),
              step(mp::Activity::NightStop, 600, 1500, 11.6, 51.4, "CSC <Erfurt> & \"Ost\""),
              step(mp::Activity::WindowWait, 1500, 1800, 11.6, 51.4, "no convoys on weekends in DEU"),
              step(mp::Activity::Drive, 1800, 2000, 14.0, 52.0, ""),
              step(mp::Activity::PermissionWait, 2000, 3000, 14.0, 52.0, "border DEU > POL: lead time 5 working days"),
              step(mp::Activity::Drive, 3000, a.arrival, 14.5, 52.2, "")};
  mu.crossings.push_back({"DEU", "POL", 3000, {14.0, 52.0}});
  a.march_units.push_back(mu);
  a.delays = {{mp::Activity::Drive, 1000, "driving 16.7 h"},
              {mp::Activity::NightStop, 900, "1 night stop (CSC <Erfurt>): 15 h"},
              {mp::Activity::PermissionWait, 1000, "waited at the border DEU > POL"}};
  plan.units.push_back(a);

  mp::UnitPlan b;
  b.id = "nor-tmbn";
  b.name = "Telemark <bataljon>";
  b.nation = "NOR";
  b.feasible = false;
  b.infeasible_reason = "no road from Rena to Klaipeda: needs a <sea> leg & a ferry";
  b.required_delivery = 3 * 1440;
  b.arrival = INFINITY;
  plan.units.push_back(b);

  plan.bookings.push_back({"CSC <Erfurt> & \"Ost\"", a.id, mu.id, 12, 600, 1500});
  plan.closure = a.arrival;
  return plan;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST(ReportHtml, EscapesEveryUserText) {
  EXPECT_EQ(mp::html_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  const std::string html = mp::report_html(two_units());
  EXPECT_NE(html.find("Exercise &lt;Cold &amp; &quot;Wet&quot;&gt;"), std::string::npos);
  EXPECT_NE(html.find("Panzer &amp; Co &quot;Alpha&quot; &#39;B&#39;"), std::string::npos);
  EXPECT_NE(html.find("CSC &lt;Erfurt&gt; &amp; &quot;Ost&quot;"), std::string::npos);
  EXPECT_NE(html.find("needs a &lt;sea&gt; leg &amp; a ferry"), std::string::npos);
  // No raw user text anywhere: it would open an element or break an attribute.
  for (const char* raw : {"<Cold", "<93>", "<Erfurt>", "<bataljon>", "<sea>", "\"Alpha\"", "& Co"})
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
}

TEST(ReportHtml, ShowsEveryUnitAndSection) {
  const std::string html = mp::report_html(two_units());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  for (const char* id : {"pzlbtl&lt;93&gt;", "pzlbtl&lt;93&gt;/S1/M1", "nor-tmbn"})
    EXPECT_NE(html.find(id), std::string::npos) << id;
  for (const char* section : {"id=\"closure\"", "id=\"map\"", "id=\"timeline\"", "id=\"bookings\"", "id=\"delays\""})
    EXPECT_NE(html.find(section), std::string::npos) << section;
  EXPECT_EQ(count(html, "<svg viewBox"), 1u);  // the map
  EXPECT_NE(html.find("aria-label=\"Timeline of the march units\""), std::string::npos);
  EXPECT_NE(html.find("<polyline class=\"route road\""), std::string::npos);
  // A bar for each activity, a marker for the night stop, the waits and the border.
  for (const char* bar : {"<rect class=\"drive\"", "<rect class=\"halt\"", "<rect class=\"night_stop\"",
                          "<rect class=\"window_wait\"", "<rect class=\"permission_wait\""})
    EXPECT_NE(html.find(bar), std::string::npos) << bar;
  for (const char* marker : {"<circle class=\"night_stop\"", "<polygon class=\"window_wait\"",
                             "<polygon class=\"permission_wait\"", "<circle class=\"border\""})
    EXPECT_NE(html.find(marker), std::string::npos) << marker;
  EXPECT_NE(html.find("<title>night stop: CSC &lt;Erfurt&gt; &amp; &quot;Ost&quot; (DEU)\npzlbtl&lt;93&gt;/S1/M1: C+0 "
                      "10:00 - C+1 01:00"),
            std::string::npos);
  // The header, the late unit in red, the infeasible one with its reason, the day ticks.
  EXPECT_NE(html.find("Force closure <b>C+2 05:00 (feasible units only)</b>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n late\">5.0</td>"), std::string::npos);
  EXPECT_NE(html.find("infeasible: no road from Rena"), std::string::npos);
  for (const char* day : {">C+0<", ">C+1<", ">C+2<"}) EXPECT_NE(html.find(day), std::string::npos) << day;
  EXPECT_NE(html.find("class=\"due\""), std::string::npos);
  // The convoy support centre's night and the causes of delay.
  EXPECT_NE(html.find(">12</td>"), std::string::npos);
  EXPECT_NE(html.find("waited at the border DEU &gt; POL"), std::string::npos);
  EXPECT_EQ(html.find("nan"), std::string::npos);
  EXPECT_EQ(html.find("inf<"), std::string::npos);
}

TEST(ReportHtml, NeedsNothingFromTheNetwork) {
  const std::string html = mp::report_html(two_units());
  for (const char* ref : {"http://", "https://", "src=", "<link", "@import", "<script", "url(http", "//cdn"})
    EXPECT_EQ(html.find(ref), std::string::npos) << ref;
}

TEST(ReportHtml, TheSamePlanGivesTheSameBytes) {
  EXPECT_EQ(mp::report_html(two_units()), mp::report_html(two_units()));
}

TEST(ReportHtml, AnEmptyPlanIsStillAPage) {
  const std::string html = mp::report_html(mp::Plan{});
  EXPECT_NE(html.find("No routes to show."), std::string::npos);
  EXPECT_NE(html.find("No convoy support centre places were booked."), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(ReportHtml, ManyMarchUnitsShowTheFirstOfEachSerial) {
  mp::Plan plan = two_units();
  mp::UnitPlan& u = plan.units.front();
  const mp::MarchUnit first = u.march_units.front();
  for (int i = 2; i <= 450; ++i) {
    mp::MarchUnit m = first;
    m.id = first.serial + "/M" + std::to_string(i);
    u.march_units.push_back(m);
  }
  const std::string html = mp::report_html(plan);
  EXPECT_NE(html.find("450 march units: only the first march unit of each serial is shown"), std::string::npos);
  EXPECT_NE(html.find(">pzlbtl&lt;93&gt;/S1/M1<title>"), std::string::npos);
  EXPECT_EQ(html.find(">pzlbtl&lt;93&gt;/S1/M2<title>"), std::string::npos);
}
