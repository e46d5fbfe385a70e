#pragma once
// Outputs are written to a temporary file beside the target and renamed into place, so a
// reader never sees a half-written file and a failed run leaves the previous output intact.
// A temporary left by a killed run (NAME.tmp.PID, its process gone) is removed by the next run
// that writes NAME.
#include <functional>
#include <ostream>
#include <string>

namespace milmob {

// Calls write(stream) on a temporary file, fsyncs it, renames it to `path` and fsyncs the
// directory. Throws InputError naming `path` and the system's reason ("File too large", "No
// space left on device") if the file cannot be written; the temporary is removed.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Writes `path` in place (no temporary), for files inside a directory that is itself put in
// place afterwards (common/output_set.h); the same errors as write_file_atomically.
void write_file(const std::string& path, const std::function<void(std::ostream&)>& write);

// fsync of a file or directory; InputError naming it on failure.
void sync_path(const std::string& path);

// Whether `name` is NAME.tmp.PID or .NAME.milmob-new.PID (prefix `stem`) of a process that is
// no longer running: a leftover of a killed run.
bool is_stale_temporary(const std::string& name, const std::string& stem);

}  // namespace milmob
