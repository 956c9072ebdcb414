// Database::read_committed on MariaDB: the data check's table reads, sent together on a
// connection of their own. What they return must be what query() returns, one read at a time,
// on the migration's connection — else a table read one way before a migration and the other
// way after it would differ for nothing.
#include <chrono>

#include <gtest/gtest.h>

#include "tests/support/live_engine.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

Statement read(const std::string& sql) { return Statement{sql, {"reads.sql", 1}}; }

void make_tables(Database& db) {
  must_query(db, "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(20), score DOUBLE, "
                 "price DECIMAL(8,2), born DATE, flag TINYINT)");
  must_query(db, "INSERT INTO a VALUES (1, 'x', 1.5, 2.25, '2020-02-29', 1), "
                 "(2, NULL, NULL, NULL, NULL, NULL), (3, 'it''s', -0.125, 0, '1999-12-31', 0)");
  must_query(db, "CREATE TABLE b (k VARCHAR(10) PRIMARY KEY, n BIGINT)");
  must_query(db, "INSERT INTO b VALUES ('p', 9007199254740993), ('q', -1)");
}

void expect_same(const QueryResult& batched, const QueryResult& alone) {
  ASSERT_TRUE(batched.ok()) << batched.error->message;
  EXPECT_EQ(batched.columns, alone.columns);
  EXPECT_EQ(batched.rows, alone.rows);
}

TEST(MariadbCommittedReads, ReadsSeveralTablesAtOnceExactlyAsQueryReadsEach) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  make_tables(*db);
  std::vector<Statement> reads = {read("SELECT id, name, score, price, born, flag FROM a"),
                                  read("SELECT k, n FROM b"), read("SELECT name FROM a WHERE id = 3")};
  std::optional<std::vector<QueryResult>> batched = db->read_committed(reads);
  ASSERT_TRUE(batched.has_value());
  ASSERT_EQ(batched->size(), reads.size());
  for (size_t i = 0; i < reads.size(); ++i) expect_same((*batched)[i], must_query(*db, reads[i].sql));
  EXPECT_EQ((*batched)[0].rows.size(), 3u);
  EXPECT_EQ((*batched)[1].rows[0][1], SqlValue{int64_t{9007199254740993}});
}

TEST(MariadbCommittedReads, AReadThatFailsHasItsErrorAndTheReadsAfterItStillRun) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  make_tables(*db);
  auto batched = db->read_committed({read("SELECT id FROM a"), read("SELECT id FROM gone"),
                                     read("SELECT k FROM b"), read("SELECT nope FROM b"),
                                     read("SELECT n FROM b")});
  ASSERT_TRUE(batched.has_value());
  ASSERT_EQ(batched->size(), 5u);
  EXPECT_EQ((*batched)[0].rows.size(), 3u);
  ASSERT_FALSE((*batched)[1].ok());
  EXPECT_NE((*batched)[1].error->message.find("gone"), std::string::npos) << (*batched)[1].error->message;
  EXPECT_EQ((*batched)[1].error->sqlstate, "42S02");
  EXPECT_EQ((*batched)[2].rows.size(), 2u);
  ASSERT_FALSE((*batched)[3].ok());
  EXPECT_EQ((*batched)[3].error->sqlstate, "42S22");
  ASSERT_TRUE((*batched)[4].ok());
  EXPECT_EQ((*batched)[4].rows.size(), 2u);
}

// Only SELECTs are reads: a statement without rows is refused with those after it, and the
// connection is fit for the next reads.
TEST(MariadbCommittedReads, AStatementWithoutRowsIsRefusedAndTheConnectionStaysUsable) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  make_tables(*db);
  auto batched = db->read_committed({read("SELECT k FROM b"), read("DO 0"), read("SELECT n FROM b")});
  ASSERT_TRUE(batched.has_value());
  EXPECT_EQ((*batched)[0].rows.size(), 2u);
  ASSERT_FALSE((*batched)[1].ok());
  EXPECT_NE((*batched)[1].error->message.find("not a read"), std::string::npos);
  EXPECT_FALSE((*batched)[2].ok());
  auto next = db->read_committed({read("SELECT id FROM a")});
  ASSERT_TRUE(next.has_value());
  ASSERT_TRUE((*next)[0].ok()) << (*next)[0].error->message;
  EXPECT_EQ((*next)[0].rows.size(), 3u);
}

// Rows the migration's connection has not committed are part of what must be read: with a
// transaction open there, the reads are left to the caller, who reads on that connection.
TEST(MariadbCommittedReads, WhileTheConnectionHasATransactionOpenItLeavesTheReadsToTheCaller) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  make_tables(*db);
  db->begin();
  must_query(*db, "DELETE FROM b");
  EXPECT_FALSE(db->read_committed({read("SELECT k FROM b")}).has_value());
  db->rollback();
  auto after = db->read_committed({read("SELECT k FROM b")});
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ((*after)[0].rows.size(), 2u);
}

// A migration's temporary table hides the real one on the migration's connection, qualified or
// not; the reads' own connection has none.
TEST(MariadbCommittedReads, AMigrationsTemporaryTableDoesNotStandInForTheRealOne) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  make_tables(*db);
  run_sql(*db, EngineKind::mariadb, "CREATE TEMPORARY TABLE b (k VARCHAR(10), n BIGINT);");
  EXPECT_TRUE(must_query(*db, "SELECT k FROM b").rows.empty());
  auto batched = db->read_committed({read("SELECT k FROM b")});
  ASSERT_TRUE(batched.has_value());
  EXPECT_EQ((*batched)[0].rows.size(), 2u);
}

// --statement-timeout holds for each read: one past it is cancelled and named so; the reads
// after it run.
TEST(MariadbCommittedReads, AReadPastTheStatementTimeoutIsCancelledAndTheRestStillRun) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  make_tables(*db);
  db->time_limits().statement = std::chrono::seconds(1);
  auto start = std::chrono::steady_clock::now();
  auto batched = db->read_committed({read("SELECT SLEEP(60)"), read("SELECT k FROM b")});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(50));
  ASSERT_TRUE(batched.has_value());
  ASSERT_FALSE((*batched)[0].ok());
  EXPECT_NE((*batched)[0].error->message.find("cancelled by Crucible"), std::string::npos)
      << (*batched)[0].error->message;
  ASSERT_TRUE((*batched)[1].ok()) << (*batched)[1].error->message;
  EXPECT_EQ((*batched)[1].rows.size(), 2u);
}

}  // namespace
}  // namespace crucible::testing
