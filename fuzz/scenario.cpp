// Fuzz target: the scenario loader (src/scenario/loader.h) on arbitrary text, with the shipped
// vehicle catalogue and place table. The loader reports every problem as a diagnostic: it may
// throw nothing, and a scenario it accepts must turn into its JSON document (GET /scenario).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.h"
#include "scenario/loader.h"
#include "scenario/places.h"
#include "scenario/scenario_json.h"
#include "vehicles/catalogue.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace milmob;
  static const vehicles::Catalogue catalogue = vehicles::Catalogue::load(vehicles::default_catalogue_path());
  static const scenario::PlaceTable places = scenario::PlaceTable::load_default();
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Relative paths (fragments, holidays) resolve against the examples, as for a real scenario.
  const scenario::LoadResult r = scenario::load_scenario_text(text, "fuzz.yaml", MILMOB_SOURCE_DIR "/examples",
                                                              {catalogue, places});
  if (r.ok()) {
    (void)scenario::to_document(r.scenario).dump();
  } else {
    FUZZ_CHECK(!r.diagnostics.sorted().empty());
  }
  return 0;
}
