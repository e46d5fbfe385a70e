#pragma once
// The nations a scenario may name: ISO 3166-1 alpha-3 codes of Europe, NATO and the partners
// that deploy forces there (plus KOS, as Natural Earth's ADM0_A3 writes Kosovo).
#include <string>
#include <string_view>
#include <vector>

namespace milmob::scenario {

bool is_known_nation(std::string_view code);
const std::vector<std::string>& known_nations();

}  // namespace milmob::scenario
