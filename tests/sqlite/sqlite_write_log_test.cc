// Database::table_writes on SQLite (sqlite_write_log.h). The data check leaves a table unread
// when its number did not move, so every way a statement can change a table's rows must move it
// — and reads and other tables' writes must leave it, or the numbers would spare no read.
#include <gtest/gtest.h>

#include "harness/engines/engine.h"
#include "harness/engines/sqlite/sqlite_engine.h"
#include "harness/sql/splitter.h"

namespace crucible {
namespace {

std::unique_ptr<Engine> sqlite_engine(EngineOptions options = {}) {
  return make_sqlite_engine(parse_dsn("sqlite:"), options);
}

void run(Database& db, const std::string& sql) {
  Script s;
  s.file = "0001_writes.up.sql";
  s.statements = sql::split_statements(sql, Dialect::sqlite, s.file);
  ExecResult result = db.execute(s);
  ASSERT_TRUE(result.ok()) << sql << ": " << result.error->message;
}

uint64_t writes_to(Database& db, const std::string& table) {
  std::optional<std::vector<uint64_t>> writes = db.table_writes({table});
  EXPECT_TRUE(writes.has_value());
  return writes ? writes->front() : 0;
}

class SqliteTableWrites : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = engine_->create_scratch();
    ASSERT_TRUE(db_->query({"PRAGMA foreign_keys = ON", {}}).ok());
    run(*db_,
        "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT UNIQUE);"
        "CREATE TABLE other (id INTEGER PRIMARY KEY);"
        "CREATE TABLE audit (id INTEGER PRIMARY KEY);"
        "CREATE TABLE parents (id INTEGER PRIMARY KEY);"
        "INSERT INTO items (label) VALUES ('a'), ('b'); INSERT INTO parents VALUES (1), (2);");
  }
  // Whether `sql` moved the number of `table`.
  bool moves(const std::string& table, const std::string& sql) {
    uint64_t before = writes_to(*db_, table);
    run(*db_, sql);
    return writes_to(*db_, table) != before;
  }

  std::unique_ptr<Engine> engine_ = sqlite_engine();
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteTableWrites, EveryWayAStatementCanChangeATablesRowsMovesItsNumber) {
  EXPECT_TRUE(moves("items", "INSERT INTO items (label) VALUES ('c')"));
  EXPECT_TRUE(moves("items", "UPDATE items SET label = 'd' WHERE label = 'c'"));
  EXPECT_TRUE(moves("items", "DELETE FROM items WHERE 1 = 0"));  // compiled to write, wrote none
  EXPECT_TRUE(moves("items", "REPLACE INTO items (id, label) VALUES (1, 'a')"));
  EXPECT_TRUE(moves("ITEMS", "insert into Items (label) values ('e')"));  // names without case
  // Only through a trigger on another table.
  run(*db_, "CREATE TRIGGER audited AFTER INSERT ON audit BEGIN DELETE FROM items "
            "WHERE label = 'e'; END");
  EXPECT_TRUE(moves("items", "INSERT INTO audit VALUES (1)"));
  // Only through a foreign key action of a table that refers to it.
  run(*db_, "CREATE TABLE children (id INTEGER PRIMARY KEY, "
            "parent_id INTEGER REFERENCES parents (id) ON DELETE CASCADE);"
            "INSERT INTO children VALUES (1, 1), (2, 2)");
  EXPECT_TRUE(moves("children", "DELETE FROM parents WHERE id = 1"));
  EXPECT_TRUE(moves("children", "DROP TABLE parents"));  // its implicit DELETE cascades too
  EXPECT_TRUE(moves("items", "ALTER TABLE items ADD COLUMN note TEXT"));
  EXPECT_TRUE(moves("items", "ALTER TABLE items RENAME COLUMN note TO remark"));
  EXPECT_TRUE(moves("items", "ALTER TABLE items DROP COLUMN remark"));
  EXPECT_TRUE(moves("items", "ALTER TABLE items RENAME TO goods"));
  EXPECT_TRUE(moves("goods", "DROP TABLE goods"));
}

TEST_F(SqliteTableWrites, ReadsAndOtherTablesWritesLeaveItsNumberAlone) {
  EXPECT_FALSE(moves("items", "SELECT * FROM items"));
  EXPECT_FALSE(moves("items", "INSERT INTO other SELECT id FROM items"));
  EXPECT_FALSE(moves("items", "CREATE INDEX items_label ON items (label)"));
  EXPECT_FALSE(moves("items", "DROP INDEX items_label"));
  EXPECT_FALSE(moves("items", "CREATE TABLE more (id INTEGER); CREATE VIEW v AS SELECT * FROM items"));
  EXPECT_FALSE(moves("items", "ALTER TABLE other ADD COLUMN x TEXT"));
}

// sqlite_sequence is written by no statement's name but the migration's: any table may be behind
// it, so every number moves.
TEST_F(SqliteTableWrites, AWriteToAnInternalTableMovesEveryNumber) {
  EXPECT_TRUE(moves("other", "UPDATE sqlite_sequence SET seq = 100 WHERE name = 'items'"));
}

// A virtual table's module writes its own tables with statements it compiled once and kept; no
// authorizer sees those writes again, so a database with one is never vouched for.
TEST_F(SqliteTableWrites, NotVouchedForWithAVirtualTableOrWithoutContainment) {
  ASSERT_TRUE(db_->table_writes({"items"}).has_value());
  run(*db_, "CREATE VIRTUAL TABLE temp.words USING fts5(body)");
  EXPECT_FALSE(db_->table_writes({"items"}).has_value());
  run(*db_, "DROP TABLE temp.words");
  ASSERT_TRUE(db_->table_writes({"items"}).has_value());
  run(*db_, "CREATE VIRTUAL TABLE notes USING fts5(body)");
  EXPECT_FALSE(db_->table_writes({"items"}).has_value());

  // --privileged installs no authorizer: nothing is seen.
  auto privileged = sqlite_engine(EngineOptions{.privileged = true})->create_scratch();
  EXPECT_FALSE(privileged->table_writes({"items"}).has_value());
}

}  // namespace
}  // namespace crucible
