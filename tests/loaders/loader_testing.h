// Small readers of a loaded MigrationSet shared by the loader tests: what a load threw, the
// versions in order, one migration's scripts for an engine, the statement texts of a script.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/common/error.h"
#include "harness/migration/migration.h"

namespace crucible::testing {

// The message of the crucible::Error `load` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

inline std::vector<std::string> versions(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const Migration& m : set.migrations) out.push_back(m.version);
  return out;
}

inline const Migration& migration(const MigrationSet& set, const std::string& version) {
  for (const Migration& m : set.migrations)
    if (m.version == version) return m;
  throw std::runtime_error("no migration " + version);
}

inline const EngineScripts& scripts(const Migration& m, EngineKind engine) {
  const EngineScripts* found = m.for_engine(engine);
  if (found == nullptr)
    throw std::runtime_error("no scripts for " + std::string(engine_name(engine)));
  return *found;
}

inline std::vector<std::string> texts(const Script& script) {
  std::vector<std::string> out;
  for (const Statement& s : script.statements) out.push_back(s.sql);
  return out;
}

}  // namespace crucible::testing
