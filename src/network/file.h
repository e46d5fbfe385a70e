#pragma once
// The network file (docs/network-file.md): a header with magic, version, size and CRC-32, a
// section table, then one 8-byte-aligned array per attribute. Loaded by mmap; the arrays are
// used in place.
#include <cstddef>
#include <string>

#include "network/network.h"

namespace milmob {

constexpr char kNetworkMagic[8] = {'M', 'I', 'L', 'M', 'O', 'B', 'N', 'T'};
constexpr std::uint32_t kNetworkVersion = 4;

// Writes atomically (temporary file + rename). Throws InputError if the file cannot be written.
void write_network(const std::string& path, const Network& net);

class MappedNetwork {
 public:
  // Throws InputError naming the file when it is missing, truncated, corrupt, of another
  // version or not a network file at all.
  static MappedNetwork open(const std::string& path);
  MappedNetwork(MappedNetwork&& other) noexcept;
  MappedNetwork& operator=(MappedNetwork&&) = delete;
  MappedNetwork(const MappedNetwork&) = delete;
  ~MappedNetwork();

  const Network& net() const { return net_; }
  std::size_t file_size() const { return size_; }

 private:
  MappedNetwork() = default;
  void* base_ = nullptr;
  std::size_t size_ = 0;
  Network net_;
};

// Reads a network file's bytes already in memory (the mapped file, or a buffer): the same checks
// as MappedNetwork::open, the returned arrays pointing into `bytes`, which must be 8-byte aligned
// and outlive them. `path` stands for the file in messages.
Network view_network(const void* bytes, std::size_t size, const std::string& path);

// Checks every index of the network against the array it points into, so a damaged file is
// refused instead of read out of bounds. Throws InputError(path, ...).
void validate_network(const Network& net, const std::string& path);

}  // namespace milmob
