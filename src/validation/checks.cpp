#include "validation/checks.h"

#include <fmt/format.h>

#include <cmath>

#include "scenario/time_expr.h"
#include "validation/check_util.h"

namespace milmob::validation {

namespace detail {

std::string when(double minutes) {
  if (std::isinf(minutes)) return minutes > 0 ? "never" : "always";
  return scenario::format_time(static_cast<scenario::Minutes>(std::ceil(minutes - 1e-6)));
}

std::string num(double x) { return fmt::format("{:.1f}", x); }

const scenario::Unit* find_unit(const scenario::Scenario& s, const std::string& id) {
  for (const auto& u : s.units)
    if (u.id == id) return &u;
  return nullptr;
}

void add(Violations& out, std::string rule, std::string subject, double time, std::string message) {
  out.push_back({std::move(rule), std::move(subject), time, std::move(message)});
}

}  // namespace detail

std::string Violation::to_string() const {
  if (std::isnan(time)) return fmt::format("{}: {}: {}", subject, rule, message);
  return fmt::format("{} at {}: {}: {}", subject, detail::when(time), rule, message);
}

ValidationReport validate_plan(const PlanFile& plan, const scenario::Scenario& scenario,
                               const scenario::HolidayCalendar& calendar, const Network* network,
                               const vehicles::Catalogue* catalogue) {
  const CheckInput in{plan, scenario, calendar, network, catalogue};
  ValidationReport report;
  for (const auto check : {check_force, check_notice_to_move, check_timetables, check_movement_windows,
                           check_border_permissions, check_driving_limits, check_support_centres, check_carriage, check_trips, check_arrivals, check_vehicle_limits,
                           check_route_continuity, check_spacing, check_halt_lengths, check_personnel})
    check(in, report.violations);
  report.units = static_cast<int>(plan.units.size());
  for (const PlanUnit& u : plan.units) {
    report.march_units += static_cast<int>(u.march_units.size());
    for (const PlanMarchUnit& m : u.march_units) report.steps += static_cast<int>(m.steps.size());
  }
  report.bookings = static_cast<int>(plan.bookings.size());
  return report;
}

}  // namespace milmob::validation
