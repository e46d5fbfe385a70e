// Fuzz target: the validator's own reader of plan.json (src/validation/plan_reader.h). A file
// that is not a plan of this format throws InputError naming the JSON path; nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/error.h"
#include "validation/plan_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)milmob::validation::parse_plan(text, "fuzz-plan.json");
  } catch (const milmob::InputError&) {
  }
  return 0;
}
