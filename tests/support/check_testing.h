// Migration sets written inline for the property-based checks' tests, on any engine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/checks/result.h"
#include "harness/migration/migration.h"

namespace crucible::testing {

struct Step {
  std::string up;
  std::optional<std::string> down;  // nullopt: no reverse at all
};

// Migrations 0001, 0002, … with scripts for `kind` only, split with its dialect.
MigrationSet inline_set(EngineKind kind, const std::vector<Step>& steps);

// The result of `check` for migration `version` in `run`, or null.
const Result* find(const EngineRun& run, const std::string& version, const std::string& check);

// The engines the tests run on: sqlite always, postgres and mariadb when reachable.
inline const EngineKind kAllEngines[] = {EngineKind::sqlite, EngineKind::postgres,
                                         EngineKind::mariadb};

}  // namespace crucible::testing
