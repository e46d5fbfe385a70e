// transit.svg: a transit view as bar charts, one self-contained SVG (no plotting library).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "planning/report_html.h"
#include "whatif/transit.h"

namespace milmob::whatif {

namespace {

// A bar chart panel: one or two series per day, an axis with a rounded maximum.
std::string panel(const TransitReport& r, double top, const std::string& title,
                  const std::vector<std::pair<std::string, std::function<double(const TransitDay&)>>>& series,
                  const std::vector<std::string>& colours) {
  constexpr double left = 60, width = 720, height = 180;
  double max = 0;
  for (const auto& d : r.days)
    for (const auto& s : series) max = std::max(max, s.second(d));
  const double step = max <= 0 ? 1 : std::pow(10, std::floor(std::log10(max)));
  const double axis = max <= 0 ? 1 : std::ceil(max / step) * step;
  std::string out = fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", left, top - 26, title);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\"/>\n", left, top, top + height);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#333\"/>\n", left, top + height,
                     left + width);
  for (int i = 0; i <= 4; ++i) {
    const double y = top + height - height * i / 4;
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" font-size=\"11\">{:g}</text>\n", left - 4, y + 4,
                       axis * i / 4);
    if (i > 0)
      out += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n", left, y,
                         left + width, y);
  }
  const double slot = r.days.empty() ? width : width / static_cast<double>(r.days.size());
  const double bar = slot * 0.8 / static_cast<double>(series.size());
  for (std::size_t i = 0; i < r.days.size(); ++i) {
    const TransitDay& d = r.days[i];
    const double x0 = left + slot * static_cast<double>(i) + slot * 0.1;
    for (std::size_t k = 0; k < series.size(); ++k) {
      const double v = series[k].second(d), h = height * v / axis;
      out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>C+{} {}: "
                         "{:.1f}</title></rect>\n",
                         x0 + bar * static_cast<double>(k), top + height - h, bar, h, colours[k], d.day,
                         series[k].first, v);
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">C+{}</text>\n",
                       x0 + slot * 0.4, top + height + 14, d.day);
  }
  for (std::size_t k = 0; k < series.size(); ++k)  // the legend: one row under the title
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" "
                       "font-size=\"11\">{}</text>\n",
                       left + 160 * static_cast<double>(k), top - 18, colours[k], left + 14 + 160 * static_cast<double>(k),
                       top - 9, series[k].first);
  return out;
}

}  // namespace

std::string transit_svg(const TransitReport& r) {
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"570\" font-family=\"sans-serif\" "
      "font-size=\"13\">\n<rect width=\"800\" height=\"570\" fill=\"white\"/>\n";
  out += fmt::format("<text x=\"60\" y=\"22\" font-size=\"15\">{}: transit through {}</text>\n",
                     planning::html_escape(r.scenario), planning::html_escape(r.nation));
  out += panel(r, 80, "Vehicles in the nation and convoy support centre places booked, per day",
               {{"vehicles", [](const TransitDay& d) { return static_cast<double>(d.vehicles); }},
                {"CSC places booked", [](const TransitDay& d) { return d.centre_places_booked; }}},
               {"#4a7ab5", "#e08a2c"});
  out += panel(r, 350, "Fuel used in the nation per day (m3, estimated)",
               {{"fuel m3", [](const TransitDay& d) { return d.fuel_m3; }}}, {"#5a9e4b"});
  return out + "</svg>\n";
}

}  // namespace milmob::whatif
