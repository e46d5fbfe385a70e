#include "scenario/calendar.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <utility>

#include "common/data_path.h"
#include "common/error.h"
#include "common/yaml_input.h"
#include "scenario/time_expr.h"

namespace milmob::scenario {

using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year_month_day;

namespace {

// --- Dates -------------------------------------------------------------------------------------

// Exactly `digits` decimal digits at the start of `text`.
std::optional<unsigned> digits_value(std::string_view text, std::size_t digits) {
  if (text.size() < digits) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return value;
}

// Weekday names as the YAML writes them, indexed by std::chrono::weekday's C encoding (0 = Sun).
constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::string_view kWeekdayList = "mon, tue, wed, thu, fri, sat or sun";

std::uint8_t bit(weekday w) { return static_cast<std::uint8_t>(1u << w.c_encoding()); }

// The Monday-Friday week used for a nation without rules.
const std::uint8_t kDefaultWeekend = static_cast<std::uint8_t>(bit(std::chrono::Saturday) | bit(std::chrono::Sunday));

// --- Rules -> dates ----------------------------------------------------------------------------

bool active(const HolidayRule& r, int year) {
  return (r.from_year == 0 || year >= r.from_year) && (r.until_year == 0 || year <= r.until_year);
}

// The rule's date in `year` before moved_if, or nothing if the rule is not in force that year.
std::optional<sys_days> base_date(const HolidayRule& r, int year) {
  if (!active(r, year)) return std::nullopt;
  const std::chrono::year y{year};
  const std::chrono::month m{r.month};
  switch (r.kind) {
    case HolidayRule::Kind::fixed:
      return sys_days(y / m / std::chrono::day{r.day});
    case HolidayRule::Kind::easter:
      return sys_days(easter_sunday(y)) + std::chrono::days{r.easter_offset_days};
    case HolidayRule::Kind::nth_weekday:
      if (r.nth > 0) return sys_days(y / m / r.weekday[static_cast<unsigned>(r.nth)]);
      // Last (or n-th last) such weekday of the month.
      return sys_days(y / m / r.weekday[std::chrono::last]) - std::chrono::weeks{-r.nth - 1};
    case HolidayRule::Kind::weekday_on_or_after: {
      const sys_days first{y / m / std::chrono::day{r.day}};
      return first + (r.weekday - weekday{first});
    }
  }
  return std::nullopt;
}

struct Dated {
  Holiday holiday;
  std::uint8_t substitute_if = 0;
};

// Every holiday the nation's rules give for the rule years year-1 .. year+1, moved and with
// substitute days, sorted by date. Neighbouring years are included because a move or a
// substitute can cross New Year, and a substitute must avoid next year's holidays too.
std::vector<Dated> holidays_around(const NationHolidays& n, int year) {
  std::vector<Dated> out;
  for (int y = year - 1; y <= year + 1; ++y) {
    for (const HolidayRule& r : n.rules) {
      const auto base = base_date(r, y);
      if (!base) continue;
      const sys_days date = *base + std::chrono::days{r.moved_by_days[weekday{*base}.c_encoding()]};
      out.push_back({Holiday{date, r.name, r.local_name, false}, r.substitute_if});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Dated& a, const Dated& b) { return a.holiday.date < b.holiday.date; });

  // Substitute days, in date order: the next day that is neither a weekend day nor already a
  // holiday (or an earlier substitute). GBR: Christmas on Saturday -> Monday 27th, Boxing Day
  // on Sunday -> Tuesday 28th.
  std::set<sys_days> taken;
  for (const Dated& d : out) taken.insert(d.holiday.date);
  std::vector<Dated> substitutes;
  for (const Dated& d : out) {
    if (!(d.substitute_if & bit(weekday{d.holiday.date}))) continue;
    sys_days s = d.holiday.date + std::chrono::days{1};
    while ((n.weekend & bit(weekday{s})) || taken.contains(s)) s += std::chrono::days{1};
    taken.insert(s);
    substitutes.push_back({Holiday{s, d.holiday.name + " (substitute day)", d.holiday.local_name, true}, 0});
  }
  out.insert(out.end(), substitutes.begin(), substitutes.end());
  return out;
}

// --- YAML --------------------------------------------------------------------------------------

constexpr std::string_view kNationKeys = "nation, name, source, weekend, notes, holidays";
constexpr std::string_view kHolidayKeys =
    "name, local, date, easter, nth_weekday, weekday_on_or_after, moved_if, substitute_if, from_year, until_year, "
    "source, notes";
constexpr std::string_view kRuleKinds = "date, easter, nth_weekday or weekday_on_or_after";

// Reads the holidays file, collecting every problem instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::string file) : errors_(std::move(file)) {}

  std::vector<NationHolidays> read(const YAML::Node& root);
  const InputErrors& errors() const { return errors_; }

 private:
  // Where a message is about: the field path and, for readers, which nation and holiday.
  struct Where {
    std::string path;   // "nations[2].holidays[5]"
    std::string label;  // "DEU" or "DEU, \"Good Friday\""
  };

  void error(const Where& w, long line, std::string_view key, const std::string& message) {
    const std::string field = key.empty() ? w.path : fmt::format("{}.{}", w.path, key);
    errors_.add(line, field, w.label.empty() ? message : fmt::format("{} ({})", message, w.label));
  }

  std::optional<NationHolidays> read_nation(const YAML::Node& node, std::size_t index);
  void read_holiday(const YAML::Node& node, const Where& w, NationHolidays& n);
  bool read_rule_kind(const Where& w, std::string_view key, const YAML::Node& value, long line, HolidayRule& r);
  std::optional<std::string> read_text(const Where& w, std::string_view key, const YAML::Node& value, long line);
  std::optional<std::string> read_url(const Where& w, std::string_view key, const YAML::Node& value, long line);
  std::optional<int> read_int(const Where& w, std::string_view key, const YAML::Node& value, long line, int min,
                              int max, std::string_view what);
  std::optional<weekday> read_weekday(const Where& w, std::string_view key, const YAML::Node& value, long line);
  std::optional<std::uint8_t> read_weekday_set(const Where& w, std::string_view key, const YAML::Node& value,
                                               long line);
  std::optional<std::pair<unsigned, unsigned>> read_month_day(const Where& w, std::string_view key,
                                                              const YAML::Node& value, long line);
  // The keys of a small mapping (nth_weekday: {month, nth, weekday}): unknown or missing keys
  // are reported; returns false if the node is not a mapping.
  bool check_keys(const Where& w, std::string_view key, const YAML::Node& value, long line,
                  const std::vector<std::string_view>& keys);

  InputErrors errors_;
  std::map<std::string, long> nation_lines_;  // nation code -> line of its first entry
};

std::vector<NationHolidays> Reader::read(const YAML::Node& root) {
  std::vector<NationHolidays> out;
  const YAML::Node list = top_level_list(root, "nations", errors_);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto n = read_nation(list[i], i)) out.push_back(std::move(*n));
  }
  return out;
}

std::optional<NationHolidays> Reader::read_nation(const YAML::Node& node, std::size_t index) {
  Where w{fmt::format("nations[{}]", index), {}};
  const long line = yaml_line(node, 1);
  if (!node.IsMap()) {
    error(w, line, {}, fmt::format("expected a mapping ({}), got {}", kNationKeys, yaml_describe(node)));
    return std::nullopt;
  }
  // The code first, so every other message can say which nation it is about.
  if (const YAML::Node code = node["nation"]; code.IsDefined() && code.IsScalar()) w.label = code.Scalar();

  NationHolidays n;
  std::set<std::string, std::less<>> seen;
  YAML::Node holidays;  // a default Node counts as defined (null): track presence apart
  bool has_holidays = false;
  long holidays_line = line;
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    const long key_line = yaml_line(kv.first, line);
    const YAML::Node& value = kv.second;
    if (!seen.insert(key).second) {
      error(w, key_line, key, "given twice");
      continue;
    }
    if (key == "nation") {
      auto s = read_text(w, key, value, key_line);
      const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
      if (s && (s->size() != 3 || !std::all_of(s->begin(), s->end(), upper))) {
        error(w, key_line, key, fmt::format("expected an ISO 3166 alpha-3 code such as DEU, got '{}'", *s));
      } else if (s) {
        const auto [it, fresh] = nation_lines_.emplace(*s, key_line);
        if (!fresh)
          error(w, key_line, key, fmt::format("duplicate nation '{}': already given at line {}", *s, it->second));
        n.nation = *s;
      }
    } else if (key == "name") {
      if (auto s = read_text(w, key, value, key_line)) n.name = *s;
    } else if (key == "source") {
      if (auto s = read_url(w, key, value, key_line)) n.source = *s;
    } else if (key == "notes") {
      if (value.IsNull()) continue;
      if (auto s = read_text(w, key, value, key_line)) n.notes = *s;
    } else if (key == "weekend") {
      if (auto set = read_weekday_set(w, key, value, key_line)) {
        if (*set == 0x7F)
          error(w, key_line, key, "expected at most six weekend days; a week needs a working day");
        else
          n.weekend = *set;
      }
    } else if (key == "holidays") {
      holidays = value;
      has_holidays = true;
      holidays_line = key_line;
    } else {
      error(w, key_line, key, fmt::format("unknown field; expected one of {}", kNationKeys));
    }
  }
  const auto missing = [&](std::string_view key, std::string_view expected) {
    if (!seen.contains(key)) error(w, line, key, fmt::format("missing; expected {}", expected));
  };
  missing("nation", "an ISO 3166 alpha-3 code such as DEU");
  missing("name", "the nation's name");
  missing("source", "a public http(s) URL of an official page listing the public holidays");
  missing("weekend", "the weekly days off, such as [sat, sun]");
  missing("holidays", "a list of holiday rules");

  if (has_holidays) {
    if (!holidays.IsSequence() || holidays.size() == 0) {
      error(w, holidays_line, "holidays",
            fmt::format("expected a non-empty list of holiday rules, got {}", yaml_describe(holidays)));
    } else {
      for (std::size_t i = 0; i < holidays.size(); ++i) {
        Where hw{fmt::format("{}.holidays[{}]", w.path, i), w.label};
        read_holiday(holidays[i], hw, n);
      }
    }
  }
  return n;
}

void Reader::read_holiday(const YAML::Node& node, const Where& nation_where, NationHolidays& n) {
  Where w = nation_where;
  const long line = yaml_line(node, 1);
  if (!node.IsMap()) {
    error(w, line, {}, fmt::format("expected a mapping ({}), got {}", kHolidayKeys, yaml_describe(node)));
    return;
  }
  if (const YAML::Node name = node["name"]; name.IsDefined() && name.IsScalar())
    w.label =
        w.label.empty() ? fmt::format("\"{}\"", name.Scalar()) : fmt::format("{}, \"{}\"", w.label, name.Scalar());

  HolidayRule r;
  std::set<std::string, std::less<>> seen;
  std::string kind_key;  // the rule kind given first
  bool ok = true;
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    const long key_line = yaml_line(kv.first, line);
    const YAML::Node& value = kv.second;
    if (!seen.insert(key).second) {
      error(w, key_line, key, "given twice");
      ok = false;
      continue;
    }
    if (key == "date" || key == "easter" || key == "nth_weekday" || key == "weekday_on_or_after") {
      if (!kind_key.empty()) {
        error(w, key_line, key,
              fmt::format("a second rule besides '{}'; expected exactly one of {}", kind_key, kRuleKinds));
        ok = false;
        continue;
      }
      kind_key = key;
      ok = read_rule_kind(w, key, value, key_line, r) && ok;
    } else if (key == "name" || key == "local") {
      auto s = read_text(w, key, value, key_line);
      if (s) (key == "name" ? r.name : r.local_name) = *s;
      ok = s.has_value() && ok;
    } else if (key == "source") {
      auto s = read_url(w, key, value, key_line);
      if (s) r.source = *s;
      ok = s.has_value() && ok;
    } else if (key == "notes") {
      if (value.IsNull()) continue;
      auto s = read_text(w, key, value, key_line);
      if (s) r.notes = *s;
      ok = s.has_value() && ok;
    } else if (key == "moved_if") {
      if (!value.IsMap() || value.size() == 0) {
        error(w, key_line, key,
              fmt::format("expected a mapping of weekday to days moved, such as {{sun: -1}}, got {}",
                          yaml_describe(value)));
        ok = false;
        continue;
      }
      for (const auto& move : value) {
        const long move_line = yaml_line(move.first, key_line);
        const auto day = read_weekday(w, key, move.first, move_line);
        const auto by =
            read_int(w, fmt::format("{}.{}", key, move.first.Scalar()), move.second, move_line, -6, 6, "days moved");
        if (by && *by == 0) {
          error(w, move_line, fmt::format("{}.{}", key, move.first.Scalar()),
                "expected days moved from -6 to 6, not 0");
          ok = false;
        } else if (day && by) {
          r.moved_by_days[day->c_encoding()] = *by;
        } else {
          ok = false;
        }
      }
    } else if (key == "substitute_if") {
      if (auto set = read_weekday_set(w, key, value, key_line); set && *set != 0)
        r.substitute_if = *set;
      else {
        if (set) error(w, key_line, key, "expected a non-empty list of weekdays, such as [sat, sun]");
        ok = false;
      }
    } else if (key == "from_year" || key == "until_year") {
      if (auto y = read_int(w, key, value, key_line, 1583, 9999, "a Gregorian year"))
        (key == "from_year" ? r.from_year : r.until_year) = *y;
      else
        ok = false;
    } else {
      error(w, key_line, key, fmt::format("unknown field; expected one of {}", kHolidayKeys));
      ok = false;
    }
  }
  if (!seen.contains("name")) {
    error(w, line, "name", "missing; expected the holiday's name in English");
    ok = false;
  }
  if (kind_key.empty()) {
    error(w, line, {}, fmt::format("no rule for the date; expected exactly one of {}", kRuleKinds));
    ok = false;
  }
  if (r.from_year != 0 && r.until_year != 0 && r.from_year > r.until_year) {
    error(w, line, "until_year",
          fmt::format("expected a year not before from_year {}, got {}", r.from_year, r.until_year));
    ok = false;
  }
  if (ok) n.rules.push_back(std::move(r));
}

bool Reader::read_rule_kind(const Where& w, std::string_view key, const YAML::Node& value, long line, HolidayRule& r) {
  if (key == "date") {
    const auto md = read_month_day(w, key, value, line);
    if (!md) return false;
    r.kind = HolidayRule::Kind::fixed;
    std::tie(r.month, r.day) = *md;
    return true;
  }
  if (key == "easter") {
    const auto offset = read_int(w, key, value, line, -100, 100, "days from Easter Sunday");
    if (!offset) return false;
    r.kind = HolidayRule::Kind::easter;
    r.easter_offset_days = *offset;
    return true;
  }
  if (key == "nth_weekday") {
    if (!check_keys(w, key, value, line, {"month", "nth", "weekday"})) return false;
    const std::string k(key);
    const auto month =
        value["month"] ? read_int(w, k + ".month", value["month"], yaml_line(value["month"], line), 1, 12, "a month")
                       : std::nullopt;
    std::optional<int> nth;
    if (const YAML::Node v = value["nth"]) {
      nth = read_int(w, k + ".nth", v, yaml_line(v, line), -4, 4, "the n-th weekday (-1 = last)");
      if (nth && *nth == 0) {
        error(w, yaml_line(v, line), k + ".nth", "expected 1 to 4, or -1 (last) to -4, not 0");
        nth.reset();
      }
    }
    const auto day = value["weekday"]
                         ? read_weekday(w, k + ".weekday", value["weekday"], yaml_line(value["weekday"], line))
                         : std::nullopt;
    if (!month || !nth || !day) return false;
    r.kind = HolidayRule::Kind::nth_weekday;
    r.month = static_cast<unsigned>(*month);
    r.nth = *nth;
    r.weekday = *day;
    return true;
  }
  // weekday_on_or_after: {month, day, weekday}
  if (!check_keys(w, key, value, line, {"month", "day", "weekday"})) return false;
  const std::string k(key);
  const auto month = value["month"]
                         ? read_int(w, k + ".month", value["month"], yaml_line(value["month"], line), 1, 12, "a month")
                         : std::nullopt;
  const auto day_of_month =
      value["day"] ? read_int(w, k + ".day", value["day"], yaml_line(value["day"], line), 1, 31, "a day of the month")
                   : std::nullopt;
  const auto day = value["weekday"]
                       ? read_weekday(w, k + ".weekday", value["weekday"], yaml_line(value["weekday"], line))
                       : std::nullopt;
  if (!month || !day_of_month || !day) return false;
  const auto m = static_cast<unsigned>(month.value()), d = static_cast<unsigned>(day_of_month.value());
  if (!year_month_day{std::chrono::year{2001}, std::chrono::month{m}, std::chrono::day{d}}.ok()) {
    error(w, line, key, fmt::format("expected a month and day that exist every year, got month {} day {}", m, d));
    return false;
  }
  r.kind = HolidayRule::Kind::weekday_on_or_after;
  r.month = m;
  r.day = d;
  r.weekday = *day;
  return true;
}

bool Reader::check_keys(const Where& w, std::string_view key, const YAML::Node& value, long line,
                        const std::vector<std::string_view>& keys) {
  const std::string list = fmt::format("{}", fmt::join(keys, ", "));
  if (!value.IsMap()) {
    error(w, line, key, fmt::format("expected a mapping of {}, got {}", list, yaml_describe(value)));
    return false;
  }
  bool ok = true;
  for (const auto& kv : value) {
    const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
      error(w, yaml_line(kv.first, line), fmt::format("{}.{}", key, k),
            fmt::format("unknown field; expected one of {}", list));
      ok = false;
    }
  }
  for (const std::string_view k : keys) {
    if (!value[std::string(k)]) {
      error(w, line, fmt::format("{}.{}", key, k), "missing");
      ok = false;
    }
  }
  return ok;
}

std::optional<std::string> Reader::read_text(const Where& w, std::string_view key, const YAML::Node& value, long line) {
  if (!value.IsScalar() || value.Scalar().find_first_not_of(" \t") == std::string::npos) {
    error(w, line, key, fmt::format("expected a non-empty text, got {}", yaml_describe(value)));
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<std::string> Reader::read_url(const Where& w, std::string_view key, const YAML::Node& value, long line) {
  auto s = read_text(w, key, value, line);
  if (s && !is_http_url(*s)) {
    error(w, line, key, fmt::format("expected a public http(s) URL, got '{}'", *s));
    return std::nullopt;
  }
  return s;
}

std::optional<int> Reader::read_int(const Where& w, std::string_view key, const YAML::Node& value, long line, int min,
                                    int max, std::string_view what) {
  std::optional<int> out;
  if (value.IsScalar()) {
    std::string_view s = value.Scalar();
    const bool negative = s.starts_with('-');
    if (negative || s.starts_with('+')) s.remove_prefix(1);
    if (!s.empty() && s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      int v = 0;
      for (const char c : s) v = v * 10 + (c - '0');
      out = negative ? -v : v;
    }
  }
  if (!out || *out < min || *out > max) {
    error(w, line, key,
          fmt::format("expected {}, a whole number from {} to {}, got {}", what, min, max, yaml_describe(value)));
    return std::nullopt;
  }
  return out;
}

std::optional<weekday> Reader::read_weekday(const Where& w, std::string_view key, const YAML::Node& value, long line) {
  if (value.IsScalar()) {
    const auto it = std::find(kWeekdays.begin(), kWeekdays.end(), value.Scalar());
    if (it != kWeekdays.end()) return weekday{static_cast<unsigned>(it - kWeekdays.begin())};
  }
  error(w, line, key, fmt::format("expected a weekday ({}), got {}", kWeekdayList, yaml_describe(value)));
  return std::nullopt;
}

std::optional<std::uint8_t> Reader::read_weekday_set(const Where& w, std::string_view key, const YAML::Node& value,
                                                     long line) {
  if (!value.IsSequence()) {
    error(w, line, key, fmt::format("expected a list of weekdays such as [sat, sun], got {}", yaml_describe(value)));
    return std::nullopt;
  }
  std::uint8_t set = 0;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto day = read_weekday(w, fmt::format("{}[{}]", key, i), value[i], yaml_line(value[i], line));
    if (!day) {
      ok = false;
    } else if (set & bit(*day)) {
      error(w, yaml_line(value[i], line), fmt::format("{}[{}]", key, i),
            fmt::format("'{}' given twice", value[i].Scalar()));
      ok = false;
    } else {
      set = static_cast<std::uint8_t>(set | bit(*day));
    }
  }
  if (!ok) return std::nullopt;
  return set;
}

std::optional<std::pair<unsigned, unsigned>> Reader::read_month_day(const Where& w, std::string_view key,
                                                                    const YAML::Node& value, long line) {
  if (value.IsScalar()) {
    const std::string_view s = value.Scalar();
    const auto m = digits_value(s, 2);
    const auto d = s.size() == 5 && s[2] == '-' ? digits_value(s.substr(3), 2) : std::nullopt;
    // A day that exists every year: 2001 is not a leap year, so 02-29 is refused too.
    if (m && d && year_month_day{std::chrono::year{2001}, std::chrono::month{*m}, std::chrono::day{*d}}.ok())
      return std::pair{*m, *d};
  }
  error(w, line, key,
        fmt::format("expected a month and day \"MM-DD\" that exists every year, got {}", yaml_describe(value)));
  return std::nullopt;
}

}  // namespace

// --- Free functions ------------------------------------------------------------------------------

std::optional<sys_days> parse_iso_day(std::string_view text) {
  const auto date = parse_iso_date(text);
  if (!date) return std::nullopt;
  return sys_days(*date);
}

std::string format_iso_day(sys_days day) { return format_iso_date(year_month_day{day}); }

// The anonymous Gregorian computus (Nature, 1876; also in Meeus, "Astronomical Algorithms"):
// integer arithmetic only. h places the paschal full moon about h days after 21 March, l is
// the days from it to the following Sunday, m corrects the two exceptional cases.
year_month_day easter_sunday(std::chrono::year year) {
  const int y = static_cast<int>(year);
  const int a = y % 19;                // the year in the 19-year lunar (Metonic) cycle
  const int b = y / 100, c = y % 100;  // century, year in the century
  const int d = b / 4, e = b % 4;      // Gregorian leap-year corrections
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;  // lunar correction
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return year / std::chrono::month{static_cast<unsigned>(month)} / std::chrono::day{static_cast<unsigned>(day)};
}

// --- HolidayCalendar -----------------------------------------------------------------------------

struct HolidayCalendar::Memo {
  std::mutex mutex;
  std::map<std::pair<std::string, int>, std::vector<sys_days>, std::less<>> dates;  // sorted
};

HolidayCalendar HolidayCalendar::load(const std::string& path) {
  const YAML::Node root = load_yaml_file(path, "the public holidays file");
  Reader reader(path);
  HolidayCalendar calendar;
  calendar.nations_ = reader.read(root);
  calendar.memo_ = std::make_shared<Memo>();
  reader.errors().throw_if_any();
  return calendar;
}

HolidayCalendar HolidayCalendar::load_default() { return load(data_dir() + "/holidays.yaml"); }

const NationHolidays* HolidayCalendar::find(std::string_view nation) const {
  const auto it =
      std::find_if(nations_.begin(), nations_.end(), [&](const NationHolidays& n) { return n.nation == nation; });
  return it == nations_.end() ? nullptr : &*it;
}

bool HolidayCalendar::knows(std::string_view nation) const { return find(nation) != nullptr; }

std::vector<Holiday> HolidayCalendar::holidays(std::string_view nation, int year) const {
  const NationHolidays* n = find(nation);
  if (n == nullptr) return {};
  std::vector<Holiday> out;
  for (Dated& d : holidays_around(*n, year)) {
    if (static_cast<int>(year_month_day{d.holiday.date}.year()) == year) out.push_back(std::move(d.holiday));
  }
  std::sort(out.begin(), out.end(),
            [](const Holiday& a, const Holiday& b) { return a.date != b.date ? a.date < b.date : a.name < b.name; });
  return out;
}

bool HolidayCalendar::is_holiday(std::string_view nation, sys_days day) const {
  const int year = static_cast<int>(year_month_day{day}.year());
  if (!memo_) {
    const auto list = holidays(nation, year);
    return std::any_of(list.begin(), list.end(), [&](const Holiday& h) { return h.date == day; });
  }
  std::lock_guard lock(memo_->mutex);
  auto it = memo_->dates.find(std::make_pair(std::string(nation), year));
  if (it == memo_->dates.end()) {
    std::vector<sys_days> dates;
    for (const Holiday& h : holidays(nation, year)) dates.push_back(h.date);
    it = memo_->dates.emplace(std::make_pair(std::string(nation), year), std::move(dates)).first;
  }
  return std::binary_search(it->second.begin(), it->second.end(), day);
}

bool HolidayCalendar::is_weekend(std::string_view nation, sys_days day) const {
  const NationHolidays* n = find(nation);
  return ((n != nullptr ? n->weekend : kDefaultWeekend) & bit(weekday{day})) != 0;
}

bool HolidayCalendar::is_working_day(std::string_view nation, sys_days day) const {
  return !is_weekend(nation, day) && !is_holiday(nation, day);
}

sys_days HolidayCalendar::add_working_days(std::string_view nation, sys_days start, int n) const {
  const std::chrono::days step{n < 0 ? -1 : 1};
  // One year's holidays at a time: a long lead time crosses few years.
  std::optional<int> cached_year;
  std::set<sys_days> holiday_dates;
  const auto working = [&](sys_days day) {
    if (is_weekend(nation, day)) return false;
    const int y = static_cast<int>(year_month_day{day}.year());
    if (y != cached_year) {
      holiday_dates.clear();
      for (const Holiday& h : holidays(nation, y)) holiday_dates.insert(h.date);
      cached_year = y;
    }
    return !holiday_dates.contains(day);
  };
  sys_days day = start;
  for (int left = n < 0 ? -n : n; left > 0;) {
    day += step;
    if (working(day)) --left;
  }
  return day;
}

}  // namespace milmob::scenario
