// Replays saved inputs through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so the
// seed corpus and the regressions run in every build (g++ included), as ctest tests.
// usage: fuzz_replay_TARGET FILE|DIR...  (a directory: every regular file in it, sorted)
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read\n", file.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly the input's size, as libFuzzer passes it, so ASan sees reads past the end.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  int failed = 0;
  for (const auto& f : files) {
    std::fprintf(stderr, "replay %s\n", f.c_str());
    if (!replay(f)) ++failed;
  }
  std::printf("%zu inputs replayed\n", files.size() - static_cast<std::size_t>(failed));
  return failed == 0 ? 0 : 1;
}
