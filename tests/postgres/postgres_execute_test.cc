// Running scripts: one transaction, rollback with the statement's file:line on error, the
// fallback for statements that cannot run in a transaction, autocommit scripts, lost sessions.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/postgres/pg_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

// Succeeds only while `table` has no rows: a way to look at data through execute() alone.
std::string assert_empty(const std::string& table) {
  return "DO $$ BEGIN IF (SELECT count(*) FROM " + table +
         ") <> 0 THEN RAISE EXCEPTION 'rows left'; END IF; END $$";
}

TEST(PostgresExecute, RunsAScriptInOneTransaction) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(pg_script(
      "CREATE TABLE users (id integer PRIMARY KEY);\n"
      "INSERT INTO users VALUES (1), (2);\n"
      "DROP TABLE IF EXISTS nothing_here;\n"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_TRUE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 3);
  EXPECT_EQ(result.note, "");
  EXPECT_NE(table_named(db->snapshot(), "users"), nullptr);
}

// A script inside the caller's transaction checks its deferred constraints where its COMMIT
// would; the check does not outlast it (SET CONSTRAINTS lasts until the transaction ends), so
// the next script in the same transaction defers as its constraints declare.
TEST(PostgresExecute, ANestedScriptsDeferredCheckDoesNotOutlastIt) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_run(*db, "CREATE TABLE parent (id integer PRIMARY KEY);\n"
              "CREATE TABLE child (parent_id integer REFERENCES parent "
              "DEFERRABLE INITIALLY DEFERRED)");
  db->begin();
  ExecResult orphan = db->execute(pg_script("INSERT INTO child VALUES (2)"));
  ASSERT_FALSE(orphan.ok());  // checked at the script's end
  EXPECT_EQ(orphan.error->statement, "SET CONSTRAINTS ALL IMMEDIATE");
  EXPECT_TRUE(orphan.rolled_back);
  ExecResult passed = db->execute(pg_script("DELETE FROM child"));
  ASSERT_TRUE(passed.ok()) << passed.error->message;
  ExecResult later = db->execute(
      pg_script("INSERT INTO child VALUES (1);\nINSERT INTO parent VALUES (1);"));
  EXPECT_TRUE(later.ok()) << later.error->message;
  db->rollback();
}

// Sqitch-style scripts carry their own BEGIN and COMMIT: they nest harmlessly in ours.
TEST(PostgresExecute, AScriptWithItsOwnBeginAndCommitRuns) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(pg_script("BEGIN;\nCREATE TABLE t (id integer);\nCOMMIT;\n"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.statements_run, 3);
  EXPECT_NE(table_named(db->snapshot(), "t"), nullptr);

  result = db->execute(pg_script("BEGIN;\nCREATE TABLE u (id integer);\nCREATE TABLE t ();\n"
                                 "COMMIT;\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.rolled_back);
  EXPECT_TRUE(result.atomic);
  catalog::Catalog after = db->snapshot();
  EXPECT_EQ(after.tables.size(), 1u);  // u was rolled back with the rest
}

// A COMMIT in the middle of a script ends our transaction too: what follows is not atomic, and
// an error there cannot be called rolled back.
TEST(PostgresExecute, ACommitInTheMiddleMakesTheScriptNonAtomic) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(pg_script(
      "CREATE TABLE first (id integer);\n"
      "COMMIT;\n"
      "BEGIN;\n"
      "CREATE TABLE first (id integer);\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->where.line, 4);
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_NE(table_named(db->snapshot(), "first"), nullptr);

  result = db->execute(pg_script("CREATE TABLE second (id integer);\nEND;\n"
                                 "CREATE TABLE third (id integer);\n"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_FALSE(result.atomic);

  result = db->execute(pg_script("CREATE TABLE fourth (id integer);\ncommit;\n"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_TRUE(result.atomic);  // a COMMIT that ends the script ends it as ours would
}

TEST(PostgresExecute, AFailingStatementRollsBackAndSaysWhere) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_run(*db, "CREATE TABLE before (id integer)");
  catalog::Catalog before = db->snapshot();

  ExecResult result = db->execute(pg_script(
      "CREATE TABLE first (id integer);\n"
      "ALTER TABLE before ADD COLUMN note text;\n"
      "\n"
      "CREATE TABLE broken (\n"
      "  id no_such_type\n"
      ");\n"
      "CREATE TABLE never (id integer);\n",
      "0002_broken.up.sql"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "42704");  // undefined_object
  EXPECT_EQ(result.error->where.str(), "0002_broken.up.sql:4");
  EXPECT_NE(result.error->message.find("no_such_type"), std::string::npos)
      << result.error->message;
  EXPECT_NE(result.error->message.back(), '\n');
  EXPECT_NE(result.error->statement.find("CREATE TABLE broken"), std::string::npos);
  EXPECT_TRUE(result.rolled_back);
  EXPECT_TRUE(result.atomic);
  EXPECT_EQ(result.statements_run, 2);
  catalog::Catalog after = db->snapshot();
  EXPECT_EQ(before, after) << describe_diff(before, after);
}

TEST(PostgresExecute, ADeferredConstraintFailingAtCommitIsTheScriptsError) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_run(*db,
         "CREATE TABLE parent (id integer PRIMARY KEY);"
         "CREATE TABLE child (parent_id integer REFERENCES parent "
         "  DEFERRABLE INITIALLY DEFERRED)");
  ExecResult result = db->execute(pg_script("INSERT INTO child VALUES (42)", "0003_data.up.sql"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "23503");  // foreign_key_violation
  EXPECT_EQ(result.error->statement, "COMMIT");
  EXPECT_EQ(result.error->where.file, "0003_data.up.sql");
  EXPECT_TRUE(result.rolled_back);
  pg_run(*db, assert_empty("child"));
}

TEST(PostgresExecute, CreateIndexConcurrentlyRunsOutsideATransaction) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_run(*db, "CREATE TABLE users (id integer, email text)");
  ExecResult result = db->execute(pg_script(
      "ALTER TABLE users ADD COLUMN name text;\n"
      "CREATE INDEX CONCURRENTLY users_email_idx\n"
      "  ON users (email);\n"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 2);
  EXPECT_EQ(result.note,
            "ran outside a transaction: CREATE INDEX CONCURRENTLY users_email_idx cannot run "
            "inside a transaction block");
  catalog::Catalog catalog = db->snapshot();
  EXPECT_NE(index_named(catalog, "users_email_idx"), nullptr);
  EXPECT_NE(column_named(catalog, "users", "name"), nullptr);  // ran exactly once
}

TEST(PostgresExecute, AnErrorAfterTheFallbackIsNotRolledBack) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(pg_script(
      "CREATE TABLE kept (id integer);\n"
      "VACUUM kept;\n"
      "CREATE TABLE kept (id integer);\n",
      "0004_vacuum.up.sql"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "42P07");  // duplicate_table
  EXPECT_EQ(result.error->where.str(), "0004_vacuum.up.sql:3");
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 2);
  EXPECT_NE(result.note.find("VACUUM kept"), std::string::npos) << result.note;
  EXPECT_NE(table_named(db->snapshot(), "kept"), nullptr);
}

TEST(PostgresExecute, ANonTransactionalScriptRunsInAutocommit) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  Script script = pg_script(
      "CREATE TABLE kept (id integer);\n"
      "INSERT INTO kept VALUES ('not a number');\n");
  script.transactional = false;
  ExecResult result = db->execute(script);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "22P02");  // invalid_text_representation
  EXPECT_EQ(result.error->where.line, 2);
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 1);
  EXPECT_EQ(result.note, "");
  EXPECT_NE(table_named(db->snapshot(), "kept"), nullptr);
}

TEST(PostgresExecute, ALostConnectionThrows) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_admin_exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                db->name() + "'");
  try {
    db->execute(pg_script("CREATE TABLE t (id integer)", "0005_t.up.sql"));
    ADD_FAILURE() << "execute() on a terminated session did not throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(db->name()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace crucible::testing
