// Running scripts: statement by statement, atomic where the server allows, and honest where it
// does not (DDL commits implicitly on MariaDB and MySQL).
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/mysql/my_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

std::string count_rows(Database& db, const std::string& table) {
  return my_admin_query("SELECT COUNT(*) FROM `" + db.name() + "`.`" + table + "`").at(0);
}

TEST(MysqlExecute, RunsEveryStatement) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(my_script(
      "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));\n"
      "INSERT INTO t VALUES (1, 'a;b'), (2, 'c');\n"
      "UPDATE t SET name = 'd' WHERE id = 2;\n"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.statements_run, 3);
  EXPECT_FALSE(result.atomic);  // CREATE TABLE commits implicitly
  EXPECT_NE(result.note.find("CREATE TABLE (test.sql:1) commits implicitly on mariadb"),
            std::string::npos) << result.note;
  EXPECT_EQ(count_rows(*db, "t"), "2");
}

TEST(MysqlExecute, DmlOnlyScriptIsAtomic) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  ExecResult result = db->execute(my_script("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.atomic);
  EXPECT_EQ(result.note, "");
  EXPECT_EQ(count_rows(*db, "t"), "2");
}

TEST(MysqlExecute, FailingStatementCarriesTheServersErrorAndItsLocation) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(my_script(
      "CREATE TABLE t (id INT PRIMARY KEY);\n\n-- the next one is wrong\nINSERT INTO missing\n"
      "  VALUES (1);\nINSERT INTO t VALUES (1);\n", "0002_add.up.sql"));
  ASSERT_FALSE(result.ok());
  const StatementError& error = *result.error;
  EXPECT_EQ(error.sqlstate, "42S02");
  // The scratch name (different every run) is taken out of the server's text.
  EXPECT_EQ(error.message, "ERROR 1146 (42S02): Table 'missing' doesn't exist");
  EXPECT_EQ(error.where.str(), "0002_add.up.sql:4");
  EXPECT_EQ(error.statement, "INSERT INTO missing\n  VALUES (1)");
  EXPECT_EQ(result.statements_run, 1);
}

TEST(MysqlExecute, FailingDmlOnlyScriptIsRolledBack) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  ExecResult result = db->execute(my_script(
      "INSERT INTO t VALUES (1);\nUPDATE t SET id = 2;\nINSERT INTO t VALUES (2);\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "23000");  // duplicate key
  EXPECT_EQ(result.error->where.line, 3);
  EXPECT_TRUE(result.atomic);
  EXPECT_TRUE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 2);
  EXPECT_EQ(count_rows(*db, "t"), "0");
}

TEST(MysqlExecute, FailureAfterDdlIsNotRolledBackAndThePartialStateShows) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(my_script(
      "CREATE TABLE applied (id INT PRIMARY KEY);\nINSERT INTO applied VALUES (1);\n"
      "ALTER TABLE missing ADD COLUMN x INT;\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "42S02");
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 2);
  catalog::Catalog after = db->snapshot();
  ASSERT_NE(table_named(after, "applied"), nullptr);
  // The INSERT ran after CREATE TABLE's implicit commit and before ALTER TABLE's: it stays too.
  EXPECT_EQ(count_rows(*db, "applied"), "1");
}

TEST(MysqlExecute, FailingDdlAfterDmlCommittedTheDml) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  // DROP TABLE t, missing: drops t, then fails on missing; the INSERT was committed before.
  ExecResult result =
      db->execute(my_script("INSERT INTO t VALUES (1);\nDROP TABLE t, missing;\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(db->snapshot().tables.size(), 0u);
}

TEST(MysqlExecute, SyntaxErrorInDdlChangesNothing) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  ExecResult result = db->execute(my_script(
      "INSERT INTO t VALUES (1);\nCREATE TABLE u (id INT PRIMARY KEY,);\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "42000");
  EXPECT_NE(result.error->message.find("ERROR 1064"), std::string::npos);
  EXPECT_FALSE(result.atomic);      // the script holds DDL...
  EXPECT_TRUE(result.rolled_back);  // ...but it never ran, so the INSERT was rolled back
  EXPECT_EQ(count_rows(*db, "t"), "0");
}

TEST(MysqlExecute, NonTransactionalScriptRunsStatementByStatement) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  Script script = my_script("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\n");
  script.transactional = false;
  ExecResult result = db->execute(script);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(result.note, "ran outside a transaction, as the script asks");
  EXPECT_EQ(count_rows(*db, "t"), "1");
}

TEST(MysqlExecute, ProceduresTriggersAndQueriesRunInOneScript) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(my_script(
      "CREATE TABLE t (id INT PRIMARY KEY, n INT);\n"
      "DELIMITER //\n"
      "CREATE PROCEDURE fill(IN k INT)\nBEGIN\n  INSERT INTO t VALUES (k, 0);\n"
      "  SELECT * FROM t;\n  SELECT COUNT(*) FROM t;\nEND//\n"
      "CREATE TRIGGER bump BEFORE UPDATE ON t FOR EACH ROW\nBEGIN\n"
      "  SET NEW.n = OLD.n + 1;\nEND//\n"
      "DELIMITER ;\n"
      "CALL fill(1);\nCALL fill(2);\nSELECT * FROM t;\nUPDATE t SET id = id + 10;\n"));
  ASSERT_TRUE(result.ok()) << result.error->message << " at " << result.error->where.str();
  EXPECT_EQ(result.statements_run, 7);
  EXPECT_EQ(my_admin_query("SELECT SUM(n) FROM `" + db->name() + "`.t").at(0), "2");
}

TEST(MysqlExecute, LostConnectionThrows) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  for (const std::string& id : my_admin_query(
           "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + db->name() + "'"))
    my_admin_exec("KILL " + id);
  EXPECT_THROW(db->execute(my_script("INSERT INTO t VALUES (1)")), Error);
}

}  // namespace
}  // namespace crucible::testing
