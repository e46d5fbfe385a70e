// Tag value parsers against the forms the OSM wiki documents (Key:maxweight, Key:maxheight,
// Key:maxspeed, Default speed limits, Key:mlc) and the odd values mappers actually write.
#include "osm/tag_parsers.h"
#include "osm/way_attributes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace milmob::osm {
namespace {

using Kind = ParsedValue::Kind;
using Parser = ParsedValue (*)(std::string_view);

std::string describe(const ParsedValue& p) {
  switch (p.kind) {
    case Kind::Value: return "Value " + std::to_string(p.value);
    case Kind::NoLimit: return "NoLimit";
    case Kind::Invalid: return "Invalid";
  }
  return "?";
}

testing::AssertionResult gives_value(Parser parse, std::string_view input, double expected) {
  const ParsedValue p = parse(input);
  if (p.kind == Kind::Value && std::abs(p.value - expected) <= 1e-9 * std::max(1.0, expected)) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "\"" << input << "\" gave " << describe(p)
                                     << ", expected Value " << expected;
}

testing::AssertionResult gives_kind(Parser parse, std::string_view input, Kind expected) {
  const ParsedValue p = parse(input);
  if (p.kind == expected) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << input << "\" gave " << describe(p) << ", expected "
                                     << describe(ParsedValue{expected, 0.0});
}

// Garbage no numeric parser may accept.
const std::vector<std::string_view> kGarbage{
    "",       " ",      "\t",      "abc",   "3.5.1", "-3",    "-3.5", "+3",     "0",
    "0.0",    "0,0",    "1e400",   "1e3",   "nan",   "NaN",   "inf",  "-inf",   "infinity",
    ".5",     "5.",     "5,",      "0x10",  "fixme", "FIXME", "?",    "unknown", "yes",
    "3.5;4",  "3.5|4",  "3 5",     "3..5",  "3,,5",  "3.,5",  "t",    "7.5 @ (weight>3.5)",
};

// --- weight ---

TEST(ParseWeight, TonnesIsTheDefaultUnit) {
  EXPECT_TRUE(gives_value(parse_weight_t, "7.5", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7.5 t", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7.5t", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7.5 T", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7.5  t", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "40", 40.0));
  EXPECT_TRUE(gives_value(parse_weight_t, "12 tonnes", 12.0));
  EXPECT_TRUE(gives_value(parse_weight_t, "1 tonne", 1.0));
  EXPECT_TRUE(gives_value(parse_weight_t, "0.5", 0.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "007", 7.0));
}

TEST(ParseWeight, DecimalCommaAndWhitespace) {
  EXPECT_TRUE(gives_value(parse_weight_t, "7,5", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7,5 t", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "  3.5 t  ", 3.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "\t12\n", 12.0));
}

TEST(ParseWeight, OtherUnits) {
  EXPECT_TRUE(gives_value(parse_weight_t, "7500 kg", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7500kg", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "7500 KG", 7.5));
  EXPECT_TRUE(gives_value(parse_weight_t, "3.5 st", 3.5 * 0.90718474));
  EXPECT_TRUE(gives_value(parse_weight_t, "10 ST", 9.0718474));
  EXPECT_TRUE(gives_value(parse_weight_t, "20 lt", 20 * 1.0160469088));
  EXPECT_TRUE(gives_value(parse_weight_t, "8000 lbs", 8000 * 0.45359237 / 1000));
  EXPECT_TRUE(gives_value(parse_weight_t, "8000 lb", 3.62873896));
  EXPECT_TRUE(gives_value(parse_weight_t, "8000lbs", 3.62873896));
}

TEST(ParseWeight, NoLimitKeywords) {
  for (std::string_view s : {"none", "None", "NONE", " none ", "unlimited", "no", "No"}) {
    EXPECT_TRUE(gives_kind(parse_weight_t, s, Kind::NoLimit));
  }
}

TEST(ParseWeight, InvalidForms) {
  for (std::string_view s : kGarbage) EXPECT_TRUE(gives_kind(parse_weight_t, s, Kind::Invalid));
  for (std::string_view s :
       {"signals", "default", "7.5 @ (Mo-Fr 06:00-18:00)", "7.5 t @ (hgv)", "7.5 tons",
        "7.5 ton", "7.5 kgs", "7.5 g", "7.5 m", "t 7.5", "7.5 t t", "-7.5 t", "7.5 tt",
        "~7.5", ">7.5", "7.5+", "seven", "12 000 kg", "7.5;12", "0 kg", "-1"}) {
    EXPECT_TRUE(gives_kind(parse_weight_t, s, Kind::Invalid));
  }
}

TEST(ParseWeight, HugeDigitStringsAreInvalidNotInfinite) {
  EXPECT_TRUE(gives_kind(parse_weight_t, "1" + std::string(400, '0'), Kind::Invalid));
  EXPECT_TRUE(gives_kind(parse_weight_t, "1" + std::string(400, '0') + " kg", Kind::Invalid));
  // A long but representable number stays a value.
  EXPECT_TRUE(gives_value(parse_weight_t, "1" + std::string(20, '0'), 1e20));
}

// --- length ---

TEST(ParseLength, MetresIsTheDefaultUnit) {
  EXPECT_TRUE(gives_value(parse_length_m, "3.5", 3.5));
  EXPECT_TRUE(gives_value(parse_length_m, "3.5 m", 3.5));
  EXPECT_TRUE(gives_value(parse_length_m, "3.5m", 3.5));
  EXPECT_TRUE(gives_value(parse_length_m, "3.5 M", 3.5));
  EXPECT_TRUE(gives_value(parse_length_m, "3,8 m", 3.8));
  EXPECT_TRUE(gives_value(parse_length_m, " 4 ", 4.0));
  EXPECT_TRUE(gives_value(parse_length_m, "18.75 metres", 18.75));
  EXPECT_TRUE(gives_value(parse_length_m, "2 meters", 2.0));
}

TEST(ParseLength, Centimetres) {
  EXPECT_TRUE(gives_value(parse_length_m, "350 cm", 3.5));
  EXPECT_TRUE(gives_value(parse_length_m, "350cm", 3.5));
  EXPECT_TRUE(gives_value(parse_length_m, "255,5 CM", 2.555));
}

TEST(ParseLength, FeetAndInches) {
  const double ft = 0.3048;
  const double in = 0.0254;
  EXPECT_TRUE(gives_value(parse_length_m, "11'6\"", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11' 6\"", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11 ' 6 \"", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11'6''", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11'6", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11 ft 6 in", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11ft6in", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11 FT 6 IN", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "11 feet 6 inches", 11 * ft + 6 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "12'", 12 * ft));
  EXPECT_TRUE(gives_value(parse_length_m, "12 ft", 12 * ft));
  EXPECT_TRUE(gives_value(parse_length_m, "12ft", 12 * ft));
  EXPECT_TRUE(gives_value(parse_length_m, "1 foot", ft));
  EXPECT_TRUE(gives_value(parse_length_m, "12'0\"", 12 * ft));
  EXPECT_TRUE(gives_value(parse_length_m, "13'11\"", 13 * ft + 11 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "13'6.5\"", 13 * ft + 6.5 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "10.5'", 10.5 * ft));
  EXPECT_TRUE(gives_value(parse_length_m, "18\"", 18 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "18 in", 18 * in));
  EXPECT_TRUE(gives_value(parse_length_m, "0'6\"", 6 * in));
}

TEST(ParseLength, TypographicPrimesAndQuotes) {
  const double expected = 11 * 0.3048 + 6 * 0.0254;
  EXPECT_TRUE(gives_value(parse_length_m, "11\u20326\u2033", expected));
  EXPECT_TRUE(gives_value(parse_length_m, "11\u2032 6\u2033", expected));
  EXPECT_TRUE(gives_value(parse_length_m, "12\u2032", 12 * 0.3048));
  EXPECT_TRUE(gives_value(parse_length_m, "11\u20196\u201d", expected));
}

TEST(ParseLength, NoLimitKeywords) {
  for (std::string_view s : {"default", "Default", "none", "NONE", "unsigned", " unsigned "}) {
    EXPECT_TRUE(gives_kind(parse_length_m, s, Kind::NoLimit));
  }
}

TEST(ParseLength, InvalidForms) {
  for (std::string_view s : kGarbage) EXPECT_TRUE(gives_kind(parse_length_m, s, Kind::Invalid));
  for (std::string_view s :
       {"below_default", "no_sign", "no_indications", "physical", "3.5 km", "3.5 mm",
        "3.5 m m", "m 3.5", "11'12\"", "11'13\"", "11'-6\"", "11'6\"6", "11'6\" 2", "11''",
        "'6\"", "\"", "'", "11 6", "11 in 6 ft", "11\"6'", "3.5 m @ (wet)", "0 m", "0'",
        "0'0\"", "-3.5 m", "3.5 m;4 m"}) {
    EXPECT_TRUE(gives_kind(parse_length_m, s, Kind::Invalid));
  }
}

// --- speed ---

TEST(ParseSpeed, KilometresPerHourIsTheDefaultUnit) {
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50 km/h", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50km/h", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50 KM/H", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50 kmh", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50kph", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "50 kph", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, " 130 ", 130.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "7,5", 7.5));
}

TEST(ParseSpeed, OtherUnits) {
  EXPECT_TRUE(gives_value(parse_speed_kmh, "30 mph", 30 * 1.609344));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "30mph", 30 * 1.609344));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "70 MPH", 70 * 1.609344));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "10 knots", 18.52));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "10 kn", 18.52));
}

TEST(ParseSpeed, Keywords) {
  EXPECT_TRUE(gives_value(parse_speed_kmh, "walk", 6.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "Walk", 6.0));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, "none", Kind::NoLimit));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, " None ", Kind::NoLimit));
  for (std::string_view s : {"signals", "variable", "no", "unlimited", "default", "implicit"}) {
    EXPECT_TRUE(gives_kind(parse_speed_kmh, s, Kind::Invalid));
  }
}

TEST(ParseSpeed, ImplicitCountryZones) {
  struct Case {
    std::string_view zone;
    double kmh;
  };
  const Case cases[] = {
      {"DE:urban", 50},     {"DE:rural", 100},   {"FR:urban", 50},      {"FR:rural", 80},
      {"FR:trunk", 110},    {"FR:motorway", 130}, {"NL:urban", 50},     {"NL:rural", 80},
      {"NL:motorway", 130}, {"AT:urban", 50},    {"AT:rural", 100},     {"AT:motorway", 130},
      {"CH:urban", 50},     {"CH:rural", 80},    {"CH:trunk", 100},     {"CH:motorway", 120},
      {"IT:urban", 50},     {"IT:rural", 90},    {"IT:motorway", 130},  {"PL:urban", 50},
      {"PL:rural", 90},     {"PL:expressway", 120}, {"PL:motorway", 140}, {"BE:urban", 50},
      {"BE:motorway", 120}, {"BE-VLG:rural", 70}, {"BE-WAL:rural", 90}, {"BE-BRU:urban", 30},
      {"CZ:rural", 90},     {"CZ:motorway", 130}, {"DK:rural", 80},     {"LT:rural", 90},
      {"RU:urban", 60},     {"RU:rural", 90},    {"UA:urban", 50},      {"ES:motorway", 120},
      {"SE:rural", 70},     {"RO:motorway", 130}, {"DE:living_street", 6},
  };
  for (const Case& c : cases) EXPECT_TRUE(gives_value(parse_speed_kmh, c.zone, c.kmh));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, "DE:motorway", Kind::NoLimit));
}

TEST(ParseSpeed, ImplicitZonesAreCaseInsensitive) {
  EXPECT_TRUE(gives_value(parse_speed_kmh, "de:urban", 50.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "De:Rural", 100.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, " FR:RURAL ", 80.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "be-vlg:rural", 70.0));
}

TEST(ParseSpeed, BritishNationalLimitsAreInMph) {
  EXPECT_TRUE(gives_value(parse_speed_kmh, "GB:nsl_single", 60 * 1.609344));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "GB:nsl_dual", 70 * 1.609344));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "GB:motorway", 70 * 1.609344));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "GB:zone20", 20 * 1.609344));
}

TEST(ParseSpeed, SpeedZones) {
  EXPECT_TRUE(gives_value(parse_speed_kmh, "DE:30", 30.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "DE:zone30", 30.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "DE:zone:30", 30.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "de:ZONE20", 20.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "FR:zone30", 30.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "RU:20", 20.0));
  EXPECT_TRUE(gives_value(parse_speed_kmh, "BE-VLG:zone30", 30.0));
  // The prefix must look like a country code, optionally with a short subdivision.
  EXPECT_TRUE(gives_kind(parse_speed_kmh, "BE-FLANDERS:30", Kind::Invalid));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, "BE-V.G:30", Kind::Invalid));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, "BE-:30", Kind::Invalid));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, "B1:30", Kind::Invalid));
}

TEST(ParseSpeed, UnitConversionOverflowIsInvalid) {
  // 1.5e308 is a finite double, but in km/h it would be infinite.
  const std::string huge = "15" + std::string(307, '0');
  EXPECT_TRUE(gives_value(parse_speed_kmh, huge, 1.5e308));
  EXPECT_TRUE(gives_kind(parse_speed_kmh, huge + " mph", Kind::Invalid));
  EXPECT_TRUE(gives_kind(parse_weight_t, "179" + std::string(306, '0') + " lt", Kind::Invalid));
}

TEST(ParseSpeed, InvalidForms) {
  for (std::string_view s : kGarbage) EXPECT_TRUE(gives_kind(parse_speed_kmh, s, Kind::Invalid));
  for (std::string_view s :
       {"DE:unknown_zone", "XX:urban", "ZZ:rural", "DE:", ":urban", "D:urban", "DEU:urban",
        "1:urban", "DE:zone", "DE:zone:", "DE:0", "DE:-30", "DE:30 km/h", "DE:urban:30",
        "urban", "rural", "motorway", "50 m/s", "50 km", "50 km/hh", "km/h 50", "50;30",
        "50 @ (22:00-06:00)", "50 mph @ (wet)", "-50", "0 mph", "60 km/h;80 km/h",
        "BE-VLAANDEREN:rural"}) {
    EXPECT_TRUE(gives_kind(parse_speed_kmh, s, Kind::Invalid));
  }
}

// --- mlc ---

TEST(ParseMlc, PositiveClassNumbers) {
  EXPECT_TRUE(gives_value(parse_mlc, "70", 70.0));
  EXPECT_TRUE(gives_value(parse_mlc, "70.0", 70.0));
  EXPECT_TRUE(gives_value(parse_mlc, "70,0", 70.0));
  EXPECT_TRUE(gives_value(parse_mlc, " 16 ", 16.0));
  EXPECT_TRUE(gives_value(parse_mlc, "120", 120.0));
  EXPECT_TRUE(gives_value(parse_mlc, "8", 8.0));
}

TEST(ParseMlc, NoneIsNoLimit) {
  EXPECT_TRUE(gives_kind(parse_mlc, "none", Kind::NoLimit));
  EXPECT_TRUE(gives_kind(parse_mlc, "None", Kind::NoLimit));
}

TEST(ParseMlc, InvalidForms) {
  for (std::string_view s : kGarbage) EXPECT_TRUE(gives_kind(parse_mlc, s, Kind::Invalid));
  for (std::string_view s : {"70 t", "mlc70", "MLC 70", "70/60", "70;60", "70 tracked",
                             "no", "unlimited", "default", "-70", "0"}) {
    EXPECT_TRUE(gives_kind(parse_mlc, s, Kind::Invalid));
  }
}

// --- oneway ---

TEST(ParseOneway, DocumentedValues) {
  for (std::string_view s : {"yes", "Yes", "YES", "true", "1", " yes "}) {
    EXPECT_EQ(parse_oneway(s), Oneway::Forward) << s;
  }
  for (std::string_view s : {"-1", "reverse", " -1 "}) {
    EXPECT_EQ(parse_oneway(s), Oneway::Backward) << s;
  }
  for (std::string_view s : {"no", "No", "false", "0"}) EXPECT_EQ(parse_oneway(s), Oneway::No) << s;
  for (std::string_view s : {"reversible", "alternating", "Alternating"}) {
    EXPECT_EQ(parse_oneway(s), Oneway::Reversible) << s;
  }
}

TEST(ParseOneway, AnythingElseIsUnknown) {
  for (std::string_view s : {"", " ", "2", "-2", "+1", "1.0", "yes;no", "y", "fixme", "-",
                             "yes @ (Mo-Fr 07:00-09:00)", "recommended"}) {
    EXPECT_EQ(parse_oneway(s), Oneway::Unknown) << s;
  }
}

// --- access ---

TEST(ParseAccess, SingleValues) {
  const std::pair<std::string_view, Access> cases[] = {
      {"yes", Access::Yes},
      {"permissive", Access::Yes},
      {"designated", Access::Yes},
      {"YES", Access::Yes},
      {"no", Access::No},
      {"agricultural", Access::No},
      {"forestry", Access::No},
      {"private", Access::Private},
      {"permit", Access::Private},
      {"destination", Access::Destination},
      {"delivery", Access::Destination},
      {"customers", Access::Destination},
      {"military", Access::Military},
      {" Military ", Access::Military},
      {"", Access::Unknown},
      {" ", Access::Unknown},
      {"unknown", Access::Unknown},
      {"discouraged", Access::Unknown},
      {"bus", Access::Unknown},
      {"fixme", Access::Unknown},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(parse_access(input), expected) << input;
}

TEST(ParseAccess, ListsTakeTheMostPermissiveRecognisedEntry) {
  const std::pair<std::string_view, Access> cases[] = {
      {"agricultural;forestry", Access::No},
      {"no;private", Access::Private},
      {"private;no", Access::Private},
      {"destination;delivery", Access::Destination},
      {"private;destination", Access::Destination},
      {"delivery;private", Access::Destination},
      {"military;private", Access::Military},
      {"destination;military", Access::Military},
      {"military;yes", Access::Yes},
      {"no;yes", Access::Yes},
      {"no;bus", Access::No},
      {"bus;taxi", Access::Unknown},
      {" private ; destination ", Access::Destination},
      {";;", Access::Unknown},
      {"no;", Access::No},
      {";permissive", Access::Yes},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(parse_access(input), expected) << input;
}

// --- gauge ---

TEST(ParseGauge, SingleAndMultiple) {
  EXPECT_EQ(parse_gauge_mm("1435"), std::vector<int>{1435});
  EXPECT_EQ(parse_gauge_mm(" 1520 "), std::vector<int>{1520});
  EXPECT_EQ(parse_gauge_mm("1435;1520"), (std::vector<int>{1435, 1520}));
  EXPECT_EQ(parse_gauge_mm("1520;1435"), (std::vector<int>{1520, 1435}));
  EXPECT_EQ(parse_gauge_mm("1435; 1668 ;1000"), (std::vector<int>{1435, 1668, 1000}));
}

TEST(ParseGauge, LenientUnits) {
  EXPECT_EQ(parse_gauge_mm("1000 mm"), std::vector<int>{1000});
  EXPECT_EQ(parse_gauge_mm("1000mm"), std::vector<int>{1000});
  EXPECT_EQ(parse_gauge_mm("1000 MM"), std::vector<int>{1000});
  EXPECT_EQ(parse_gauge_mm("1435 mm;1520 mm"), (std::vector<int>{1435, 1520}));
}

TEST(ParseGauge, InvalidEntriesSkippedDuplicatesDropped) {
  EXPECT_EQ(parse_gauge_mm("1435;abc;1520"), (std::vector<int>{1435, 1520}));
  EXPECT_EQ(parse_gauge_mm("1435;1435"), std::vector<int>{1435});
  EXPECT_EQ(parse_gauge_mm("1435;;1520;"), (std::vector<int>{1435, 1520}));
  EXPECT_EQ(parse_gauge_mm("-1435;1520"), std::vector<int>{1520});
  EXPECT_EQ(parse_gauge_mm("1435.5;1520"), std::vector<int>{1520});
  EXPECT_EQ(parse_gauge_mm("0;1435"), std::vector<int>{1435});
  EXPECT_EQ(parse_gauge_mm("+1435"), std::vector<int>{});
  EXPECT_EQ(parse_gauge_mm("99999999999999;1435"), std::vector<int>{1435});
}

TEST(ParseGauge, NothingReadableGivesEmpty) {
  for (std::string_view s : {"", " ", ";", "standard", "broad", "mm", "1,435", "1 435",
                             "1435 m", "nan", "inf", "1e3"}) {
    EXPECT_TRUE(parse_gauge_mm(s).empty()) << s;
  }
}

// --- layer ---

TEST(ParseLayer, IntegersInRange) {
  for (int layer = -5; layer <= 5; ++layer) {
    EXPECT_EQ(parse_layer(std::to_string(layer)), layer);
  }
  EXPECT_EQ(parse_layer(" 1 "), 1);
  EXPECT_EQ(parse_layer("+1"), 1);
  EXPECT_EQ(parse_layer("-0"), 0);
  EXPECT_EQ(parse_layer("01"), 1);
}

TEST(ParseLayer, AnythingElseIsNullopt) {
  for (std::string_view s : {"", " ", "6", "-6", "100", "1.0", "1.5", "+-1", "++1", "+",
                             "-", "- 1", "1;2", "yes", "abc", "1a", "0x1", "99999999999"}) {
    EXPECT_EQ(parse_layer(s), std::nullopt) << s;
  }
}

// --- flags ---

TEST(ParseYes, AnyValueButNoIsTrue) {
  for (std::string_view s : {"yes", "viaduct", "aqueduct", "building_passage", "culvert",
                             "covered", "movable", "1", "true", " Yes ", "boardwalk"}) {
    EXPECT_TRUE(parse_yes(s)) << s;
  }
  for (std::string_view s : {"", " ", "no", "NO", " no ", "false", "False", "0"}) {
    EXPECT_FALSE(parse_yes(s)) << s;
  }
}

// --- properties ---

// Random printable and high bytes: no parser throws, and every Value is finite and positive.
TEST(TagParsers, RandomInputNeverThrowsAndValuesArePositive) {
  std::mt19937 rng(20240601u);
  const std::string alphabet = "0123456789.,;:+-eEinfatmkglbsphkw/'\" \t@()xX";
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size());
  std::uniform_int_distribution<int> high(0x80, 0xff);
  const Parser parsers[] = {parse_weight_t, parse_length_m, parse_speed_kmh, parse_mlc};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) {
      const std::size_t j = pick(rng);
      s += j < alphabet.size() ? alphabet[j] : static_cast<char>(high(rng));
    }
    for (Parser parse : parsers) {
      ParsedValue p;
      ASSERT_NO_THROW(p = parse(s)) << s;
      if (p.kind == Kind::Value) {
        EXPECT_TRUE(std::isfinite(p.value) && p.value > 0.0) << s;
      }
    }
    ASSERT_NO_THROW(parse_oneway(s));
    ASSERT_NO_THROW(parse_access(s));
    ASSERT_NO_THROW(parse_yes(s));
    std::vector<int> gauges;
    ASSERT_NO_THROW(gauges = parse_gauge_mm(s));
    for (int g : gauges) EXPECT_GT(g, 0) << s;
    std::optional<int> layer;
    ASSERT_NO_THROW(layer = parse_layer(s));
    if (layer) {
      EXPECT_LE(std::abs(*layer), 5) << s;
    }
  }
}

}  // namespace
}  // namespace milmob::osm

// Found by the fuzz target osm_tags: a value the parser reads but the network cannot hold (a
// float speed or limit, a 16-bit gauge) became infinity or wrapped around; it is unparsed now.
TEST(WayAttributes, FiguresBeyondTheNetworkFieldsAreReportedNotStored) {
  const std::string huge(60, '9');
  const std::map<std::string, std::string> tags = {
      {"maxspeed", huge}, {"maxweight", huge}, {"maxheight", "4.2"}, {"gauge", "66971;1435"}, {"maxaxleload", huge}};
  const milmob::osm::TagLookup tag = [&](const char* key) -> const char* {
    const auto it = tags.find(key);
    return it == tags.end() ? nullptr : it->second.c_str();
  };
  std::vector<std::string> unparsed;
  const milmob::osm::UnparsedSink sink = [&](const char* key, std::string_view) { unparsed.emplace_back(key); };
  const auto road = milmob::osm::road_attributes(tag, milmob::RoadClass::Primary, milmob::osm::BridgeDefaults(), sink);
  EXPECT_EQ(road.speed_kmh, milmob::default_speed_kmh(milmob::RoadClass::Primary));
  EXPECT_EQ(road.limits.max_weight_t, milmob::kNoLimit);
  EXPECT_FLOAT_EQ(road.limits.max_height_m, 4.2f);
  const auto rail = milmob::osm::rail_attributes(tag, milmob::RoadClass::RailMain, sink);
  EXPECT_EQ(rail.gauge_mm, 1435);
  EXPECT_EQ(rail.gauge2_mm, 0);
  EXPECT_EQ(rail.limits.max_axle_load_t, milmob::kNoLimit);
  EXPECT_EQ(unparsed, (std::vector<std::string>{"maxspeed", "maxweight", "maxaxleload", "maxspeed", "maxaxleload"}));
}
