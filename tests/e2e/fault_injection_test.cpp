// Fault injection (docs/limits.md "Outputs"): writing outputs on a full disk, `kill -9` while
// `milmob plan` writes its outputs, and network files truncated or damaged. The guarantees:
// a failed or killed run leaves the previous outputs byte for byte, or the new ones whole; never
// a half-written file or a mix of two plans in a directory that holds only milmob's outputs;
// no temporary survives the next run; a damaged network file is refused with its name and the
// reason, never loaded in part.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "network/file.h"
#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;
using milmob::testing::read_file;
using milmob::testing::run_command;
using milmob::testing::TempDir;
using milmob::testing::write_file;
using Files = std::map<std::string, std::string>;  // name -> bytes

const std::string kMilmob = MILMOB_BINARY;
const std::string kScenario = std::string(MILMOB_SOURCE_DIR) + "/examples/liechtenstein-exercise.yaml";
const std::string kDisruption = "Rhine bridge Schaan-Buchs lost (test assumption)";
const std::vector<std::string> kPlanFiles = {"plan.json",      "closure.csv", "march_tables.csv", "bookings.csv",
                                             "routes.geojson", "routes.gpkg", "report.html"};

Files files_in(const std::string& dir) {
  Files out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out[e.path().filename().string()] = read_file(e.path().string());
  return out;
}

// Entries of `dir` that a run left behind (staging directories, temporaries).
std::vector<std::string> leftovers(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.find(".milmob-new.") != std::string::npos || name.find(".tmp.") != std::string::npos) out.push_back(name);
  }
  return out;
}

void copy_plan(const Files& files, const std::string& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, bytes] : files) write_file(dir + "/" + name, bytes);
}

// Number of features in a GeoPackage, or -1 if GDAL cannot open it.
long geopackage_features(const std::string& path) {
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) return -1;
  long n = 0;
  for (auto* layer : ds->GetLayers()) n += static_cast<long>(layer->GetFeatureCount());
  return n;
}

// Two complete plans of the Liechtenstein exercise: "old" with its bridge lost, "new" without.
class Outputs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const auto a = run_command(kMilmob + " plan -q " + kScenario + " -o " + dir_->path("old") + " --disruption '" + kDisruption + "'");
    const auto b = run_command(kMilmob + " plan -q " + kScenario + " -o " + dir_->path("new"));
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    old_ = new Files(files_in(dir_->path("old")));
    new_ = new Files(files_in(dir_->path("new")));
    ASSERT_EQ(old_->size(), kPlanFiles.size());
    ASSERT_NE(old_->at("plan.json"), new_->at("plan.json"));
    old_features_ = geopackage_features(dir_->path("old/routes.gpkg"));
    new_features_ = geopackage_features(dir_->path("new/routes.gpkg"));
    ASSERT_GT(old_features_, 0);
  }
  static void TearDownTestSuite() {
    delete old_;
    delete new_;
    delete dir_;
  }

  // "old", "new" or what is wrong: every file of `dir` whole and all of one plan. The GeoPackage
  // is not byte-stable (GDAL stamps the time), so it must open and hold the plan's features.
  static std::string state_of(const std::string& dir) {
    const Files got = files_in(dir);
    std::string which;
    for (const std::string& name : kPlanFiles) {
      if (!got.count(name)) return "missing " + name;
      std::string is;
      if (name == "routes.gpkg") {
        const long n = geopackage_features(dir + "/" + name);
        if (n < 0) return "routes.gpkg does not open";
        if (n != old_features_ && n != new_features_) return "routes.gpkg has " + std::to_string(n) + " features";
        continue;
      }
      if (got.at(name) == old_->at(name)) is = "old";
      else if (got.at(name) == new_->at(name)) is = "new";
      else return name + " is neither the old nor the new one (" + std::to_string(got.at(name).size()) + " bytes)";
      if (name == "plan.json" && !nlohmann::json::accept(got.at(name))) return "plan.json is not whole JSON";
      if (name.ends_with(".csv") && (got.at(name).empty() || got.at(name).back() != '\n')) return name + " ends mid-line";
      if (!which.empty() && is != which && old_->at(name) != new_->at(name)) return "a mix: " + name + " is " + is + ", others " + which;
      if (old_->at(name) != new_->at(name)) which = is;
    }
    if (got.size() != kPlanFiles.size()) return "extra files in the directory";
    return which;
  }

  static TempDir* dir_;
  static Files *old_, *new_;
  static long old_features_, new_features_;
};
TempDir* Outputs::dir_ = nullptr;
Files* Outputs::old_ = nullptr;
Files* Outputs::new_ = nullptr;
long Outputs::old_features_ = 0;
long Outputs::new_features_ = 0;

// Runs `command` (a milmob command line) with RLIMIT_FSIZE at `limit` bytes and SIGXFSZ ignored:
// a write beyond the limit fails with EFBIG, as on a full disk. Its stderr goes through a pipe,
// which the limit does not cut.
milmob::testing::CommandResult run_limited(std::size_t limit, const std::string& command, const std::string& rc_file) {
  auto r = run_command("(trap '' XFSZ; { prlimit --fsize=" + std::to_string(limit) + " " + command + "; echo $? >" +
                       rc_file + "; } 2>&1 >/dev/null | cat >&2)");
  r.exit_code = std::stoi("0" + read_file(rc_file));
  return r;
}

// Limits just below each output's size make each output in turn the one that fails.
TEST_F(Outputs, FullDiskLeavesThePreviousPlanIntact) {
  std::vector<std::size_t> limits = {0, 100};
  std::size_t largest_text = 0;
  for (const auto& [name, bytes] : *new_)
    if (name != "routes.gpkg") limits.push_back(bytes.size() - 1), largest_text = std::max(largest_text, bytes.size());
  // GDAL builds the GeoPackage in memory: it fails when written out, if the others fit.
  const std::size_t gpkg = new_->at("routes.gpkg").size();
  if (gpkg > largest_text) limits.push_back((largest_text + gpkg) / 2);
  TempDir t;
  const std::string out = t.path("out");
  std::set<std::string> failed_at;
  for (const std::size_t limit : limits) {
    copy_plan(*old_, out);
    const auto r = run_limited(limit, kMilmob + " plan -q " + kScenario + " -o " + out, t.path("rc"));
    EXPECT_EQ(r.exit_code, 2) << limit << ": " << r.err;
    EXPECT_NE(r.err.find("File too large"), std::string::npos) << limit << ": " << r.err;
    EXPECT_NE(r.err.find(out + "/"), std::string::npos) << limit << ": names the file: " << r.err;
    failed_at.insert(r.err.substr(r.err.rfind('/') + 1, r.err.find(':', r.err.rfind('/')) - r.err.rfind('/') - 1));
    EXPECT_EQ(files_in(out), *old_) << limit;
    EXPECT_TRUE(leftovers(t.path("")).empty()) << limit << ": " << leftovers(t.path("")).front();
    fs::remove(t.path("rc"));
    EXPECT_TRUE(leftovers(out).empty()) << limit;
  }
  EXPECT_TRUE(failed_at.count("plan.json") && failed_at.count("routes.gpkg")) << failed_at.size();
  std::cout << "full disk: " << limits.size() << " size limits, failed while writing:";
  for (const auto& name : failed_at) std::cout << " " << name;
  std::cout << "\n";
  // The other writers: the network file of `import`, a sweep's CSV, a what-if, a transit report.
  write_file(t.path("net.mmnet"), "previous");
  auto r = run_limited(4096, kMilmob + " import -q " MILMOB_DATA_DIR "/osm/liechtenstein-2013-08-03.osm.pbf -o " + t.path("net.mmnet"),
                       t.path("rc"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(t.path("net.mmnet") + ": cannot write the output file: File too large"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(t.path("net.mmnet")), "previous");
  r = run_limited(64, kMilmob + " sweep -q " + kScenario + " --runs 4 --csv " + t.path("runs.csv"), t.path("rc"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(t.path("runs.csv") + ": cannot write the output file: File too large"), std::string::npos) << r.err;
  copy_plan(*old_, out);
  r = run_limited(1000, kMilmob + " whatif -q " + kScenario + " --disruption '" + kDisruption + "' -o " + out, t.path("rc"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  EXPECT_EQ(files_in(out), *old_);
  r = run_limited(10, kMilmob + " transit -q " + kScenario + " --nation LIE -o " + t.path("transit"), t.path("rc"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(t.path("transit")));
  EXPECT_TRUE(leftovers(t.path("")).empty());
}

// A real full disk: a tmpfs holding the old plan with room for part of the new one, at several
// sizes, so that the disk fills while writing one output, then another. Needs mount rights.
TEST_F(Outputs, FullTmpfsLeavesThePreviousPlanIntact) {
  TempDir t;
  const std::string mnt = t.path("mnt");
  fs::create_directories(mnt);
  const auto pages = [](std::size_t bytes) { return (bytes + 4095) / 4096 * 4096; };
  std::size_t old_size = 0, new_size = 0;
  for (const auto& [name, bytes] : *old_) old_size += pages(bytes.size());
  for (const auto& [name, bytes] : *new_) new_size += pages(bytes.size());
  std::set<std::string> failed_at;
  int fitted = 0;
  for (std::size_t part = 0; part <= 10; ++part) {
    const std::string options = "size=" + std::to_string(old_size + 4 * 4096 + new_size * part / 10);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, options.c_str()) != 0)
      GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << "): the RLIMIT_FSIZE test covers full disks";
    struct Unmount {
      std::string at;
      ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{mnt};
    const std::string out = mnt + "/out";
    copy_plan(*old_, out);
    const auto r = run_command(kMilmob + " plan -q " + kScenario + " -o " + out);
    if (r.exit_code == 0) {  // room enough for both
      ++fitted;
      EXPECT_EQ(state_of(out), "new");
    } else {
      EXPECT_EQ(r.exit_code, 2) << part << ": " << r.err;
      EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << part << ": " << r.err;
      EXPECT_NE(r.err.find(out + "/"), std::string::npos) << part << ": " << r.err;
      EXPECT_EQ(files_in(out), *old_) << part;
      failed_at.insert(r.err.substr(r.err.rfind('/') + 1, r.err.find(':', r.err.rfind('/')) - r.err.rfind('/') - 1));
    }
    EXPECT_TRUE(leftovers(mnt).empty()) << part;
    EXPECT_TRUE(leftovers(out).empty()) << part;
  }
  EXPECT_GE(failed_at.size(), 3u);
  std::cout << "full tmpfs: 11 sizes, " << fitted << " fitted, failed while writing:";
  for (const auto& name : failed_at) std::cout << " " << name;
  std::cout << "\n";
}

pid_t spawn_plan(const std::string& out) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0), ::dup2(null, 1), ::dup2(null, 2);
    ::execl(kMilmob.c_str(), kMilmob.c_str(), "plan", "-q", kScenario.c_str(), "-o", out.c_str(), nullptr);
    ::_exit(127);
  }
  return pid;
}

// kill -9 at many moments of the write phase. The write phase starts when the staging directory
// (PARENT/.out.milmob-new.PID) appears; a first full run measures how long it lasts, then each
// attempt kills at a later point of it, from before it starts to after the swap.
TEST_F(Outputs, KillDuringWritingLeavesTheOldOrTheNewPlanWhole) {
  TempDir t;
  const std::string out = t.path("out");
  using Clock = std::chrono::steady_clock;
  // Waits for the staging directory of `pid`; when it appeared (or exit).
  const auto staging_seen = [&](pid_t pid) {
    const std::string staging = t.path(".out.milmob-new." + std::to_string(pid));
    struct stat st {};
    for (;;) {
      if (::stat(staging.c_str(), &st) == 0) return true;
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) return false;
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  };
  copy_plan(*old_, out);
  const pid_t first = spawn_plan(out);
  ASSERT_TRUE(staging_seen(first));
  const auto start = Clock::now();
  int status = 0;
  ::waitpid(first, &status, 0);
  const auto write_phase = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  ASSERT_EQ(state_of(out), "new");

  constexpr int kAttempts = 60;
  std::map<std::string, int> seen;
  for (int i = 0; i < kAttempts; ++i) {
    copy_plan(*old_, out);
    const pid_t pid = spawn_plan(out);
    if (i % 10 == 9) {
      // Some kills before the write phase (while planning).
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * i));
    } else if (staging_seen(pid)) {
      std::this_thread::sleep_for(write_phase * (i % 10) / 8);  // 0 .. 1.1 of the write phase
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    const std::string state = state_of(out);
    EXPECT_TRUE(state == "old" || state == "new") << "attempt " << i << ": " << state;
    ++seen[state];
  }
  std::string summary;
  for (const auto& [state, n] : seen) summary += state + ": " + std::to_string(n) + " ";
  std::cout << "kill -9 at " << kAttempts << " points, write phase " << write_phase.count() << " us: " << summary << "\n";
  EXPECT_GT(seen["old"], 0);
  // The next complete run removes what killed runs left behind.
  const auto r = run_command(kMilmob + " plan -q " + kScenario + " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(state_of(out), "new");
  EXPECT_TRUE(leftovers(t.path("")).empty()) << leftovers(t.path("")).front();
}

// A directory holding the user's own files too is not swapped as a whole: each output is
// renamed into place alone, so each file is whole (old or new) and the user's file stays.
TEST_F(Outputs, KillInASharedDirectoryLeavesEveryFileWhole) {
  TempDir t;
  const std::string out = t.path("out");
  for (int i = 0; i < 20; ++i) {
    copy_plan(*old_, out);
    write_file(out + "/notes.txt", "mine");
    const pid_t pid = spawn_plan(out);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * i));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_EQ(read_file(out + "/notes.txt"), "mine");
    for (const std::string& name : kPlanFiles) {
      const std::string bytes = read_file(out + "/" + name);
      if (name == "routes.gpkg") EXPECT_GT(geopackage_features(out + "/" + name), 0) << i;
      else EXPECT_TRUE(bytes == old_->at(name) || bytes == new_->at(name)) << i << " " << name;
    }
  }
  const auto r = run_command(kMilmob + " plan -q " + kScenario + " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(out + "/notes.txt"), "mine");
  EXPECT_EQ(read_file(out + "/plan.json"), new_->at("plan.json"));
  EXPECT_TRUE(leftovers(t.path("")).empty());
  EXPECT_TRUE(leftovers(out).empty()) << leftovers(out).front();
}

// The network file of the smallest shipped extract, cut at every 4 KiB boundary and with bytes
// flipped in its header, section table and data: each refused with the file's name and why.
TEST(NetworkFile, TruncatedOrDamagedIsRefusedWithItsReason) {
  TempDir t;
  const std::string good = t.path("net.mmnet");
  const auto imp = run_command(kMilmob + " import -q " MILMOB_DATA_DIR "/osm/liechtenstein-2013-08-03.osm.pbf -o " + good);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  const std::string bytes = read_file(good);
  const std::string bad = t.path("bad.mmnet");
  const auto start = std::chrono::steady_clock::now();
  std::size_t cuts = 0;
  const auto expect_refused = [&](const std::string& content, const std::string& what) {
    write_file(bad, content);
    try {
      const auto net = milmob::MappedNetwork::open(bad);
      ADD_FAILURE() << what << ": loaded";
    } catch (const milmob::InputError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(bad + ": ", 0), 0u) << what << ": " << e.what();
    }
  };
  for (std::size_t at = 0; at < bytes.size(); at += 4096, ++cuts) expect_refused(bytes.substr(0, at), "cut at " + std::to_string(at));
  expect_refused(bytes.substr(0, bytes.size() - 1), "one byte short");
  // Damaged: magic, version, size, the section table, and data near the start, middle and end.
  for (const std::size_t at : {std::size_t{0}, std::size_t{8}, std::size_t{16}, std::size_t{70}, std::size_t{200},
                               bytes.size() / 2, bytes.size() - 10}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    expect_refused(damaged, "byte " + std::to_string(at) + " flipped");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << bytes.size() << " bytes, " << cuts << " cuts and 8 damaged copies refused in " << seconds << " s\n";
  // And through the command: exit code 2, the file and the reason.
  write_file(bad, bytes.substr(0, bytes.size() / 2));
  const auto r = run_command(kMilmob + " info " + bad);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(bad + ": network file is truncated or padded: header says " + std::to_string(bytes.size()) +
                       " bytes, file has " + std::to_string(bytes.size() / 2)),
            std::string::npos)
      << r.err;
}

}  // namespace
