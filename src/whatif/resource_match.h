#pragma once
// Which of a scenario's resources (centres, railheads, ports) a candidate's target place names:
// the same name (case and accents folded) or a place within 1 km. Internal to whatif.
#include "geo/distance.h"
#include "scenario/places.h"
#include "scenario/scenario.h"

namespace milmob::whatif::detail {

constexpr double kSamePlaceM = 1000;

inline bool same_place(const scenario::PlaceRef& a, const scenario::PlaceRef& b) {
  if (!a.name.empty() && !b.name.empty() && scenario::fold_name(a.name) == scenario::fold_name(b.name)) return true;
  return geo::haversine_m(a.where, b.where) <= kSamePlaceM;
}

// The first resource of `list` at `place`, or nullptr.
template <typename List>
auto find_at(List& list, const scenario::PlaceRef& place) -> decltype(&list.front()) {
  for (auto& x : list)
    if (same_place(x.place, place)) return &x;
  return nullptr;
}

}  // namespace milmob::whatif::detail
