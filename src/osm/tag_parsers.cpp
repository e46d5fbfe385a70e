#include "osm/tag_parsers.h"

#include <array>
#include <charconv>
#include <cmath>
#include <span>
#include <string>
#include <system_error>

namespace milmob::osm {
namespace {

using Kind = ParsedValue::Kind;

constexpr ParsedValue kInvalid{Kind::Invalid, 0.0};
constexpr ParsedValue kNoLimit{Kind::NoLimit, 0.0};

// Exact conversion factors (international yard and pound, 1959; knot = 1852 m/h).
constexpr double kKgPerLb = 0.45359237;
constexpr double kTonnesPerShortTon = 2000.0 * kKgPerLb / 1000.0;  // 0.90718474
constexpr double kTonnesPerLongTon = 2240.0 * kKgPerLb / 1000.0;   // 1.0160469088
constexpr double kMPerFoot = 0.3048;
constexpr double kMPerInch = 0.0254;
constexpr double kKmhPerMph = 1.609344;
constexpr double kKmhPerKnot = 1.852;
constexpr double kWalkKmh = 6.0;  // "walk": walking pace, as the maxspeed wiki suggests

ParsedValue positive_value(double v) {
  if (std::isfinite(v) && v > 0.0) return {Kind::Value, v};
  return kInvalid;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Trimmed and ASCII lower-cased; bytes of UTF-8 sequences (the primes) pass unchanged.
std::string normalized(std::string_view v) {
  std::string s(trim(v));
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void skip_spaces(std::string_view& s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
}

bool take_prefix(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// Consumes the first of `options` that s starts with; list longer spellings first.
bool take_any(std::string_view& s, std::span<const std::string_view> options) {
  for (std::string_view option : options) {
    if (take_prefix(s, option)) return true;
  }
  return false;
}

// Consumes an unsigned decimal number ("7", "7.5", "7,5") from the front of s. Signs,
// exponents, hex, "inf" and "nan" are refused here, so from_chars only ever sees digits.
std::optional<double> take_number(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n == 0) return std::nullopt;
  std::string digits(s.substr(0, n));
  if (n + 1 < s.size() && (s[n] == '.' || s[n] == ',') && is_digit(s[n + 1])) {
    digits += '.';
    std::size_t end = n + 1;
    while (end < s.size() && is_digit(s[end])) ++end;
    digits += s.substr(n + 1, end - n - 1);
    n = end;
  }
  double value = 0.0;
  const char* last = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), last, value);
  if (ec != std::errc{} || ptr != last) return std::nullopt;  // out of range, e.g. 1e400
  s.remove_prefix(n);
  return value;
}

struct Unit {
  std::string_view name;
  double factor;  // to the parser's unit
};

// "<number>[ ]<unit>" where unit is one of `units` (the empty name is the default unit).
ParsedValue number_with_unit(std::string_view s, std::span<const Unit> units) {
  std::optional<double> number = take_number(s);
  if (!number) return kInvalid;
  skip_spaces(s);
  for (const Unit& unit : units) {
    if (s == unit.name) return positive_value(*number * unit.factor);
  }
  return kInvalid;
}

// --- weight ---

constexpr std::array kWeightUnits{
    Unit{"", 1.0},     Unit{"t", 1.0},      Unit{"tonne", 1.0},
    Unit{"tonnes", 1.0}, Unit{"kg", 0.001}, Unit{"st", kTonnesPerShortTon},
    Unit{"lt", kTonnesPerLongTon}, Unit{"lb", kKgPerLb / 1000.0}, Unit{"lbs", kKgPerLb / 1000.0},
};
// "ton"/"tons" is left out on purpose: metric in Europe, short in the US, and a wrong guess
// overstates a bridge by 10 %.

// --- length ---

constexpr std::array kLengthUnits{
    Unit{"", 1.0},     Unit{"m", 1.0},      Unit{"metre", 1.0},  Unit{"metres", 1.0},
    Unit{"meter", 1.0}, Unit{"meters", 1.0}, Unit{"cm", 0.01},
};
// Foot and inch marks: ASCII, the primes U+2032/U+2033 and the curly quotes U+2019/U+201D
// that word processors substitute.
constexpr std::array<std::string_view, 6> kFootMarks{"feet", "foot", "ft", "'", "\u2032",
                                                     "\u2019"};
constexpr std::array<std::string_view, 7> kInchMarks{"inches", "inch", "in", "''",
                                                     "\"",     "\u2033", "\u201d"};

// Feet and inches: "11'6\"", "11' 6\"", "11 ft 6 in", "12'", "12 ft", "6 in", and "11'6"
// (a missing inch mark is common and unambiguous after a foot mark).
std::optional<double> imperial_m(std::string_view s) {
  std::optional<double> first = take_number(s);
  if (!first) return std::nullopt;
  skip_spaces(s);
  if (take_any(s, kFootMarks)) {
    skip_spaces(s);
    if (s.empty()) return *first * kMPerFoot;
    std::optional<double> inches = take_number(s);
    if (!inches || *inches >= 12.0) return std::nullopt;
    skip_spaces(s);
    take_any(s, kInchMarks);
    if (!s.empty()) return std::nullopt;
    return *first * kMPerFoot + *inches * kMPerInch;
  }
  if (take_any(s, kInchMarks) && s.empty()) return *first * kMPerInch;
  return std::nullopt;
}

// --- speed ---

constexpr std::array kSpeedUnits{
    Unit{"", 1.0},     Unit{"km/h", 1.0},         Unit{"kmh", 1.0},
    Unit{"kph", 1.0},  Unit{"mph", kKmhPerMph},   Unit{"knots", kKmhPerKnot},
    Unit{"kn", kKmhPerKnot},
};

struct ZoneLimit {
  std::string_view zone;  // lower case, "cc:context"
  ParsedValue limit;
};
constexpr ParsedValue kmh(double v) { return {Kind::Value, v}; }

// Implicit limits for cars by country and road context, for the common European zones.
// Source: https://wiki.openstreetmap.org/wiki/Default_speed_limits (and the national codes it
// cites). Regional codes (BE-VLG) come before their country's; values change with national
// law, so this table is a snapshot to be reviewed, not a legal reference.
constexpr std::array kZoneLimits{
    ZoneLimit{"at:urban", kmh(50)},         ZoneLimit{"at:rural", kmh(100)},
    ZoneLimit{"at:trunk", kmh(100)},        ZoneLimit{"at:motorway", kmh(130)},
    ZoneLimit{"at:living_street", kmh(kWalkKmh)},
    ZoneLimit{"be-vlg:rural", kmh(70)},     ZoneLimit{"be-wal:rural", kmh(90)},
    ZoneLimit{"be-bru:urban", kmh(30)},     ZoneLimit{"be:urban", kmh(50)},
    ZoneLimit{"be:rural", kmh(90)},         ZoneLimit{"be:motorway", kmh(120)},
    ZoneLimit{"be:living_street", kmh(20)},
    ZoneLimit{"bg:urban", kmh(50)},         ZoneLimit{"bg:rural", kmh(90)},
    ZoneLimit{"bg:trunk", kmh(120)},        ZoneLimit{"bg:motorway", kmh(140)},
    ZoneLimit{"by:urban", kmh(60)},         ZoneLimit{"by:rural", kmh(90)},
    ZoneLimit{"by:motorway", kmh(120)},
    ZoneLimit{"ch:urban", kmh(50)},         ZoneLimit{"ch:rural", kmh(80)},
    ZoneLimit{"ch:trunk", kmh(100)},        ZoneLimit{"ch:motorway", kmh(120)},
    ZoneLimit{"ch:living_street", kmh(20)},
    ZoneLimit{"cz:urban", kmh(50)},         ZoneLimit{"cz:rural", kmh(90)},
    ZoneLimit{"cz:trunk", kmh(110)},        ZoneLimit{"cz:motorway", kmh(130)},
    ZoneLimit{"cz:living_street", kmh(20)},
    ZoneLimit{"de:urban", kmh(50)},         ZoneLimit{"de:rural", kmh(100)},
    ZoneLimit{"de:motorway", kNoLimit},     ZoneLimit{"de:living_street", kmh(kWalkKmh)},
    ZoneLimit{"de:bicycle_road", kmh(30)},
    ZoneLimit{"dk:urban", kmh(50)},         ZoneLimit{"dk:rural", kmh(80)},
    ZoneLimit{"dk:motorway", kmh(130)},
    ZoneLimit{"ee:urban", kmh(50)},         ZoneLimit{"ee:rural", kmh(90)},
    ZoneLimit{"es:urban", kmh(50)},         ZoneLimit{"es:rural", kmh(90)},
    ZoneLimit{"es:motorway", kmh(120)},     ZoneLimit{"es:living_street", kmh(20)},
    ZoneLimit{"fi:urban", kmh(50)},         ZoneLimit{"fi:rural", kmh(80)},
    ZoneLimit{"fr:urban", kmh(50)},         ZoneLimit{"fr:rural", kmh(80)},
    ZoneLimit{"fr:trunk", kmh(110)},        ZoneLimit{"fr:motorway", kmh(130)},
    ZoneLimit{"fr:living_street", kmh(20)},
    ZoneLimit{"gb:nsl_restricted", kmh(30 * kKmhPerMph)},
    ZoneLimit{"gb:nsl_single", kmh(60 * kKmhPerMph)},
    ZoneLimit{"gb:nsl_dual", kmh(70 * kKmhPerMph)},
    ZoneLimit{"gb:motorway", kmh(70 * kKmhPerMph)},
    ZoneLimit{"gr:urban", kmh(50)},         ZoneLimit{"gr:rural", kmh(90)},
    ZoneLimit{"gr:trunk", kmh(110)},        ZoneLimit{"gr:motorway", kmh(130)},
    ZoneLimit{"hr:urban", kmh(50)},         ZoneLimit{"hr:rural", kmh(90)},
    ZoneLimit{"hr:trunk", kmh(110)},        ZoneLimit{"hr:motorway", kmh(130)},
    ZoneLimit{"hu:urban", kmh(50)},         ZoneLimit{"hu:rural", kmh(90)},
    ZoneLimit{"hu:trunk", kmh(110)},        ZoneLimit{"hu:motorway", kmh(130)},
    ZoneLimit{"ie:urban", kmh(50)},         ZoneLimit{"ie:rural", kmh(80)},
    ZoneLimit{"ie:national", kmh(100)},     ZoneLimit{"ie:motorway", kmh(120)},
    ZoneLimit{"it:urban", kmh(50)},         ZoneLimit{"it:rural", kmh(90)},
    ZoneLimit{"it:trunk", kmh(110)},        ZoneLimit{"it:motorway", kmh(130)},
    ZoneLimit{"lt:urban", kmh(50)},         ZoneLimit{"lt:rural", kmh(90)},
    ZoneLimit{"lt:motorway", kmh(130)},
    ZoneLimit{"lu:urban", kmh(50)},         ZoneLimit{"lu:rural", kmh(90)},
    ZoneLimit{"lu:motorway", kmh(130)},
    ZoneLimit{"lv:urban", kmh(50)},         ZoneLimit{"lv:rural", kmh(90)},
    ZoneLimit{"nl:urban", kmh(50)},         ZoneLimit{"nl:rural", kmh(80)},
    ZoneLimit{"nl:trunk", kmh(100)},        ZoneLimit{"nl:motorway", kmh(130)},
    ZoneLimit{"nl:living_street", kmh(15)},
    ZoneLimit{"no:urban", kmh(50)},         ZoneLimit{"no:rural", kmh(80)},
    ZoneLimit{"pl:urban", kmh(50)},         ZoneLimit{"pl:rural", kmh(90)},
    ZoneLimit{"pl:expressway", kmh(120)},   ZoneLimit{"pl:motorway", kmh(140)},
    ZoneLimit{"pl:living_street", kmh(20)},
    ZoneLimit{"pt:urban", kmh(50)},         ZoneLimit{"pt:rural", kmh(90)},
    ZoneLimit{"pt:trunk", kmh(100)},        ZoneLimit{"pt:motorway", kmh(120)},
    ZoneLimit{"ro:urban", kmh(50)},         ZoneLimit{"ro:rural", kmh(90)},
    ZoneLimit{"ro:trunk", kmh(100)},        ZoneLimit{"ro:motorway", kmh(130)},
    ZoneLimit{"ru:urban", kmh(60)},         ZoneLimit{"ru:rural", kmh(90)},
    ZoneLimit{"ru:motorway", kmh(110)},     ZoneLimit{"ru:living_street", kmh(20)},
    ZoneLimit{"se:urban", kmh(50)},         ZoneLimit{"se:rural", kmh(70)},
    ZoneLimit{"si:urban", kmh(50)},         ZoneLimit{"si:rural", kmh(90)},
    ZoneLimit{"si:trunk", kmh(110)},        ZoneLimit{"si:motorway", kmh(130)},
    ZoneLimit{"sk:urban", kmh(50)},         ZoneLimit{"sk:rural", kmh(90)},
    ZoneLimit{"sk:motorway", kmh(130)},
    ZoneLimit{"ua:urban", kmh(50)},         ZoneLimit{"ua:rural", kmh(90)},
    ZoneLimit{"ua:trunk", kmh(110)},        ZoneLimit{"ua:motorway", kmh(130)},
};

// "DE", "be-vlg": ISO 3166-1 alpha-2, optionally with a subdivision suffix.
bool is_country_code(std::string_view s) {
  if (s.size() < 2 || !is_alpha(s[0]) || !is_alpha(s[1])) return false;
  if (s.size() == 2) return true;
  if (s[2] != '-' || s.size() < 4 || s.size() > 6) return false;
  for (char c : s.substr(3)) {
    if (!is_alpha(c) && !is_digit(c)) return false;
  }
  return true;
}

// "de:urban" from the table; speed zones "de:30", "de:zone30", "de:zone:30" give their number,
// in mph for GB (its 20 mph zones), km/h elsewhere.
ParsedValue implicit_speed(std::string_view s) {
  const std::size_t colon = s.find(':');
  const std::string_view country = s.substr(0, colon);
  if (!is_country_code(country)) return kInvalid;
  for (const ZoneLimit& entry : kZoneLimits) {
    if (entry.zone == s) return entry.limit;
  }
  std::string_view context = s.substr(colon + 1);
  take_prefix(context, "zone");
  take_prefix(context, ":");
  std::optional<double> number = take_number(context);
  if (!number || !context.empty()) return kInvalid;
  return positive_value(*number * (country == "gb" ? kKmhPerMph : 1.0));
}

// --- access ---

int permissiveness(Access a) {
  switch (a) {
    case Access::Yes: return 5;
    case Access::Military: return 4;
    case Access::Destination: return 3;
    case Access::Private: return 2;
    case Access::No: return 1;
    case Access::Unknown: return 0;
  }
  return 0;
}

Access access_value(std::string_view s) {
  if (s == "yes" || s == "permissive" || s == "designated") return Access::Yes;
  if (s == "no" || s == "agricultural" || s == "forestry") return Access::No;
  if (s == "private" || s == "permit") return Access::Private;
  if (s == "destination" || s == "delivery" || s == "customers") return Access::Destination;
  if (s == "military") return Access::Military;
  return Access::Unknown;
}

// Calls f on each trimmed, lower-cased ';'-separated entry.
template <typename F>
void for_each_entry(std::string_view v, F&& f) {
  while (true) {
    const std::size_t semi = v.find(';');
    f(normalized(v.substr(0, semi)));
    if (semi == std::string_view::npos) return;
    v.remove_prefix(semi + 1);
  }
}

// A positive decimal integer filling s exactly.
std::optional<int> whole_int(std::string_view s) {
  int value = 0;
  const char* last = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), last, value);
  if (ec != std::errc{} || ptr != last) return std::nullopt;
  return value;
}

}  // namespace

ParsedValue parse_weight_t(std::string_view v) {
  const std::string s = normalized(v);
  if (s == "none" || s == "unlimited" || s == "no") return kNoLimit;
  return number_with_unit(s, kWeightUnits);
}

ParsedValue parse_length_m(std::string_view v) {
  const std::string s = normalized(v);
  if (s == "default" || s == "none" || s == "unsigned") return kNoLimit;
  ParsedValue metric = number_with_unit(s, kLengthUnits);
  if (metric.kind == Kind::Value) return metric;
  if (std::optional<double> m = imperial_m(s)) return positive_value(*m);
  return kInvalid;
}

ParsedValue parse_speed_kmh(std::string_view v) {
  const std::string s = normalized(v);
  if (s == "none") return kNoLimit;
  if (s == "walk") return kmh(kWalkKmh);
  if (s.find(':') != std::string::npos) return implicit_speed(s);
  return number_with_unit(s, kSpeedUnits);
}

ParsedValue parse_mlc(std::string_view v) {
  const std::string s = normalized(v);
  if (s == "none") return kNoLimit;
  constexpr std::array kNoUnit{Unit{"", 1.0}};
  return number_with_unit(s, kNoUnit);
}

Oneway parse_oneway(std::string_view v) {
  const std::string s = normalized(v);
  if (s == "yes" || s == "true" || s == "1") return Oneway::Forward;
  if (s == "-1" || s == "reverse") return Oneway::Backward;
  if (s == "no" || s == "false" || s == "0") return Oneway::No;
  if (s == "reversible" || s == "alternating") return Oneway::Reversible;
  return Oneway::Unknown;
}

Access parse_access(std::string_view v) {
  Access best = Access::Unknown;
  for_each_entry(v, [&](const std::string& entry) {
    const Access a = access_value(entry);
    if (permissiveness(a) > permissiveness(best)) best = a;
  });
  return best;
}

std::vector<int> parse_gauge_mm(std::string_view v) {
  std::vector<int> gauges;
  for_each_entry(v, [&](const std::string& entry) {
    std::string_view s = entry;
    if (s.ends_with("mm")) s = trim(s.substr(0, s.size() - 2));
    if (s.empty() || !is_digit(s.front())) return;  // from_chars would take a '-'
    const std::optional<int> mm = whole_int(s);
    if (!mm || *mm <= 0) return;
    for (int g : gauges) {
      if (g == *mm) return;
    }
    gauges.push_back(*mm);
  });
  return gauges;
}

std::optional<int> parse_layer(std::string_view v) {
  std::string_view s = trim(v);
  // from_chars reads a '-' but not a '+'; take the '+' here and refuse "+-1".
  if (take_prefix(s, "+") && (s.empty() || !is_digit(s.front()))) return std::nullopt;
  const std::optional<int> layer = whole_int(s);
  if (!layer || *layer < -5 || *layer > 5) return std::nullopt;
  return layer;
}

bool parse_yes(std::string_view v) {
  const std::string s = normalized(v);
  return !(s.empty() || s == "no" || s == "false" || s == "0");
}

}  // namespace milmob::osm
