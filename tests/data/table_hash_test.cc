// Table contents compared without row order, on SQLite (always available).
#include "harness/data/table_hash.h"

#include <gtest/gtest.h>

#include "tests/support/live_engine.h"

namespace crucible::data {
namespace {

TableContent contents(Database& db) {
  return read_table(db, Dialect::sqlite, "t", {"id", "name", "score"});
}

class TableHash : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = testing::live_engine(EngineKind::sqlite);
    ASSERT_TRUE(engine_);
    db_ = engine_->create_scratch();
    testing::run_sql(*db_, EngineKind::sqlite,
                     "CREATE TABLE t (id INTEGER, name TEXT, score REAL);"
                     "INSERT INTO t VALUES (1, 'a', 1.5), (2, NULL, NULL), (3, 'it''s', -2)");
  }
  void run(const std::string& sql) { testing::run_sql(*db_, EngineKind::sqlite, sql); }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
};

TEST_F(TableHash, RowOrderDoesNotCount) {
  TableContent before = contents(*db_);
  run("CREATE TABLE u AS SELECT * FROM t ORDER BY id DESC; DELETE FROM t; "
      "INSERT INTO t SELECT * FROM u");
  TableContent after = contents(*db_);
  EXPECT_EQ(before.rows(), 3u);
  EXPECT_EQ(before.digest(), after.digest());
  EXPECT_EQ(describe_difference(before, after, "before", "after"), "");
}

TEST_F(TableHash, NullEmptyAndTheStringNullDiffer) {
  TableContent before = contents(*db_);
  run("UPDATE t SET name = 'NULL' WHERE id = 2");
  TableContent after = contents(*db_);
  EXPECT_NE(before.digest(), after.digest());
  EXPECT_EQ(describe_difference(before, after, "before forward", "after reverse"),
            "table t: 3 rows before forward, 3 after reverse (1 gone, 1 new); first row missing "
            "after reverse: id=2, name=NULL, score=NULL (now: id=2, name='NULL', score=NULL)");
}

TEST_F(TableHash, MissingAndDuplicatedRows) {
  TableContent before = contents(*db_);
  run("DELETE FROM t WHERE id = 3; INSERT INTO t VALUES (1, 'a', 1.5)");
  EXPECT_EQ(describe_difference(before, contents(*db_), "before", "after"),
            "table t: 3 rows before, 3 after (1 gone, 1 new); first row missing after: id=3, "
            "name='it''s', score=-2");
}

TEST_F(TableHash, AddedRowsAndUnreadableTables) {
  TableContent before = contents(*db_);
  run("INSERT INTO t VALUES (4, 'ü 日本', 0)");
  EXPECT_EQ(describe_difference(before, contents(*db_), "before", "after"),
            "table t: 3 rows before, 4 after (0 gone, 1 new); first row that appeared after: "
            "id=4, name='ü 日本', score=0");
  run("ALTER TABLE t DROP COLUMN score");
  std::string message = describe_difference(before, contents(*db_), "before", "after");
  EXPECT_EQ(message.rfind("table t: cannot be read after: ", 0), 0u) << message;
}

TEST(ShowValue, CutsLongStringsAtACharacter) {
  EXPECT_EQ(show_value(SqlValue(nullptr)), "NULL");
  EXPECT_EQ(show_value(SqlValue(int64_t{-3})), "-3");
  EXPECT_EQ(show_value(SqlValue(std::string(39, 'x') + "日本")), "'" + std::string(39, 'x') + "…'");
}

}  // namespace
}  // namespace crucible::data
