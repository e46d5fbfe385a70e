#include "scenario/scenario.h"

#include <fmt/format.h>

namespace milmob::scenario {

std::string PlaceRef::label() const {
  return name.empty() ? fmt::format("{:.4f},{:.4f}", where.lon, where.lat) : name;
}

}  // namespace milmob::scenario
