#pragma once
// A plan's files in an output directory (docs/planning.md "Outputs"), each written to a
// temporary name and renamed: a failed run leaves the previous outputs as they were, never a
// half-written file. For `plan` and `whatif`.
#include <string>

#include "planning/plan.h"

namespace milmob::cli {

// plan.json, closure.csv, march_tables.csv, bookings.csv, routes.geojson, routes.gpkg and report.html, with
// `extra_html` (sections) added to the report. Throws InputError if the directory cannot be made.
void write_plan_files(const std::string& dir, const planning::Plan& plan, const std::string& extra_html = {});

// Creates `dir` if needed; InputError naming it otherwise.
void make_output_dir(const std::string& dir);

}  // namespace milmob::cli
