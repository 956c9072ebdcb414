#include "tests/support/crucible_binary.h"

#include <cstdlib>

#include "tests/support/spawn.h"

namespace crucible::testing {

std::string source_dir() {
  const char* dir = std::getenv("CRUCIBLE_SOURCE_DIR");
  return dir ? dir : CRUCIBLE_SOURCE_DIR_FALLBACK;
}

int run_crucible(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> argv{CRUCIBLE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return scenario::run_logged(argv, log);
}

}  // namespace crucible::testing
