#pragma once
// report.html: a plan for a movement planner to read in a browser. One self-contained file
// (inline CSS and SVG, nothing fetched, so it opens offline): the header with the force closure,
// the closure table, a map of the routes with night stops, waits and border crossings, a
// timeline of every march unit, the convoy support centre places booked per night, and the
// causes of delay. The same plan gives the same bytes (no timestamp, fixed number formats).
#include <string>
#include <string_view>

#include "planning/plan.h"

namespace milmob::planning {

// `extra_sections`: HTML sections added after the plan's own (a what-if comparison).
std::string report_html(const Plan& plan, const std::string& extra_sections = {});

// Text made safe for HTML content and quoted attribute values (names come from user files).
std::string html_escape(std::string_view text);

}  // namespace milmob::planning
