// Fuzz target: the OSM tag value parsers (src/osm/tag_parsers.h) and the way attributes derived
// from a tag set (src/osm/way_attributes.h). None of them may throw; every parsed value keeps the
// promises of the header (finite and positive, layer within -5..5, gauges positive).
//
// Input: the whole text is one tag value for every parser; read as lines "key=value", it is
// also the tag set of a road way and of a rail way.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "osm/road_profile.h"
#include "osm/tag_parsers.h"
#include "osm/way_attributes.h"

namespace {

using namespace milmob;
using namespace milmob::osm;

void check(const ParsedValue& p) {
  if (p.kind == ParsedValue::Kind::Value) FUZZ_CHECK(std::isfinite(p.value) && p.value > 0);
}

void parse_all(std::string_view v) {
  check(parse_weight_t(v));
  check(parse_length_m(v));
  check(parse_speed_kmh(v));
  check(parse_mlc(v));
  (void)parse_oneway(v);
  (void)parse_access(v);
  for (const int g : parse_gauge_mm(v)) FUZZ_CHECK(g > 0);
  if (const auto layer = parse_layer(v)) FUZZ_CHECK(*layer >= -5 && *layer <= 5);
  (void)parse_yes(v);
}

void check(const WayAttributes& w) {
  FUZZ_CHECK(std::isfinite(w.speed_kmh) && w.speed_kmh > 0);
  FUZZ_CHECK(w.layer >= -5 && w.layer <= 5);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  parse_all(text);

  std::map<std::string, std::string> tags;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    const std::size_t eq = line.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view value = line.substr(eq + 1);
      parse_all(value);
      tags[std::string(line.substr(0, eq))] = std::string(value);
    }
    start = end + 1;
  }
  const TagLookup lookup = [&tags](const char* key) -> const char* {
    const auto it = tags.find(key);
    return it == tags.end() ? nullptr : it->second.c_str();
  };
  const UnparsedSink unparsed = [](const char*, std::string_view) {};
  const BridgeDefaults defaults;
  check(road_attributes(lookup, RoadClass::Primary, defaults, unparsed));
  check(road_attributes(lookup, RoadClass::Track, defaults, unparsed));
  const WayAttributes rail = rail_attributes(lookup, RoadClass::RailMain, unparsed);
  check(rail);
  // A stored gauge is one the tag gives, never one wrapped around into 16 bits.
  if (rail.gauge_mm != 0) {
    const std::vector<int> tagged = parse_gauge_mm(lookup("gauge"));  // as C text, like the lookup
    FUZZ_CHECK(std::find(tagged.begin(), tagged.end(), rail.gauge_mm) != tagged.end());
  }
  return 0;
}
