#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"
#include "common/error.h"

namespace milmob::cli {

int run(int argc, char** argv) {
  CLI::App app{"milmob: military mobility planning on real infrastructure data", "milmob"};
  app.require_subcommand(1);
  app.fallthrough();  // global options (--quiet) may follow the subcommand
  app.set_version_flag("--version", "milmob 0.1.0");
  GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "No progress output on stderr");
  int exit_code = kExitOk;
  add_import_command(app, global, exit_code);
  add_info_command(app, global, exit_code);
  add_route_command(app, global, exit_code);
  add_vehicles_command(app, global, exit_code);
  add_matrix_command(app, global, exit_code);
  add_reach_command(app, global, exit_code);
  add_check_command(app, global, exit_code);
  add_forces_command(app, global, exit_code);
  add_plan_command(app, global, exit_code);
  add_bottlenecks_command(app, global, exit_code);
  add_validate_command(app, global, exit_code);
  add_whatif_command(app, global, exit_code);
  add_rank_upgrades_command(app, global, exit_code);
  add_transit_command(app, global, exit_code);
  add_simulate_command(app, global, exit_code);
  add_sweep_command(app, global, exit_code);
  add_serve_command(app, global, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help or the parse error
    return rc == 0 ? kExitOk : kExitBadInput;
  } catch (const InputError& e) {
    std::fprintf(stderr, "milmob: error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "milmob: internal error: %s\n", e.what());
    return kExitInternal;
  }
  return exit_code;
}

}  // namespace milmob::cli
