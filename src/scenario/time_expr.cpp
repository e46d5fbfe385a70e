#include "scenario/time_expr.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace milmob::scenario {

namespace {

// Exactly `digits` decimal digits at text[pos...]; advances pos.
std::optional<int> fixed_digits(std::string_view text, std::size_t& pos, std::size_t digits) {
  if (pos + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return value;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Minutes days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  return (std::chrono::sys_days(to) - std::chrono::sys_days(from)).count();
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
  std::size_t pos = 0;
  const auto y = fixed_digits(text, pos, 4);
  if (!y || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  const auto m = fixed_digits(text, pos, 2);
  if (!m || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  const auto d = fixed_digits(text, pos, 2);
  if (!d || pos != text.size()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*m)),
                                         std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_iso_date(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::optional<int> parse_clock(std::string_view text) {
  text = trim(text);
  std::size_t pos = 0;
  const auto h = fixed_digits(text, pos, 2);
  if (!h || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto m = fixed_digits(text, pos, 2);
  if (!m || pos != text.size() || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
  return *h * 60 + *m;
}

std::string format_clock(int minutes_of_day) {
  return fmt::format("{:02}:{:02}", minutes_of_day / 60, minutes_of_day % 60);
}

std::optional<Minutes> parse_time(std::string_view text, std::chrono::year_month_day c_day) {
  text = trim(text);
  if (text.size() >= 3 && (text[0] == 'C' || text[0] == 'c') && (text[1] == '+' || text[1] == '-')) {
    const std::size_t space = text.find(' ');
    const std::string_view day_part = text.substr(2, space == std::string_view::npos ? space : space - 2);
    int days = 0;
    const auto [end, ec] = std::from_chars(day_part.data(), day_part.data() + day_part.size(), days);
    if (ec != std::errc() || end != day_part.data() + day_part.size() || days > 3650) return std::nullopt;
    int clock = 0;
    if (space != std::string_view::npos) {
      const auto c = parse_clock(text.substr(space + 1));
      if (!c) return std::nullopt;
      clock = *c;
    }
    return (text[1] == '-' ? -days : days) * kMinutesPerDay + clock;
  }
  // Calendar date with an optional time after 'T' or a space.
  const std::size_t sep = text.find_first_of("T ");
  const auto date = parse_iso_date(text.substr(0, sep));
  if (!date) return std::nullopt;
  int clock = 0;
  if (sep != std::string_view::npos) {
    const auto c = parse_clock(text.substr(sep + 1));
    if (!c) return std::nullopt;
    clock = *c;
  }
  return days_between(c_day, *date) * kMinutesPerDay + clock;
}

std::string format_time(Minutes t) {
  const Minutes day = t >= 0 ? t / kMinutesPerDay : -((-t + kMinutesPerDay - 1) / kMinutesPerDay);
  const Minutes clock = t - day * kMinutesPerDay;
  const std::string d = fmt::format("C{}{}", day < 0 ? '-' : '+', day < 0 ? -day : day);
  return clock == 0 ? d : fmt::format("{} {:02}:{:02}", d, clock / 60, clock % 60);
}

std::optional<Minutes> parse_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  Minutes total = 0;
  while (!text.empty()) {
    long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || value < 0 || value > 100000) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    std::size_t unit_len = 0;
    while (unit_len < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_len]))) ++unit_len;
    const std::string_view unit = text.substr(0, unit_len);
    if (unit == "d") total += value * kMinutesPerDay;
    else if (unit == "h") total += value * 60;
    else if (unit == "min") total += value;
    else return std::nullopt;
    text = trim(text.substr(unit_len));
  }
  return total;
}

std::string format_duration(Minutes d) {
  std::string out;
  const auto part = [&](Minutes v, const char* unit) {
    if (v > 0) out += fmt::format("{}{}{}", out.empty() ? "" : " ", v, unit);
  };
  part(d / kMinutesPerDay, "d");
  part(d % kMinutesPerDay / 60, "h");
  part(d % 60, "min");
  return out.empty() ? "0min" : out;
}

}  // namespace milmob::scenario
