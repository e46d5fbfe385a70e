#pragma once
// Outputs are written to a temporary file beside the target and renamed into place, so a
// reader never sees a half-written file and a failed run leaves the previous output intact.
#include <functional>
#include <ostream>
#include <string>

namespace milmob {

// Calls write(stream) on a temporary file, flushes, fsyncs and renames it to `path`.
// Throws InputError naming `path` if the file cannot be written; the temporary is removed.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace milmob
