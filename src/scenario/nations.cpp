#include "scenario/nations.h"

#include <algorithm>

namespace milmob::scenario {

const std::vector<std::string>& known_nations() {
  // Sorted. Source of the codes: ISO 3166-1 (https://www.iso.org/obp/ui/#search/code/).
  static const std::vector<std::string> codes = {
      "ALB", "AND", "ARM", "AUS", "AUT", "AZE", "BEL", "BGR", "BIH", "BLR", "CAN", "CHE", "CYP", "CZE", "DEU",
      "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GEO", "GRC", "HRV", "HUN", "IRL", "ISL", "ITA", "JPN", "KOR",
      "KOS", "LIE", "LTU", "LUX", "LVA", "MCO", "MDA", "MKD", "MLT", "MNE", "NLD", "NOR", "NZL", "POL", "PRT",
      "ROU", "RUS", "SMR", "SRB", "SVK", "SVN", "SWE", "TUR", "UKR", "USA", "VAT"};
  return codes;
}

bool is_known_nation(std::string_view code) {
  const auto& codes = known_nations();
  return std::binary_search(codes.begin(), codes.end(), code);
}

}  // namespace milmob::scenario
