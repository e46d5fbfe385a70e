#pragma once
// "Did you mean ...?" for names a user typed: vehicle types, place names, keys of a file.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace milmob {

// Equal but for ASCII case ("Boxer" = "boxer").
bool equal_ignoring_case(std::string_view a, std::string_view b);

// Levenshtein distance (bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Largest distance still taken for a misspelling of `typed`: beyond about a third of the
// letters wrong it is another name.
inline std::size_t misspelling_limit(std::string_view typed) {
  return typed.size() / 3 > 1 ? typed.size() / 3 : 1;
}

// Up to n candidates closest to `typed` (compared case-insensitively), nearest first, ties in
// candidate order; candidates beyond misspelling_limit are left out.
std::vector<std::string> closest_names(std::string_view typed, const std::vector<std::string>& candidates,
                                       std::size_t n = 3);

// " (did you mean 'a' or 'b'?)", or "" when there is nothing close.
std::string did_you_mean(const std::vector<std::string>& suggestions);

}  // namespace milmob
