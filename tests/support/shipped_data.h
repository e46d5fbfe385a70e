#pragma once
// The data shipped in data/ as tests use it, loaded once: the vehicle catalogue and the table
// of public holidays.
#include "scenario/calendar.h"
#include "vehicles/catalogue.h"

namespace milmob::testing {

const vehicles::Catalogue& shipped_catalogue();
const scenario::HolidayCalendar& shipped_calendar();

}  // namespace milmob::testing
