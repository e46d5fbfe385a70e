#pragma once
// National public holidays and working days, for border-permission lead times ("5 working
// days") and movement windows ("no convoys on weekends or public holidays"). The rules live in
// data/holidays.yaml (schema at the top of that file), one list per nation, so any year works.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace milmob::scenario {

// Strict ISO 8601 calendar date "YYYY-MM-DD": exactly ten characters, no surrounding space, a
// day that exists (2027-02-29 and 2026-04-31 are rejected).
std::optional<std::chrono::sys_days> parse_iso_day(std::string_view text);
std::string format_iso_day(std::chrono::sys_days day);  // "2026-04-09"

// Easter Sunday of the Gregorian calendar (western churches), for years from 1583 on.
std::chrono::year_month_day easter_sunday(std::chrono::year year);

// One holiday of one year, as holidays() lists it.
struct Holiday {
  std::chrono::sys_days date;
  std::string name;         // English, "Good Friday"; a substitute day ends in " (substitute day)"
  std::string local_name;   // as the source writes it, "Karfreitag"; may be empty
  bool substitute = false;  // an extra day off because the holiday fell on a listed weekday
};

// How a rule finds its date in a given year; exactly one kind per rule.
struct HolidayRule {
  enum class Kind : std::uint8_t { fixed, easter, nth_weekday, weekday_on_or_after };
  Kind kind = Kind::fixed;
  unsigned month = 1, day = 1;         // fixed; weekday_on_or_after: the first day allowed
  int easter_offset_days = 0;          // easter: days from Easter Sunday (1 = Easter Monday)
  int nth = 1;                         // nth_weekday: 1..4, or -1 (last) .. -4
  std::chrono::weekday weekday{};      // nth_weekday, weekday_on_or_after
  std::array<int, 7> moved_by_days{};  // moved_if: by weekday (0 = Sunday); 0 = not moved
  std::uint8_t substitute_if = 0;      // bit per weekday (1 << c_encoding)
  int from_year = 0, until_year = 0;   // 0 = no limit; both inclusive
  std::string name, local_name;
  std::string source, notes;  // the rule's own source, if not the nation's; remarks
};

struct NationHolidays {
  std::string nation;  // ISO 3166 alpha-3
  std::string name;    // "Germany"
  std::string source;  // the official page listing the public holidays
  std::string notes;
  std::uint8_t weekend = 0;  // bit per weekday (1 << c_encoding), e.g. Saturday and Sunday
  std::vector<HolidayRule> rules;
};

class HolidayCalendar {
 public:
  // Reads the YAML rules; every problem is collected and thrown once as milmob::InputError, one
  // per line as "file:line: field: what was expected". Unknown keys are errors.
  static HolidayCalendar load(const std::string& path);
  // The shipped data/holidays.yaml under data_dir() (common/data_path.h).
  static HolidayCalendar load_default();

  // Whether the file has rules for `nation` (ISO 3166 alpha-3, upper case, as in places.yaml).
  // Callers warn when it does not: the answers below then fall back to a Monday-Friday week
  // without holidays.
  bool knows(std::string_view nation) const;
  const NationHolidays* find(std::string_view nation) const;
  const std::vector<NationHolidays>& nations() const { return nations_; }

  // The nation's public holidays dated in `year`, sorted by date (then name), with the
  // substitute days its rules give. Empty for an unknown nation.
  std::vector<Holiday> holidays(std::string_view nation, int year) const;
  bool is_holiday(std::string_view nation, std::chrono::sys_days day) const;
  bool is_weekend(std::string_view nation, std::chrono::sys_days day) const;
  // Neither a weekend day of the nation nor one of its public holidays.
  bool is_working_day(std::string_view nation, std::chrono::sys_days day) const;

  // The n-th working day after `start`; `start` itself counts as day 0 whether or not it is a
  // working day, so a request made on Thursday 2026-04-02 with a 3-working-day lead time in
  // Germany (Good Friday, weekend, Easter Monday) is answered on Thursday 2026-04-09, and one
  // made on a Saturday with n = 1 on the Monday. n = 0 returns `start`; n < 0 counts backwards
  // (the |n|-th working day before `start`).
  std::chrono::sys_days add_working_days(std::string_view nation, std::chrono::sys_days start, int n) const;

 private:
  std::vector<NationHolidays> nations_;  // in file order
  // Holiday dates by nation and year, computed once: a sweep asks is_holiday millions of times
  // from several threads (thread-safe; shared by copies, which hold the same rules).
  struct Memo;
  std::shared_ptr<Memo> memo_;
};

}  // namespace milmob::scenario
