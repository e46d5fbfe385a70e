#pragma once
// Random numbers that give the same values on every machine and library version: seeds are
// derived with splitmix64 (a counter-based mixer), the generator is std::mt19937_64 (its output
// is fixed by the C++ standard), and every distribution is sampled by our own inverse CDF from a
// uniform made of 53 random bits (the std:: distributions may differ between libraries).
#include <cstdint>
#include <random>
#include <string_view>

namespace milmob::simulation {

// One step of splitmix64 (Steele, Lea, Flood 2014, "Fast splittable pseudorandom number
// generators"): a bijective mixer, so distinct inputs give distinct, well spread outputs.
std::uint64_t splitmix64(std::uint64_t x);

// The seed of run `index` of a sweep seeded with `seed`: a function of both alone, so a run gives
// the same result whichever thread or MPI rank computes it.
std::uint64_t run_seed(std::uint64_t seed, std::uint64_t index);

// A stable 64-bit hash of a name (FNV-1a), to key random streams by nation, border, ...
std::uint64_t name_hash(std::string_view name);

// A uniform number in [0, 1) from 64 random bits: the top 53 bits scaled by 2^-53.
double to_unit(std::uint64_t bits);

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return to_unit(engine_()); }  // [0, 1)
  // (0, 1): for inverse CDFs that are infinite at 0.
  double open_uniform();
  std::uint64_t bits() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// The standard normal quantile (inverse CDF) at p in (0, 1), by P. J. Acklam's rational
// approximation (relative error below 1.2e-9: far below what any delay figure here is known to).
double normal_quantile(double p);

}  // namespace milmob::simulation
