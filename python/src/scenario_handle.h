#pragma once
// A scenario loaded for Python: checked at load (errors raise ScenarioError), its network and
// holiday calendar built at the first plan and kept for the next ones (what-ifs re-plan on it).
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cli/planning_inputs.h"
#include "cli/scenario_input.h"

namespace milmob::python {

class ScenarioHandle {
 public:
  // Throws ScenarioFailure with every diagnostic when the scenario has errors.
  static std::shared_ptr<ScenarioHandle> load(const std::string& path, const cli::ScenarioInput& input);

  const scenario::Scenario& scenario() const { return loaded_.result.scenario; }
  const vehicles::Catalogue& catalogue() const { return loaded_.catalogue; }
  const scenario::PlaceTable& places() const { return loaded_.places; }
  // The warnings (a loaded scenario has no error), in file order.
  std::vector<scenario::Diagnostic> warnings() const { return loaded_.result.diagnostics.sorted(); }

  bool network_built() const;
  // Builds the network at the first call (thread-safe); the GIL may be released around it.
  const cli::PlanningInputs& inputs(bool progress);

 private:
  explicit ScenarioHandle(cli::LoadedScenario loaded) : loaded_(std::move(loaded)) {}
  const cli::LoadedScenario loaded_;
  mutable std::mutex mutex_;
  std::unique_ptr<cli::PlanningInputs> inputs_;
};

}  // namespace milmob::python
