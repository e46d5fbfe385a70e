#pragma once
// The subcommands of `milmob`. Each adds itself to the app and, when chosen, sets the exit
// code (docs/cli.md): 0 ok, 1 internal error, 2 bad input, 3 no route / infeasible / plan violates
// its scenario.
#include <CLI/CLI.hpp>

namespace milmob::cli {

constexpr int kExitOk = 0, kExitInternal = 1, kExitBadInput = 2, kExitNoRoute = 3;
constexpr int kExitPlanViolates = 3;  // `validate`: the plan breaks a rule of its scenario

struct GlobalOptions {
  bool quiet = false;
};

void add_import_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_info_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_route_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_vehicles_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_matrix_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_reach_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_check_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_forces_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_plan_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_bottlenecks_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_validate_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_whatif_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_rank_upgrades_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_transit_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_simulate_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_sweep_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_serve_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

// Parses the command line, runs the chosen command, maps errors to exit codes.
int run(int argc, char** argv);

}  // namespace milmob::cli
