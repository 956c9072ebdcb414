#include "tests/support/live_engine.h"

#include <cstdlib>
#include <string>

#include "harness/common/error.h"
#include "tests/support/catalog_testing.h"

namespace crucible::testing {

std::unique_ptr<Engine> live_engine(EngineKind kind) {
  Dsn dsn = default_dsn(kind);
  try {
    return connect_engine(dsn);
  } catch (const Error& e) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") {
      ADD_FAILURE() << "CI=true and " << engine_name(kind) << " is not reachable at "
                    << dsn.redacted() << ": " << e.what();
    } else {
      std::string why = "no live " + std::string(engine_name(kind)) + " server: " + e.what();
      GTEST_MESSAGE_AT_(__FILE__, __LINE__, why.c_str(), ::testing::TestPartResult::kSkip);
    }
    return nullptr;
  }
}

void run_sql(Database& db, EngineKind kind, const std::string& sql) {
  ExecResult result = db.execute(script_for(kind, sql, "<test>"));
  ASSERT_TRUE(result.ok()) << result.error->message << " at " << result.error->where.str()
                           << " in: " << result.error->statement;
}

}  // namespace crucible::testing
