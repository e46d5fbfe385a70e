// Fuzz target: the GIS attribute mapping file (src/gis/line_mapping.h) and the conversion of
// field text to attribute values (src/gis/line_attributes.h), without GDAL. A bad mapping file
// throws InputError; a value that check_value accepts must convert without surprise.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "fuzz/fuzz_check.h"
#include "gis/line_attributes.h"
#include "gis/line_mapping.h"

namespace {

using namespace milmob::gis;

void convert(Attribute a, std::string_view text) {
  if (check_value(a, text)) return;  // refused, with what was expected
  switch (value_type(a)) {
    case ValueType::Mode: (void)parse_mode(text); break;
    case ValueType::RoadClass: (void)parse_road_class(text); break;
    case ValueType::PlaceKind: (void)parse_place_kind(text); break;
    case ValueType::Number:
    case ValueType::WholeNumber: {
      const double x = parse_number(text);
      FUZZ_CHECK(std::isfinite(x) && x >= 0);
      if (value_type(a) == ValueType::WholeNumber) FUZZ_CHECK(x <= 65535);
      break;
    }
    case ValueType::Bool: (void)parse_bool(text); break;
    case ValueType::Text: break;
  }
}

void convert_all(std::string_view text) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(Attribute::Count); ++i) convert(static_cast<Attribute>(i), text);
  if (const auto x = number_value(text)) FUZZ_CHECK(std::isfinite(*x) && *x >= 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  convert_all(text);
  LineMapping mapping;
  try {
    mapping = parse_line_mapping(text, "fuzz-mapping.yaml");
  } catch (const milmob::InputError&) {
    return 0;
  }
  // What the mapping accepted has been checked: converting it must work.
  FUZZ_CHECK(std::isfinite(mapping.node_tolerance_m) && mapping.node_tolerance_m >= 0);
  for (const LayerMapping& layer : mapping.layers)
    for (std::size_t i = 0; i < layer.rules.size(); ++i) {
      const auto& rule = layer.rules[i];
      if (!rule) continue;
      const auto a = static_cast<Attribute>(i);
      FUZZ_CHECK(std::isfinite(rule->scale));
      if (rule->field.empty()) FUZZ_CHECK(!check_value(a, rule->constant));
      for (const auto& [from, to] : rule->values) FUZZ_CHECK(!check_value(a, to));
      if (rule->default_value) FUZZ_CHECK(!check_value(a, *rule->default_value));
      convert_all(rule->constant);
    }
  return 0;
}
