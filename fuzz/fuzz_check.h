#pragma once
// What the fuzz targets share: a check that stops the run when a documented promise is broken
// (libFuzzer and the replay both report an abort with the input that caused it).
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                    \
  do {                                                                                           \
    if (!(condition)) {                                                                          \
      std::fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #condition);      \
      std::abort();                                                                              \
    }                                                                                            \
  } while (false)
