#pragma once
// Parsers for the values of the OSM tags milmob reads (maxweight, maxheight, maxspeed, mlc,
// oneway, access, gauge, layer, bridge/tunnel). Each takes the raw tag value and never throws:
// mappers write "7,5 t", "11'6\"" or "fixme", and one odd value must not stop an import.
//
// Common rules: surrounding whitespace is ignored; units and keywords are case-insensitive;
// a number is plain decimal digits with an optional '.' or ',' fraction ("7.5", "7,5"); signs,
// exponents, "inf" and "nan" are not numbers. A Value is always finite and positive.
#include <optional>
#include <string_view>
#include <vector>

namespace milmob::osm {

// A parsed limit: a value, "no limit" (none/unlimited/default where that means no sign), or
// invalid (missing, garbage, or a form we do not read such as conditional restrictions).
struct ParsedValue {
  enum class Kind { Value, NoLimit, Invalid };
  Kind kind = Kind::Invalid;
  double value = 0.0;  // meaningful only for Kind::Value, in the unit the parser names
};

// maxweight / maxaxleload / maxweightrating, in tonnes. Units: t (default), kg, st (short
// ton), lt (long ton), lb/lbs. "none", "unlimited", "no" -> NoLimit.
ParsedValue parse_weight_t(std::string_view v);

// maxheight / maxwidth / maxlength, in metres. Units: m (default), cm, feet and inches
// ("11'6\"", "11 ft 6 in", also with the primes U+2032/U+2033). "default", "none",
// "unsigned" -> NoLimit; "below_default" and other text -> Invalid.
ParsedValue parse_length_m(std::string_view v);

// maxspeed (also source:maxspeed, maxspeed:type, zone:maxspeed), in km/h. Units: km/h
// (default), mph, knots; "walk" is 6 km/h; "none" -> NoLimit; implicit "CC:zone" values
// ("DE:urban", "FR:motorway") from a table of European defaults; "DE:30" / "DE:zone30" -> 30.
ParsedValue parse_speed_kmh(std::string_view v);

// mlc / mlc:wheeled / mlc:tracked: a positive class number; "none" -> NoLimit.
ParsedValue parse_mlc(std::string_view v);

enum class Oneway { No, Forward, Backward, Reversible, Unknown };
// yes/true/1 -> Forward; -1/reverse -> Backward; no/false/0 -> No;
// reversible/alternating -> Reversible; anything else -> Unknown.
Oneway parse_oneway(std::string_view v);

enum class Access { Unknown, Yes, No, Private, Destination, Military };
// access and its vehicle variants (motor_vehicle, hgv, ...). A ';'-separated list names every
// group allowed, so the most permissive recognised entry wins, in the order
// Yes > Military > Destination > Private > No; unrecognised entries are ignored. Military
// ranks above the civil restricted grants because milmob plans military traffic, for which
// access=military is a grant.
Access parse_access(std::string_view v);

// railway gauge in millimetres: "1435", "1435;1520", "1000 mm". Entries that are not positive
// integers are skipped, duplicates dropped, order kept; empty if nothing is readable.
std::vector<int> parse_gauge_mm(std::string_view v);

// layer: an integer from -5 to 5 ("+1" accepted); anything else -> nullopt.
std::optional<int> parse_layer(std::string_view v);

// bridge=* / tunnel=* and similar flags: true for any value (yes, viaduct, building_passage,
// ...) except empty, "no", "false" and "0".
bool parse_yes(std::string_view v);

}  // namespace milmob::osm
