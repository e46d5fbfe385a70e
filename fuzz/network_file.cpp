// Fuzz target: the network file loader (src/network/file.h, docs/network-file.md) on arbitrary
// bytes. The only documented failure is InputError; a network that loads must be safe to read
// everywhere (the summary of `milmob info` visits every array).
//
// Random bytes rarely carry the right CRC-32, so each input is tried twice: as it is (which
// exercises the header checks) and with the checksum field rewritten to match the bytes after
// the header (which lets mutations reach the section table and the consistency checks).
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "network/file.h"
#include "network/summary.h"

namespace {

constexpr std::size_t kHeaderBytes = 32, kChecksumAt = 24;

void load(const std::vector<std::uint64_t>& aligned, std::size_t size) {
  try {
    const milmob::Network net = milmob::view_network(aligned.data(), size, "fuzz.mmnet");
    (void)milmob::summarize(net);
  } catch (const milmob::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The loader uses the arrays in place, so it needs the 8-byte alignment of a mapped file.
  std::vector<std::uint64_t> aligned((size + 7) / 8);
  if (size > 0) std::memcpy(aligned.data(), data, size);
  load(aligned, size);
  if (size >= kHeaderBytes) {
    auto* bytes = reinterpret_cast<unsigned char*>(aligned.data());
    const auto crc = static_cast<std::uint32_t>(crc32_z(crc32_z(0L, Z_NULL, 0), bytes + kHeaderBytes, size - kHeaderBytes));
    std::memcpy(bytes + kChecksumAt, &crc, sizeof crc);
    load(aligned, size);
  }
  return 0;
}
