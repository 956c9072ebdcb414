// Lock impact under load on SQLite: one lock for the whole file, no lock view to sample. A long
// write transaction makes the traffic's writes wait in the busy handler; that wait is the data.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/bench_load/load_testing.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

constexpr EngineKind kSqlite = EngineKind::sqlite;

TEST(LoadSqlite, ALongWriteTransactionMakesTrafficWaitInTheBusyHandler) {
  CRUCIBLE_LIVE_ENGINE(engine, kSqlite);
  auto db = keyed_scratch(*engine, kSqlite, 10000);
  bench::LoadOptions options;
  options.clients = 4;
  options.tables = {"t"};
  options.blocked_after_ms = 50;
  options.write_fraction = 0.5;
  bench::LoadImpact impact = bench::run_under_load(*db, options, [&] {
    db->begin();
    QueryResult update = db->query(Statement{"UPDATE t SET c = c + 1", {"migration.sql", 1}});
    ASSERT_TRUE(update.ok()) << update.error->message;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    db->commit();
  });
  TRACE_LOAD_IMPACT(impact);
  EXPECT_EQ(impact.lock_source, "none (SQLite locks the database file)");
  EXPECT_TRUE(impact.locks.empty());
  EXPECT_GT(impact.traffic.waited, 0);
  EXPECT_GE(impact.traffic.max_ms, 150);  // a writer waited for most of the 300 ms
  EXPECT_EQ(impact.traffic.errors, 0);    // within the busy timeout: waits, not failures
  // A rollback journal lets readers in until the commit: the writers waited for the whole
  // transaction, a reader at most for the commit's exclusive lock plus one busy-handler sleep
  // (up to 100 ms in SQLite's backoff).
  EXPECT_GE(impact.traffic.write_max_ms, 150);
  EXPECT_LT(impact.traffic.read_max_ms, impact.traffic.write_max_ms / 2);
}

TEST(LoadSqlite, AFailingMigrationPropagatesAfterTheTrafficStopped) {
  CRUCIBLE_LIVE_ENGINE(engine, kSqlite);
  auto db = keyed_scratch(*engine, kSqlite, 100);
  bench::LoadOptions options;
  options.tables = {"t", "missing"};
  EXPECT_THROW(bench::run_under_load(*db, options, [] { throw Error("the migration failed"); }),
               Error);
  // No traffic is left running: the owner has the file to itself again.
  QueryResult update = db->query(Statement{"UPDATE t SET c = 0", {"test", 1}});
  EXPECT_TRUE(update.ok());
}

TEST(LoadSqlite, TablesTheTrafficCannotAddressAreNotedNotFatal) {
  CRUCIBLE_LIVE_ENGINE(engine, kSqlite);
  auto db = engine->create_scratch();
  run_sql(*db, kSqlite, "CREATE TABLE pairs (a INT, b INT, PRIMARY KEY (a, b));");
  bench::LoadOptions options;
  options.tables = {"pairs", "missing"};
  bench::LoadImpact impact = bench::run_under_load(*db, options, [] {});
  EXPECT_EQ(impact.traffic.statements, 0);
  ASSERT_EQ(impact.notes.size(), 3u) << ::testing::PrintToString(impact.notes);
  EXPECT_NE(impact.notes[0].find("no single-column primary key"), std::string::npos);
  EXPECT_NE(impact.notes[1].find("does not exist before the migration"), std::string::npos);
  EXPECT_NE(impact.notes[2].find("no traffic ran"), std::string::npos);
}

}  // namespace
}  // namespace crucible::testing
