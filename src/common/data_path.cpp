#include "common/data_path.h"

#include <cstdlib>

namespace milmob {

std::string data_dir() {
  if (const char* env = std::getenv("MILMOB_DATA"); env != nullptr && *env != '\0') return env;
  return MILMOB_DATA_DIR;
}

}  // namespace milmob
