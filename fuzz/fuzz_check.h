// Properties the fuzz targets assert beyond "no crash".
#pragma once

#include <cstdio>
#include <cstdlib>

// A broken property aborts, naming itself (libFuzzer then saves the input).
#define check(property)                                                                     \
  do {                                                                                      \
    if (!(property)) {                                                                      \
      std::fprintf(stderr, "property failed: %s (%s:%d)\n", #property, __FILE__, __LINE__); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)
