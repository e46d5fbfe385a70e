#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "network/file.h"
#include "network/summary.h"

namespace milmob::cli {

void add_info_command(CLI::App& app, const GlobalOptions&, int&) {
  struct Args {
    std::string net;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("info", "Summarize a network file");
  cmd->add_option("net", args->net, "Network file written by 'milmob import'")->required();
  cmd->add_flag("--json", args->json, "Print the summary as JSON");
  cmd->callback([args] {
    const MappedNetwork mapped = MappedNetwork::open(args->net);
    const NetworkSummary s = summarize(mapped.net());
    if (args->json) {
      nlohmann::json j = to_json(s);
      j["file"] = args->net;
      j["file_bytes"] = mapped.file_size();
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << fmt::format("{} ({} bytes)\n", args->net, mapped.file_size()) << to_text(s);
    }
  });
}

}  // namespace milmob::cli
