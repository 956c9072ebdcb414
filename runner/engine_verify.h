// One engine's whole verify run — connect, the core checks, the requested property checks — as
// `crucible verify` and the GoogleTest helper (<crucible/gtest.h>) both run it, so that an
// embedded run behaves like the command (containment, timeouts, session, error handling).
#pragma once

#include "harness/checks/property_checks.h"
#include "harness/checks/verify.h"
#include "harness/common/dsn.h"
#include "harness/engines/engine.h"

namespace crucible {

// Never throws for what a server or a migration does: a server that cannot be reached is an
// engine-level error in the returned run (the other engines still run).
EngineRun verify_on_engine(const Dsn& dsn, const EngineOptions& engine_options,
                           const MigrationSet& set, const VerifyOptions& options,
                           const PropertyOptions& properties);

}  // namespace crucible
