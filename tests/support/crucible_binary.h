// Files, fixtures and the real `crucible` binary run as a child, for the CLI, runner and report
// tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/loaders/temp_folder.h"

namespace crucible::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The source tree: $CRUCIBLE_SOURCE_DIR (CTest sets it), else the tree this was built from.
std::string source_dir();

// The mixed-outcome fixture: passes, a round-trip failure with a diff, a reverse error, a
// PostgreSQL-only migration, a missing down, and a forward error whose statement holds markup.
inline std::string mixed_fixture() { return source_dir() + "/tests/fixtures/mixed"; }

inline std::string app_migrations() { return source_dir() + "/migrations/sql/app"; }

// Runs the crucible binary with `args`; stdout and stderr go to `log`. Returns the exit code.
int run_crucible(const std::vector<std::string>& args, const std::string& log);

}  // namespace crucible::testing
