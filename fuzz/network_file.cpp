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

// Follows every index the way routing and output do; ASan reports any that leaves its array.
std::size_t walk(const milmob::Network& n) {
  std::size_t sum = 0;
  for (std::uint32_t u = 0; u < n.node_count(); ++u) {
    sum += n.node_country[u] == milmob::kNoCountry ? 0 : n.country_code(n.node_country[u]).size();
    for (std::uint32_t e = n.first_out[u]; e < n.first_out[u + 1]; ++e) {
      sum += n.head[e] + n.tail[e] + n.edge_name(e).size() + static_cast<std::size_t>(n.limits(e).mlc_wheeled > 0);
      const std::uint32_t s = n.shape[e] & ~milmob::kShapeReversed;
      for (std::uint32_t i = n.shape_first[s]; i < n.shape_first[s + 1]; ++i)
        sum += static_cast<std::size_t>(n.shape_lon_e7[i] ^ n.shape_lat_e7[i]);
    }
  }
  for (std::uint32_t p = 0; p < n.place_count(); ++p) {
    sum += n.names.at(n.place_name[p]).size();
    if (n.place_country[p] != milmob::kNoCountry) sum += n.country_code(n.place_country[p]).size();
  }
  if (!n.cch_first_up.empty())
    for (std::uint32_t r = 0; r < n.node_count(); ++r)
      for (std::uint32_t a = n.cch_first_up[r]; a < n.cch_first_up[r + 1]; ++a) sum += n.cch_rank[n.cch_up_head[a]];
  return sum;
}

void load(const std::vector<std::uint64_t>& aligned, std::size_t size) {
  try {
    const milmob::Network net = milmob::view_network(aligned.data(), size, "fuzz.mmnet");
    (void)milmob::summarize(net);
    volatile std::size_t sink = walk(net);
    (void)sink;
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
