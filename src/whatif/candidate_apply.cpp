// A candidate's change made on a copy of the scenario (docs/whatif.md, the table of kinds).
#include <algorithm>

#include "whatif/candidates.h"
#include "whatif/resource_match.h"

namespace milmob::whatif {

using detail::find_at;

scenario::Scenario apply(const scenario::Scenario& base, const Candidate& c) {
  scenario::Scenario s = base;
  auto& r = s.resources;
  switch (c.kind) {
    case CandidateKind::Bridge:
      for (const auto& select : c.sections) {
        s.network.overrides.push_back(c.limits);
        s.network.overrides.back().select = select;
      }
      break;
    case CandidateKind::ConvoySupportCentre:
      if (auto* centre = find_at(r.convoy_support_centres, *c.place))
        centre->vehicles_per_night += c.amount;
      else
        r.convoy_support_centres.push_back({*c.place, c.amount, 0});
      break;
    case CandidateKind::LeadTime: {
      auto& p = s.rules.permissions;
      const auto it = p.by_granting_nation.find(c.nation);
      const double now = it != p.by_granting_nation.end() ? it->second : p.default_lead_time_working_days;
      p.by_granting_nation[c.nation] = std::min(now, c.lead_time_working_days);
      for (auto& pair : p.pairs)  // a pair rule into the nation is no slower than the new lead time
        if (pair.to == c.nation) pair.lead_time_working_days = std::min(pair.lead_time_working_days, c.lead_time_working_days);
      break;
    }
    case CandidateKind::MovementWindow:
      std::erase_if(s.rules.windows, [&](const scenario::MovementWindow& w) { return w.nation == c.nation; });
      break;
    case CandidateKind::Railhead:
      if (auto* x = find_at(r.railheads, *c.place)) x->trains_per_day += c.amount;
      break;
    case CandidateKind::Port:
      if (auto* x = find_at(r.ports, *c.place)) {
        x->berths += static_cast<int>(c.amount);
        x->vehicles_per_day += c.amount2;
      }
      break;
    case CandidateKind::Hets: {
      const auto it = std::find_if(r.hets.begin(), r.hets.end(), [&](const auto& h) { return h.nation == c.nation; });
      if (it != r.hets.end())
        it->count += static_cast<int>(c.amount);
      else
        r.hets.push_back({c.nation, static_cast<int>(c.amount)});
      break;
    }
    case CandidateKind::Rail:
      for (auto& fleet : r.rail)
        if (fleet.nation == c.nation) fleet.trains += static_cast<int>(c.amount);
      break;
    case CandidateKind::Ships:
      for (auto& ship : r.ships)
        if (ship.name == c.resource) ship.count += static_cast<int>(c.amount);
      break;
  }
  return s;
}

}  // namespace milmob::whatif
