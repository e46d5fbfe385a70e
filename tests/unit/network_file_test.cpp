#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "common/error.h"
#include "network/file.h"
#include "network/summary.h"
#include "support/ascii_network.h"

namespace milmob {
namespace {

namespace fs = std::filesystem;

const std::string kMap =
    "a---b---c\n"
    "    |    \n"
    "    d    \n";

NetworkData sample() {
  return testing::ascii_network(kMap, {{"abc", {{"highway", "primary"}, {"name", "Hauptstrasse"}}},
                                       {"bd", {{"highway", "secondary"}, {"bridge", "yes"}, {"maxweight", "30"}}}});
}

class NetworkFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("milmob-netfile-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "net.mmnet").string();
    data_ = sample();
    write_network(path_, data_.view());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<char> bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  std::string write_bytes(const std::vector<char>& b, const std::string& name) const {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary).write(b.data(), static_cast<std::streamsize>(b.size()));
    return p;
  }
  void expect_refused(const std::string& path, const std::string& words) const {
    try {
      MappedNetwork::open(path);
      FAIL() << "a damaged file was accepted: " << path;
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(path), std::string::npos) << msg;
      EXPECT_NE(msg.find(words), std::string::npos) << msg;
    }
  }

  fs::path dir_;
  std::string path_;
  NetworkData data_;
};

TEST_F(NetworkFile, RoundTripKeepsEveryArray) {
  const MappedNetwork m = MappedNetwork::open(path_);
  const Network& n = m.net();
  const Network o = data_.view();
  ASSERT_EQ(n.node_count(), o.node_count());
  ASSERT_EQ(n.edge_count(), o.edge_count());
  for (EdgeId e = 0; e < n.edge_count(); ++e) {
    EXPECT_EQ(n.head[e], o.head[e]);
    EXPECT_EQ(n.length_m[e], o.length_m[e]);
    EXPECT_EQ(n.limits(e).max_weight_t, o.limits(e).max_weight_t);
    EXPECT_EQ(n.edge_name(e), o.edge_name(e));
    EXPECT_EQ(n.shape[e], o.shape[e]);
  }
  EXPECT_EQ(to_json(summarize(n)), to_json(summarize(o)));
}

TEST_F(NetworkFile, WritingTwiceGivesTheSameBytes) {
  const auto first = bytes();
  write_network(path_, sample().view());
  EXPECT_EQ(first, bytes());
}

TEST_F(NetworkFile, MissingFileIsRefused) { expect_refused((dir_ / "nope.mmnet").string(), "cannot open"); }

TEST_F(NetworkFile, ForeignFileIsRefused) {
  std::string text = "this is a text file, not a network, and long enough to hold a header";
  expect_refused(write_bytes({text.begin(), text.end()}, "foreign.mmnet"), "not a milmob network file");
}

TEST_F(NetworkFile, EmptyFileIsRefused) { expect_refused(write_bytes({}, "empty.mmnet"), "not a milmob network file"); }

TEST_F(NetworkFile, BytesInMemoryReadLikeTheFile) {
  std::ifstream in(path_, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  const Network net = view_network(aligned.data(), bytes.size(), "memory");
  const MappedNetwork file = MappedNetwork::open(path_);
  EXPECT_EQ(net.node_count(), file.net().node_count());
  EXPECT_EQ(net.edge_count(), file.net().edge_count());
  EXPECT_THROW(view_network(aligned.data(), 16, "memory"), InputError);
}

// Found by the fuzz target network_file: a valid header with no section table.
TEST_F(NetworkFile, HeaderWithoutSectionsIsRefused) {
  std::vector<char> b(32, 0);
  std::memcpy(b.data(), kNetworkMagic, 8);
  const std::uint32_t version = kNetworkVersion;
  const std::uint64_t size = b.size();
  const std::uint32_t crc = static_cast<std::uint32_t>(crc32_z(0L, Z_NULL, 0));  // of nothing
  std::memcpy(b.data() + 8, &version, 4);
  std::memcpy(b.data() + 16, &size, 8);
  std::memcpy(b.data() + 24, &crc, 4);
  expect_refused(write_bytes(b, "no-sections.mmnet"), "section 1 missing");
}

TEST_F(NetworkFile, TruncatedFileIsRefusedAtEveryLength) {
  const auto b = bytes();
  for (std::size_t len = 0; len < b.size(); len += std::max<std::size_t>(1, b.size() / 97)) {
    const std::string p = write_bytes({b.begin(), b.begin() + static_cast<long>(len)}, "cut.mmnet");
    EXPECT_THROW(MappedNetwork::open(p), InputError) << "length " << len;
  }
}

TEST_F(NetworkFile, FlippedByteFailsTheChecksum) {
  auto b = bytes();
  b[b.size() / 2] ^= 0x40;
  expect_refused(write_bytes(b, "flipped.mmnet"), "checksum");
}

TEST_F(NetworkFile, OtherVersionIsRefused) {
  auto b = bytes();
  b[8] = 99;  // version field follows the 8-byte magic
  expect_refused(write_bytes(b, "version.mmnet"), "version 99");
}

TEST_F(NetworkFile, UnwritableOutputLeavesNothingBehind) {
  const std::string p = (dir_ / "no-such-dir" / "net.mmnet").string();
  EXPECT_THROW(write_network(p, data_.view()), InputError);
  EXPECT_FALSE(fs::exists(p));
}

}  // namespace
}  // namespace milmob
