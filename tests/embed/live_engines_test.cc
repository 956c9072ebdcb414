// <crucible/gtest.h> on the live servers: engines named without a DSN use the default ones
// ($CRUCIBLE_<ENGINE>_URL or the local server); each failure names its engine.
#include <crucible/gtest.h>

#include "harness/common/engine_kind.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

const char* const kReversible = MIGRATIONS_DIR "/reversible";
const char* const kLeftover = MIGRATIONS_DIR "/leftover";

TEST(MigrationsVerifyLive, AReversibleSetPassesOnEveryEngineWithThePropertyChecks) {
  CRUCIBLE_LIVE_ENGINE(postgres, EngineKind::postgres);
  CRUCIBLE_LIVE_ENGINE(mariadb, EngineKind::mariadb);
  EXPECT_MIGRATIONS_VERIFY(kReversible, "sqlite", "postgres", "mariadb",
                           gtest::Options{.walks = 6, .seed = 9, .idempotence = false,
                                          .data = true, .data_rows = 5});
}

TEST(MigrationsVerifyLive, AForgottenTableFailsOnEachEngineWithItsDiff) {
  CRUCIBLE_LIVE_ENGINE(postgres, EngineKind::postgres);
  CRUCIBLE_LIVE_ENGINE(mariadb, EngineKind::mariadb);
  ::testing::AssertionResult result =
      gtest::migrations_verify(kLeftover, {"postgres", "mariadb"});
  ASSERT_FALSE(result);
  std::string message = result.message();
  for (const char* line : {"FAIL  postgres / 0002 invoices / roundtrip",
                           "FAIL  mariadb / 0002 invoices / roundtrip",
                           "- table invoice_lines: added", "2 failed"})
    EXPECT_NE(message.find(line), std::string::npos) << line << "\n" << message;
}

}  // namespace
}  // namespace crucible
