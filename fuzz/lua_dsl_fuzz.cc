// The Lua DSL loader (describe_dsl_file) on a file made of arbitrary bytes: it describes the
// file or throws crucible::Error (a Lua error, a refused file); it never crashes. The budget
// keeps an endless loop short.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness/common/error.h"
#include "harness/lua/dsl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp ? tmp : "/tmp") + "/crucible_dsl_fuzz_" + std::to_string(getpid()) +
           ".lua";
  }();
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  } else {
    std::abort();
  }
  try {
    crucible::lua::describe_dsl_file(path, "0001_fuzz.lua", {});
  } catch (const crucible::Error&) {
  }
  return 0;
}
