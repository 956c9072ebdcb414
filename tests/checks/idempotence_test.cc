// Check `idempotence` on live engines: each migration's forward applied twice is idempotent,
// refuses cleanly, or changes the schema again (a fail, with the diff).
#include <gtest/gtest.h>

#include "harness/checks/idempotence.h"
#include "harness/checks/verify.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::kAllEngines;

class Idempotence : public ::testing::TestWithParam<EngineKind> {};

std::vector<Result> check(Engine& engine, const MigrationSet& set) {
  return idempotence_engine(engine, set, verify_engine(engine, set));
}

TEST_P(Idempotence, ClassifiesEachMigration) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      // Refuses cleanly: the table exists the second time.
      {"CREATE TABLE a (id INT PRIMARY KEY)", "DROP TABLE a"},
      // Idempotent: guarded by IF NOT EXISTS.
      {"CREATE TABLE IF NOT EXISTS b (id INT)", "DROP TABLE b"},
      // Changes the schema again: the second run renames the already widened table.
      {"CREATE TABLE IF NOT EXISTS c (id INT); DROP TABLE IF EXISTS c_old; "
       "ALTER TABLE c RENAME TO c_old; CREATE TABLE IF NOT EXISTS c (id INT, extra INT)",
       "DROP TABLE c; ALTER TABLE c_old RENAME TO c"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].check, "idempotence");
  EXPECT_EQ(results[0].status, Status::pass);
  EXPECT_EQ(results[0].message.rfind("refuses cleanly: a second forward fails (0001_m.up.sql:1", 0), 0u)
      << results[0].message;
  EXPECT_EQ(results[1].status, Status::pass);
  EXPECT_EQ(results[1].message, "idempotent: a second forward succeeds and changes nothing");
  EXPECT_EQ(results[2].status, Status::fail) << results[2].message;
  EXPECT_EQ(results[2].message.rfind("a second forward succeeds and changes the schema again: "
                                     "column c_old.extra", 0), 0u) << results[2].message;
  EXPECT_FALSE(results[2].diff.empty());
}

TEST_P(Idempotence, MigrationsAfterAFailedForwardAreSkipped) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TABLE a (id INT)", "DROP TABLE a"},
      {"CREATE TABLE a (id INT)", "DROP TABLE a"},
      {"CREATE TABLE b (id INT)", "DROP TABLE b"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::skip);
  EXPECT_EQ(results[2].status, Status::skip);
  EXPECT_EQ(results[2].message, "blocked by 0002: its forward did not pass");
}

INSTANTIATE_TEST_SUITE_P(Engines, Idempotence, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
