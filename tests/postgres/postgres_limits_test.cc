// --statement-timeout on PostgreSQL: Crucible's watchdog cancels a statement that runs too long,
// even after the migration switched the server's own statement_timeout off, and the error says
// which limit ended it.
#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "harness/engines/postgres/postgres_engine.h"
#include "harness/engines/scratch.h"
#include "tests/support/child_process.h"
#include "tests/postgres/pg_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

constexpr char kCancelled[] = "cancelled by Crucible after 1 s (--statement-timeout)";

std::unique_ptr<Engine> engine_with_timeout(const Engine& live) {
  return make_postgres_engine(live.dsn(),
                              EngineOptions{.statement_timeout = std::chrono::seconds(1)});
}

double seconds_since(steady_clock::time_point start) {
  return std::chrono::duration<double>(steady_clock::now() - start).count();
}

TEST(PostgresLimits, TheWatchdogCancelsAStatementEvenAfterTheServerLimitWasSwitchedOff) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::postgres);
  auto engine = engine_with_timeout(*live);
  auto db = engine->create_scratch();
  auto start = steady_clock::now();
  ExecResult result = db->execute(pg_script(
      "CREATE TABLE t (i int);\nSET statement_timeout = 0;\nSELECT pg_sleep(600);", "slow.sql"));
  EXPECT_LT(seconds_since(start), 60);  // bounded generously: a loaded machine is slow
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error->message.starts_with(kCancelled)) << result.error->message;
  EXPECT_NE(result.error->message.find("canceling statement"), std::string::npos)
      << result.error->message;
  EXPECT_EQ(result.error->where.line, 3);
  EXPECT_TRUE(result.rolled_back);
  EXPECT_TRUE(db->snapshot().tables.empty());
  // The session is usable afterwards.
  EXPECT_TRUE(db->execute(pg_script("CREATE TABLE u (i int)")).ok());
}

TEST(PostgresLimits, QueriesRunUnderTheWatchdogToo) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::postgres);
  auto engine = engine_with_timeout(*live);
  auto db = engine->create_scratch();
  ASSERT_TRUE(db->query(Statement{"SET statement_timeout = 0"}).ok());
  auto start = steady_clock::now();
  QueryResult result = db->query(Statement{"SELECT pg_sleep(600)"});
  EXPECT_LT(seconds_since(start), 60);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error->message.starts_with(kCancelled)) << result.error->message;
}

TEST(PostgresLimits, TheServerLimitIsSetForEverySessionAsAFirstLine) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::postgres);
  auto engine = engine_with_timeout(*live);
  auto db = engine->create_scratch();
  QueryResult shown = db->query(Statement{"SHOW statement_timeout"});
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown.rows.at(0).at(0), SqlValue{std::string("2s")});
}

// The whole way through the CLI: a 1 s limit ends a 30 s statement in a few seconds, as an error
// of the forward step naming the statement and the limit, and exit 1.
TEST(PostgresLimits, VerifyWithAStatementTimeoutReportsTheSlowStatement) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::postgres);
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / pg_unique_name("crucible_pg_timeout_");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "0001_slow.up.sql") << "CREATE TABLE t (i int);\nSELECT pg_sleep(30);\n";
  std::ofstream(dir / "0001_slow.down.sql") << "DROP TABLE t;\n";
  auto start = steady_clock::now();
  const Dsn& dsn = live->dsn();
  std::string url = "postgresql://" + dsn.user + ":" + dsn.password + "@" + dsn.host + ":" +
                    std::to_string(dsn.port) + "/" + dsn.database;
  Completed run = run_to_completion({CRUCIBLE_BINARY, "verify", dir.string(), "--engine",
                                     "postgres", "--statement-timeout", "1s"},
                                    {{"CRUCIBLE_POSTGRES_URL", url}});
  double elapsed = seconds_since(start);
  std::filesystem::remove_all(dir);
  EXPECT_LT(elapsed, 20) << run.output;
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find(kCancelled), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("0001_slow.up.sql:2"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("forward"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace crucible::testing
