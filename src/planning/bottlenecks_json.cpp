#include "planning/bottlenecks_json.h"

#include <cmath>

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
  return j;
}

}  // namespace milmob::planning
