#pragma once
// A plan's files in an output directory (docs/planning.md "Outputs"), written as one set
// (common/output_set.h): a failed or killed run leaves the previous outputs as they were, never
// a half-written file. For `plan` and `whatif`.
#include <string>
#include <utility>
#include <vector>

#include "planning/plan.h"

namespace milmob::cli {

// The files a plan directory may hold (of `plan` and of `whatif`): a directory holding only
// these is milmob's, and a new set replaces it as a whole (common/output_set.h).
extern const std::vector<std::string> kPlanDirectoryFiles;

// plan.json, closure.csv, march_tables.csv, bookings.csv, routes.geojson, routes.gpkg and report.html, with
// `extra_html` (sections) added to the report, and `extra_files` (name, text) beside them.
// Throws InputError naming the file or directory that cannot be written.
void write_plan_files(const std::string& dir, const planning::Plan& plan, const std::string& extra_html = {},
                      const std::vector<std::pair<std::string, std::string>>& extra_files = {});

// Creates `dir` if needed; InputError naming it otherwise.
void make_output_dir(const std::string& dir);

}  // namespace milmob::cli
