#include "common/output_set.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>  // renameat2 (glibc 2.28)
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/atomic_file.h"
#include "common/error.h"

namespace milmob {

namespace fs = std::filesystem;

namespace {

// Removes what killed runs left beside or inside `dir`: staging directories, and temporaries of
// files renamed one by one.
void remove_leftovers(const fs::path& dir, const fs::path& parent) {
  std::error_code ec;
  const std::string beside = fmt::format(".{}.milmob-new.", dir.filename().string());
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec))
    if (is_stale_temporary(it->path().filename().string(), beside)) fs::remove_all(it->path(), ec);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_stale_temporary(it->path().filename().string(), ".milmob-new.")) fs::remove_all(it->path(), ec);
}

}  // namespace

OutputSet::OutputSet(std::string dir, std::vector<std::string> ours) : dir_(std::move(dir)), ours_(std::move(ours)) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  fs::path path = fs::absolute(dir_).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();  // "out/" and "." end in a separator
  parent_ = path.parent_path().string();
  // Writing into the current directory (-o .): exchanging it would leave this process, and the
  // shell that started it, in the old directory. Such a set is renamed file by file.
  std::error_code cwd_ec;
  in_cwd_ = fs::equivalent(path, fs::current_path(cwd_ec), cwd_ec);
  std::error_code ec;
  fs::create_directories(parent_, ec);
  if (ec) throw InputError(dir_, "cannot create the output directory: " + ec.message());
  remove_leftovers(path, parent_);
  const int pid = ::getpid();
  staging_ = fmt::format("{}/.{}.milmob-new.{}", parent_, path.filename().string(), pid);
  if (::mkdir(staging_.c_str(), 0777) == 0) return;
  // The parent is not ours to write (a mount point, say): stage inside the directory instead.
  beside_ = false;
  fs::create_directories(dir_, ec);
  if (ec) throw InputError(dir_, "cannot create the output directory: " + ec.message());
  staging_ = fmt::format("{}/.milmob-new.{}", dir_, pid);
  if (::mkdir(staging_.c_str(), 0777) != 0)
    throw InputError(dir_, std::string("cannot write in the output directory: ") + std::strerror(errno));
}

OutputSet::~OutputSet() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

std::string OutputSet::staged(const std::string& name) {
  if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
  return staging_ + "/" + name;
}

void OutputSet::write_path(const std::string& name, const std::function<void(const std::string&)>& write) {
  const std::string path = staged(name);
  try {
    write(path);
  } catch (const InputError& e) {
    // Name the file where it is meant to go, not where it was staged.
    std::string message = e.what();
    if (message.rfind(path, 0) == 0) message = dir_ + "/" + name + message.substr(path.size());
    throw InputError(message);
  }
}

void OutputSet::write(const std::string& name, const std::function<void(std::ostream&)>& write) {
  write_path(name, [&](const std::string& path) { write_file(path, write); });
}

void OutputSet::write(const std::string& name, const std::string& text) {
  write(name, [&](std::ostream& out) { out << text; });
}

bool OutputSet::only_ours() const {
  std::error_code ec;
  if (fs::is_symlink(dir_, ec) || !fs::is_directory(dir_, ec)) return false;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool known = std::find(ours_.begin(), ours_.end(), name) != ours_.end() ||
                       std::find(names_.begin(), names_.end(), name) != names_.end();
    if (!known || !it->is_regular_file(ec)) return false;
  }
  return !ec;
}

void OutputSet::rename_each() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw InputError(dir_, "cannot create the output directory: " + ec.message());
  for (const std::string& name : names_) {
    const std::string to = dir_ + "/" + name;
    if (std::rename((staging_ + "/" + name).c_str(), to.c_str()) != 0)
      throw InputError(to, std::string("cannot rename the output into place: ") + std::strerror(errno));
  }
  sync_path(dir_);
  fs::remove_all(staging_, ec);
}

void OutputSet::commit() {
  for (const std::string& name : names_) sync_path(staging_ + "/" + name);  // GDAL's files too
  sync_path(staging_);
  committed_ = true;  // from here on the staging directory is the new set, or the old one
  if (beside_) {
    struct stat old_dir {};
    if (::lstat(dir_.c_str(), &old_dir) != 0 && errno == ENOENT) {
      if (std::rename(staging_.c_str(), dir_.c_str()) == 0) return sync_path(parent_);
    } else if (!in_cwd_ && only_ours()) {
      ::chmod(staging_.c_str(), old_dir.st_mode & 07777);  // the directory keeps its permissions
      if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0) {
        sync_path(parent_);
        std::error_code ec;
        fs::remove_all(staging_, ec);  // the old set
        return;
      }
    }
  }
  try {
    rename_each();
  } catch (...) {
    committed_ = false;
    throw;
  }
}

}  // namespace milmob
