#pragma once
// Upgrade candidates (docs/whatif.md): each an infrastructure, resource or rule change with a
// cost, applied to a copy of the scenario before re-planning. A bridge upgrade is an override
// that raises the load class of the edges it selects; a convoy support centre gets more places
// a night (or is added); a nation's permission lead time is shortened; a movement window
// lifted; railheads, ports and fleets grow (valued once the planner uses them).
#include <optional>
#include <string>
#include <vector>

#include "scenario/fragment_reader.h"
#include "scenario/scenario.h"

namespace milmob::whatif {

enum class CandidateKind { Bridge, ConvoySupportCentre, LeadTime, MovementWindow, Railhead, Port, Hets, Rail, Ships };
const char* kind_name(CandidateKind k);

struct Candidate {
  std::string id, description, cost_source;
  CandidateKind kind = CandidateKind::Bridge;
  double cost_eur = 0;
  long line = 0;  // in the candidates file
  // target: what the change applies to (one of these, by kind)
  std::vector<scenario::WaySelector> sections;  // bridge: the ways or bridges it raises
  std::optional<scenario::PlaceRef> place;  // convoy support centre, railhead, port
  std::string nation;                    // lead time, movement window, HET and rail fleets
  std::string resource;                  // ships: the ship entry's name
  // change
  scenario::Override limits;             // bridge: the limits raised (mlc, max_weight_t, ...), one override per section
  double amount = 0;                     // places, trains a day, berths, vehicles, ships added
  double amount2 = 0;                    // port: vehicles a day added (amount: berths)
  double lead_time_working_days = 0;     // lead time
  // "bridge near 14.578,52.316 (r 300 m)" / "MLC 120": for reports
  std::string target_text() const;
  std::string change_text() const;
};

struct CandidateFile {
  explicit CandidateFile(std::string file) : diagnostics(std::move(file)) {}
  std::vector<Candidate> candidates;
  scenario::Diagnostics diagnostics;
  bool ok() const { return diagnostics.error_count() == 0; }
};

// Reads and checks a candidates file against the scenario it goes with: ids unique, costs
// >= 0, targets that exist (a railhead, port or ship of the scenario; any place for a new
// convoy support centre), changes that change something.
CandidateFile load_candidates(const std::string& path, const scenario::Scenario& base,
                              const scenario::LoadContext& context);

// The scenario with the candidate's change made.
scenario::Scenario apply(const scenario::Scenario& s, const Candidate& c);

}  // namespace milmob::whatif
