#pragma once
// Helpers shared by the checks (internal to the validation module).
#include <string>

#include "validation/checks.h"

namespace milmob::validation::detail {

// The plan's `*_min` fields are rounded to 0.1 min; text times are rounded up to the minute.
constexpr double kMinTolerance = 0.1 + 1e-6;
constexpr double kTextTolerance = 1.0 + 1e-6;
constexpr double kDay = scenario::kMinutesPerDay;

// "C+3 06:15" (rounded up to the minute, as plan.json writes times), "never" for infinity.
std::string when(double minutes);
// "12.3" for minutes and kilometres in messages.
std::string num(double x);

const scenario::Unit* find_unit(const scenario::Scenario& s, const std::string& id);

void add(Violations& out, std::string rule, std::string subject, double time, std::string message);

}  // namespace milmob::validation::detail
