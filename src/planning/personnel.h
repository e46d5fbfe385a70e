#pragma once
// A unit's personnel: the crews ride in their vehicles (rules.convoy.seats_per_vehicle each);
// the rest fly in sorties of personnel between the airfields nearest home and destination, by
// bus to and from them, when the scenario has aircraft with seats; else they ride with the
// unit's convoys. Planned after the unit's vehicles, on the same ledgers (docs/planning.md).
#include "planning/itinerary.h"

namespace milmob::planning {

// `vehicles`: the unit's; `ready`: the end of its notice to move. They fly only when the last
// of them lands by `fly_by` (the unit's vehicles' arrival: flying later than the equipment would
// only delay the unit; infinite when the vehicles fly too, or there are none). Books the sorties
// in `ledgers`.
PersonnelMove move_personnel(PlanningContext& ctx, const scenario::Unit& unit, int vehicles, double ready,
                             double fly_by, Ledgers& ledgers);

}  // namespace milmob::planning
