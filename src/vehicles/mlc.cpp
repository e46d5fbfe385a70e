#include "vehicles/mlc.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace milmob::vehicles {
namespace {

// Class -> gross weight (t) of the hypothetical vehicles, as tabulated in DOMAIN.md from
// https://en.wikipedia.org/wiki/Military_Load_Classification (STANAG 2021): tracked MLC is
// about the gross weight in short tons, wheeled MLC about 85 % of it.
struct ClassWeight {
  double mlc;
  double weight_t;
};
constexpr std::array<ClassWeight, 5> kTracked{{{40, 36.3}, {50, 45.4}, {80, 72.6}, {100, 90.7}, {120, 108.9}}};
constexpr std::array<ClassWeight, 5> kWheeled{{{40, 42.6}, {50, 52.6}, {80, 83.5}, {100, 104.3}, {120, 125.2}}};

constexpr double kShortTonT = 0.90718474;
// The rule of thumb, in classes per tonne.
double rule_per_t(bool tracked) { return (tracked ? 1.0 : 0.85) / kShortTonT; }

const std::array<ClassWeight, 5>& table(bool tracked) { return tracked ? kTracked : kWheeled; }

double slope(const ClassWeight& a, const ClassWeight& b) { return (b.mlc - a.mlc) / (b.weight_t - a.weight_t); }

// MLC as a continuous, increasing function of weight: linear between the table points; below
// the table, proportional to the first point (within 0.3 % of the rule of thumb, and
// continuous, so a lighter vehicle never gets a higher class); above it, the last segment
// extended or the rule of thumb, whichever is higher. The rule alone would drop the wheeled
// class at the top of the table (0.85 short tons of 125.2 t is 117, not 120).
double raw_mlc(double weight_t, bool tracked) {
  const auto& t = table(tracked);
  if (weight_t <= t.front().weight_t) return t.front().mlc * weight_t / t.front().weight_t;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (weight_t <= t[i + 1].weight_t) return t[i].mlc + (weight_t - t[i].weight_t) * slope(t[i], t[i + 1]);
  }
  const ClassWeight& last = t[t.size() - 1];
  const double extended = last.mlc + (weight_t - last.weight_t) * slope(t[t.size() - 2], last);
  return std::max(extended, weight_t * rule_per_t(tracked));
}

// Absorbs rounding in the interpolation so a table weight lands exactly on its class.
constexpr double kClassEpsilon = 1e-6;

}  // namespace

double mlc_from_weight(double weight_t, bool tracked) {
  if (std::isnan(weight_t)) return weight_t;
  if (weight_t <= 0) return 0;
  return std::max(1.0, std::ceil(raw_mlc(weight_t, tracked) - kClassEpsilon));
}

double weight_from_mlc(double mlc, bool tracked) {
  if (std::isnan(mlc)) return mlc;
  if (mlc <= 0) return 0;
  const auto& t = table(tracked);
  if (mlc <= t.front().mlc) return t.front().weight_t * mlc / t.front().mlc;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (mlc <= t[i + 1].mlc) return t[i].weight_t + (mlc - t[i].mlc) / slope(t[i], t[i + 1]);
  }
  // Inverse of the max() in raw_mlc: the weight at which the first of the two reaches mlc.
  const ClassWeight& last = t[t.size() - 1];
  const double extended = last.weight_t + (mlc - last.mlc) / slope(t[t.size() - 2], last);
  return std::min(extended, mlc / rule_per_t(tracked));
}

}  // namespace milmob::vehicles
