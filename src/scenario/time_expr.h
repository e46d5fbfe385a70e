#pragma once
// Times and dates as a scenario writes them. Every time becomes minutes from C-day 00:00 UTC:
//   "C+3", "C+3 06:00", "C-2 18:30"          relative to C-day
//   "2027-03-04", "2027-03-04T06:00", "2027-03-04 06:00"   calendar date (UTC)
// Durations: "36h", "5d", "90min", "2d 12h".
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "scenario/scenario.h"

namespace milmob::scenario {

// Strict ISO 8601 calendar date YYYY-MM-DD (a real day: 2027-02-29 is rejected).
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);
std::string format_iso_date(std::chrono::year_month_day date);

// "HH:MM", 00:00..24:00, as minutes of the day.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minutes_of_day);

std::optional<Minutes> parse_time(std::string_view text, std::chrono::year_month_day c_day);
// "C+3 06:00", or "C+3" at midnight; parse_time reads it back.
std::string format_time(Minutes t);

std::optional<Minutes> parse_duration(std::string_view text);
std::string format_duration(Minutes d);  // "5d", "36h", "2d 12h 30min"

}  // namespace milmob::scenario
