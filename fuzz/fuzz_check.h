// Properties the fuzz targets assert beyond "no crash".
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

// A broken property aborts, naming itself (libFuzzer then saves the input).
#define check(property)                                                                     \
  do {                                                                                      \
    if (!(property)) {                                                                      \
      std::fprintf(stderr, "property failed: %s (%s:%d)\n", #property, __FILE__, __LINE__); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

// Lines in `text`, counting the one after its last newline.
inline int lines_in(std::string_view text) {
  int lines = 1;
  for (char c : text) lines += c == '\n';
  return lines;
}
