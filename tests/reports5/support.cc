#include "tests/reports5/support.h"

#include "tests/scenario/spawn.h"

namespace crucible::testing {

int run_crucible(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> argv{CRUCIBLE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return scenario::run_logged(argv, log);
}

}  // namespace crucible::testing
