#include "common/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "common/error.h"

namespace milmob {

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw InputError(path, std::string("cannot create output file: ") + std::strerror(errno));
      write(out);
      out.flush();
      if (!out) throw InputError(path, "write failed (disk full?)");
    }
    const int fd = ::open(tmp.c_str(), O_RDONLY);
    if (fd >= 0) {
      const int rc = ::fsync(fd);
      ::close(fd);
      if (rc != 0) throw InputError(path, std::string("fsync failed: ") + std::strerror(errno));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      throw InputError(path, std::string("cannot rename output into place: ") + std::strerror(errno));
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
}

}  // namespace milmob
