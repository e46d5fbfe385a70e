// The bad-scenario corpus (tests/data/scenarios/bad): `milmob check` on each file must print
// exactly the diagnostics in the .expected file beside it and exit with the code on its last
// line. MILMOB_UPDATE_EXPECTED=1 rewrites the .expected files (review the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace {

using milmob::testing::read_file;
using milmob::testing::run_command;

const std::string kCorpus = std::string(MILMOB_SOURCE_DIR) + "/tests/data/scenarios/bad";

std::vector<std::string> corpus_files() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus))
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class BadScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenario, CheckPrintsExactlyTheExpectedDiagnostics) {
  const std::string name = GetParam();
  const auto r = run_command("cd '" + kCorpus + "' && '" + MILMOB_BINARY + "' check '" + name + "'");
  const std::string actual = r.out + "exit " + std::to_string(r.exit_code) + "\n";
  const std::string expected_path = kCorpus + "/" + name.substr(0, name.size() - 5) + ".expected";
  if (std::getenv("MILMOB_UPDATE_EXPECTED")) milmob::testing::write_file(expected_path, actual);
  EXPECT_EQ(actual, read_file(expected_path));
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(BadScenarioCorpus, HasAtLeastThirtyCases) { EXPECT_GE(corpus_files().size(), 30u); }

INSTANTIATE_TEST_SUITE_P(Corpus, BadScenario, ::testing::ValuesIn(corpus_files()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string id = param.param.substr(0, param.param.size() - 5);
                           std::replace(id.begin(), id.end(), '-', '_');
                           return "case_" + id;
                         });

}  // namespace
