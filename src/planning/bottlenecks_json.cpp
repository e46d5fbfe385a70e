#include "planning/bottlenecks_json.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "planning/plan_output.h"

namespace milmob::planning {

nlohmann::ordered_json to_json(const BottleneckReport& report) {
  nlohmann::ordered_json j = {{"closure", when(report.closure)}, {"lateness_h", report.lateness_h}};
  j["changes"] = nlohmann::ordered_json::array();
  for (const auto& m : report.changes)
    j["changes"].push_back({{"what", m.what}, {"change", m.change}, {"closure", when(m.closure)},
                            {"closure_gain_h", std::round(m.closure_gain_h * 10) / 10},
                            {"lateness_gain_h", std::round(m.lateness_gain_h * 10) / 10},
                            {"units_earlier", m.units_earlier}, {"units_later", m.units_later}});
  const auto share = [](double x) { return std::round(x * 1000) / 1000; };
  j["utilisation"] = nlohmann::ordered_json::array();
  for (const ResourceUse& u : report.utilisation) {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (const DayUse& d : u.days)
      days.push_back({{"day", fmt::format("C{}{}", d.day < 0 ? '-' : '+', std::labs(d.day))},
                      {"used", std::round(d.used * 10) / 10},
                      {"share", share(d.share)}});
    j["utilisation"].push_back({{"kind", u.kind}, {"resource", u.resource}, {"unit", u.unit},
                                {"capacity", u.capacity}, {"peak_share", share(u.peak_share)},
                                {"mean_share", share(u.mean_share)}, {"days_at_capacity", u.days_at_capacity},
                                {"days", std::move(days)}});
  }
  return j;
}

}  // namespace milmob::planning
