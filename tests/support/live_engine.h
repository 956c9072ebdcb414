// Live engines for tests. Tests run against real servers, never mocks.
//
// live_engine(kind) connects with the default DSN ($CRUCIBLE_<ENGINE>_URL or the local
// crucible/crucible server). When the server is not reachable the test is skipped — except under
// CI=true, where a missing server fails the test, so CI can never pass without the engines.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "harness/engines/engine.h"

namespace crucible::testing {

// Returns nullptr after calling GTEST_SKIP() or ADD_FAILURE(); callers must `if (!e) return;`.
std::unique_ptr<Engine> live_engine(EngineKind kind);

// Runs `sql` (split with the engine's dialect) in `db` and fails the test on any error.
void run_sql(Database& db, EngineKind kind, const std::string& sql);

}  // namespace crucible::testing

#define CRUCIBLE_LIVE_ENGINE(var, kind)                       \
  auto var = ::crucible::testing::live_engine(kind);          \
  if (!var) return
