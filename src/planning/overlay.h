#pragma once
// What a scenario changes in its network, laid over it without copying it: overrides (a bridge
// reclassified, a road closed for good), closures with time windows, and the disruptions chosen
// for a what-if (a bridge lost at T, a road closed, a border closed, a capacity cut).
// Added links are built into the network itself (cli/scenario_network).
#include <map>
#include <string>
#include <vector>

#include "network/network.h"
#include "routing/vehicle_cost.h"
#include "scenario/scenario.h"

namespace milmob::planning {

struct ClosedWindow {
  double from = 0, until = 0;  // minutes; until may be infinity
  std::string reason;
};

class Overlay {
 public:
  // `disruptions`: names of the scenario's disruptions to apply ("all" for every one).
  // Throws InputError naming an unknown disruption.
  Overlay(const scenario::Scenario& scenario, const Network& net, const std::vector<std::string>& disruptions);

  // The class's cost with the overrides applied: edges closed for good, or whose overridden
  // limit the class exceeds, are forbidden. `avoid_from`..`avoid_until`: edges closed at any
  // time in that interval are forbidden too (a route around a closure, when there is one).
  routing::VehicleCost cost(const routing::VehicleCost& base, const vehicles::VehicleLimits& vehicle,
                            double avoid_from, double avoid_until) const;

  // When an edge is closed (closures and disruptions), sorted by start.
  const std::vector<ClosedWindow>* closed(EdgeId e) const;
  // When the border between two nations is closed (either direction).
  std::vector<ClosedWindow> border_closed(const std::string& a, const std::string& b) const;
  // The share of a place's capacity left at time t (capacity cuts), 1 if none.
  double capacity_factor(const geo::LonLat& place, double t) const;

  // Nothing to change: routes need no cost of their own.
  bool changes_nothing() const { return !has_overrides_ && closed_.empty(); }
  // Selectors that matched no edge, and other remarks for the plan.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  std::vector<EdgeId> select(const scenario::WaySelector& s, const std::string& what);

  const Network& net_;
  // The limits of the edges overrides select, the overrides applied in order (a later one
  // replaces what an earlier one set), and whether one closes the edge.
  struct OverriddenEdge {
    EdgeLimits limits;
    bool closed = false;
  };
  bool has_overrides_ = false;
  std::map<EdgeId, OverriddenEdge> overridden_;
  std::map<EdgeId, std::vector<ClosedWindow>> closed_;
  struct Border {
    std::string a, b;
    ClosedWindow window;
  };
  std::vector<Border> borders_;
  struct Cut {
    geo::LonLat where;
    double from, until, factor;
  };
  std::vector<Cut> cuts_;
  std::vector<std::string> notes_;
};

}  // namespace milmob::planning
