#pragma once
#include <string>

namespace milmob {

// The folder of the data shipped with milmob: $MILMOB_DATA if set, else the source tree's data/.
std::string data_dir();

}  // namespace milmob
