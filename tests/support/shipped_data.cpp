#include "support/shipped_data.h"

#include <string>

namespace milmob::testing {

const vehicles::Catalogue& shipped_catalogue() {
  static const auto c = vehicles::Catalogue::load(std::string(MILMOB_DATA_DIR) + "/vehicles.yaml");
  return c;
}

const scenario::HolidayCalendar& shipped_calendar() {
  static const auto c = scenario::HolidayCalendar::load(std::string(MILMOB_DATA_DIR) + "/holidays.yaml");
  return c;
}

}  // namespace milmob::testing
