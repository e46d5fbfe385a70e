#include "network/file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <fmt/format.h>
#include <utility>
#include <vector>

#include "common/atomic_file.h"
#include "common/error.h"

namespace milmob {

namespace {

struct FileHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t section_count;
  std::uint64_t file_size;
  std::uint32_t checksum;  // CRC-32 of every byte after the header
  std::uint32_t reserved;
};
static_assert(sizeof(FileHeader) == 32);

struct SectionEntry {
  std::uint32_t id;
  std::uint32_t elem_size;
  std::uint64_t offset;
  std::uint64_t count;
};
static_assert(sizeof(SectionEntry) == 24);

constexpr std::size_t kAlign = 8;

std::size_t align_up(std::size_t x) { return (x + kAlign - 1) / kAlign * kAlign; }

// The one list of sections, shared by writer and loader. Ids are stable across versions:
// append new ones, never renumber.
template <class Net, class Visit>
void visit_sections(Net& n, Visit&& v) {
  v(1, n.node_lon_e7), v(2, n.node_lat_e7), v(3, n.node_country), v(4, n.node_osm_id);
  v(10, n.first_out), v(11, n.head), v(12, n.tail), v(13, n.length_m), v(14, n.speed_kmh);
  v(15, n.mode), v(16, n.road_class), v(17, n.flags), v(18, n.limit_index), v(19, n.gauge_mm);
  v(20, n.gauge2_mm), v(21, n.layer), v(22, n.osm_way_id), v(23, n.name), v(24, n.shape);
  v(30, n.shape_first), v(31, n.shape_lon_e7), v(32, n.shape_lat_e7);
  v(40, n.place_kind), v(41, n.place_lon_e7), v(42, n.place_lat_e7), v(43, n.place_name);
  v(44, n.place_osm_id), v(45, n.place_country), v(46, n.place_runway_m), v(47, n.place_osm_type);
  v(48, n.limit_table);
  v(60, n.cch_rank), v(61, n.cch_first_up), v(62, n.cch_up_head);
  v(50, n.names.offsets), v(51, n.names.chars), v(52, n.countries.offsets), v(53, n.countries.chars);
}

std::uint32_t crc_of(const unsigned char* data, std::size_t size) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  return static_cast<std::uint32_t>(crc32_z(crc, data, size));
}

}  // namespace

void write_network(const std::string& path, const Network& net) {
  std::vector<SectionEntry> table;
  std::vector<const void*> sources;
  visit_sections(net, [&](std::uint32_t id, const auto& span) {
    using T = typename std::remove_cvref_t<decltype(span)>::value_type;
    table.push_back({id, static_cast<std::uint32_t>(sizeof(T)), 0, span.size()});
    sources.push_back(span.data());
  });
  std::size_t offset = align_up(sizeof(FileHeader) + table.size() * sizeof(SectionEntry));
  for (auto& s : table) {
    s.offset = offset;
    offset = align_up(offset + s.elem_size * s.count);
  }
  // Streamed section by section (no copy of the network in memory); the checksum covers
  // everything after the header, which is written last.
  write_file_atomically(path, [&](std::ostream& out) {
    uLong crc = crc32_z(0L, Z_NULL, 0);
    std::size_t written = sizeof(FileHeader);
    auto put = [&](const void* data, std::size_t size) {
      if (size == 0) return;  // an empty section may have no data pointer, and crc32(NULL) restarts
      out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
      crc = crc32_z(crc, static_cast<const unsigned char*>(data), size);
      written += size;
    };
    const std::array<char, kAlign> zeros{};
    auto pad_to = [&](std::size_t at) { put(zeros.data(), at - written); };
    FileHeader h{};
    out.write(reinterpret_cast<const char*>(&h), sizeof h);  // placeholder
    put(table.data(), table.size() * sizeof(SectionEntry));
    for (std::size_t i = 0; i < table.size(); ++i) {
      pad_to(table[i].offset);
      put(sources[i], table[i].elem_size * table[i].count);
    }
    pad_to(offset);
    std::memcpy(h.magic, kNetworkMagic, sizeof h.magic);
    h.version = kNetworkVersion;
    h.section_count = static_cast<std::uint32_t>(table.size());
    h.file_size = offset;
    h.checksum = static_cast<std::uint32_t>(crc);
    out.seekp(0);
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
  });
}

MappedNetwork::MappedNetwork(MappedNetwork&& other) noexcept
    : base_(std::exchange(other.base_, nullptr)), size_(std::exchange(other.size_, 0)), net_(other.net_) {}

MappedNetwork::~MappedNetwork() {
  if (base_ != nullptr) ::munmap(base_, size_);
}

MappedNetwork MappedNetwork::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, fmt::format("cannot open network file: {}", std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(path, "not a regular file (expected a network file written by 'milmob import')");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size < sizeof(FileHeader)) {
    ::close(fd);
    throw InputError(path, fmt::format("not a milmob network file: only {} bytes", size));
  }
  void* base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (base == MAP_FAILED) throw InputError(path, fmt::format("cannot map network file: {}", std::strerror(errno)));

  MappedNetwork m;
  m.base_ = base;
  m.size_ = size;
  m.net_ = view_network(base, size, path);
  return m;
}

Network view_network(const void* data, std::size_t size, const std::string& path) {
  if (reinterpret_cast<std::uintptr_t>(data) % kAlign != 0)
    throw std::invalid_argument("view_network: the bytes must be 8-byte aligned");
  if (size < sizeof(FileHeader))
    throw InputError(path, fmt::format("not a milmob network file: only {} bytes", size));
  Network net;
  const auto* bytes = static_cast<const unsigned char*>(data);
  FileHeader h;
  std::memcpy(&h, bytes, sizeof h);
  if (std::memcmp(h.magic, kNetworkMagic, sizeof h.magic) != 0)
    throw InputError(path, "not a milmob network file (bad magic); create one with 'milmob import'");
  if (h.version != kNetworkVersion)
    throw InputError(path, fmt::format("network file version {} is not supported (this milmob reads version {}); "
                                       "re-run 'milmob import'", h.version, kNetworkVersion));
  if (h.file_size != size)
    throw InputError(path, fmt::format("network file is truncated or padded: header says {} bytes, file has {}",
                                       h.file_size, size));
  if (crc_of(bytes + sizeof h, size - sizeof h) != h.checksum)
    throw InputError(path, "network file is corrupt (checksum mismatch)");
  if (h.section_count > 1024 || sizeof h + std::size_t{h.section_count} * sizeof(SectionEntry) > size)
    throw InputError(path, "network file is corrupt (section table out of bounds)");

  std::vector<SectionEntry> table(h.section_count);
  if (!table.empty()) std::memcpy(table.data(), bytes + sizeof h, table.size() * sizeof(SectionEntry));
  visit_sections(net, [&](std::uint32_t id, auto& span) {
    using Span = std::remove_cvref_t<decltype(span)>;
    using T = typename Span::value_type;
    const SectionEntry* s = nullptr;
    for (const auto& e : table)
      if (e.id == id) s = &e;
    if (s == nullptr) throw InputError(path, fmt::format("network file is corrupt (section {} missing)", id));
    if (s->elem_size != sizeof(T) || s->offset % kAlign != 0 || s->offset > size ||
        s->count > (size - s->offset) / sizeof(T))
      throw InputError(path, fmt::format("network file is corrupt (section {} out of bounds)", id));
    span = Span(reinterpret_cast<const T*>(bytes + s->offset), s->count);
  });
  validate_network(net, path);
  return net;
}

void validate_network(const Network& n, const std::string& path) {
  auto fail = [&](const char* what) {
    throw InputError(path, fmt::format("network file is inconsistent ({})", what));
  };
  const std::size_t nodes = n.node_count(), edges = n.edge_count();
  if (n.node_lat_e7.size() != nodes || n.node_country.size() != nodes || n.node_osm_id.size() != nodes)
    fail("node arrays differ in length");
  if (n.first_out.size() != nodes + 1 || n.first_out[0] != 0 || n.first_out[nodes] != edges) fail("edge offsets");
  for (std::size_t u = 0; u < nodes; ++u) {
    if (n.first_out[u] > n.first_out[u + 1]) fail("edge offsets not sorted");
    for (std::uint32_t e = n.first_out[u]; e < n.first_out[u + 1]; ++e)
      if (n.tail[e] != u) fail("edge tails");
  }
  const std::size_t per_edge[] = {n.tail.size(), n.length_m.size(), n.speed_kmh.size(), n.mode.size(),
                                  n.road_class.size(), n.flags.size(), n.limit_index.size(), n.gauge_mm.size(),
                                  n.gauge2_mm.size(), n.layer.size(), n.osm_way_id.size(), n.name.size(),
                                  n.shape.size()};
  for (const std::size_t s : per_edge)
    if (s != edges) fail("edge arrays differ in length");

  auto check_offsets = [&](std::span<const std::uint32_t> offsets, std::size_t total, const char* what) {
    if (offsets.empty() || offsets[0] != 0 || offsets.back() != total) fail(what);
    for (std::size_t i = 1; i < offsets.size(); ++i)
      if (offsets[i - 1] > offsets[i]) fail(what);
  };
  check_offsets(n.shape_first, n.shape_lon_e7.size(), "shape offsets");
  if (n.shape_lat_e7.size() != n.shape_lon_e7.size()) fail("shape arrays differ in length");
  check_offsets(n.names.offsets, n.names.chars.size(), "name table");
  check_offsets(n.countries.offsets, n.countries.chars.size(), "country table");
  const std::size_t shapes = n.shape_first.size() - 1;
  for (std::size_t s = 0; s < shapes; ++s)
    if (n.shape_first[s + 1] - n.shape_first[s] < 2) fail("shape with fewer than two points");

  for (std::size_t e = 0; e < edges; ++e) {
    if (n.head[e] >= nodes) fail("edge head out of range");
    if ((n.shape[e] & ~kShapeReversed) >= shapes) fail("edge shape out of range");
    if (n.name[e] >= n.names.size()) fail("edge name out of range");
    if (n.limit_index[e] >= n.limit_table.size()) fail("edge limits out of range");
    if (static_cast<unsigned>(n.mode[e]) > static_cast<unsigned>(Mode::Transfer)) fail("edge mode");
    if (n.road_class[e] >= RoadClass::Count) fail("edge class");
    if (!(n.length_m[e] >= 0) || !(n.speed_kmh[e] > 0)) fail("edge length or speed");
  }
  if (!n.cch_rank.empty()) {
    if (n.cch_rank.size() != nodes) fail("node order differs in length");
    std::vector<bool> seen(nodes, false);
    for (const std::uint32_t r : n.cch_rank) {
      if (r >= nodes || seen[r]) fail("node order is not a permutation");
      seen[r] = true;
    }
  }
  if (!n.cch_first_up.empty() || !n.cch_up_head.empty()) {
    if (n.cch_rank.empty() || n.cch_first_up.size() != nodes + 1) fail("hierarchy without its order");
    check_offsets(n.cch_first_up, n.cch_up_head.size(), "hierarchy offsets");
    for (std::uint32_t r = 0; r < nodes; ++r)
      for (std::uint32_t a = n.cch_first_up[r]; a < n.cch_first_up[r + 1]; ++a)
        if (n.cch_up_head[a] <= r || n.cch_up_head[a] >= nodes || (a > n.cch_first_up[r] && n.cch_up_head[a] <= n.cch_up_head[a - 1]))
          fail("hierarchy arcs");
  }
  for (const std::uint16_t c : n.node_country)
    if (c != kNoCountry && c >= n.countries.size()) fail("node country out of range");

  const std::size_t places = n.place_count();
  const std::size_t per_place[] = {n.place_lon_e7.size(), n.place_lat_e7.size(), n.place_name.size(),
                                   n.place_osm_id.size(), n.place_country.size(), n.place_runway_m.size(),
                                   n.place_osm_type.size()};
  for (const std::size_t s : per_place)
    if (s != places) fail("place arrays differ in length");
  for (std::size_t p = 0; p < places; ++p) {
    if (n.place_kind[p] >= PlaceKind::Count) fail("place kind");
    if (n.place_name[p] >= n.names.size()) fail("place name out of range");
    if (n.place_country[p] != kNoCountry && n.place_country[p] >= n.countries.size()) fail("place country");
  }
}

}  // namespace milmob
