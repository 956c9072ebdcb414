#include <gtest/gtest.h>

#include <filesystem>

#include "harness/common/error.h"
#include "harness/sql/splitter.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

Script script(const std::string& sql, const std::string& file = "0001_test.up.sql") {
  Script s;
  s.file = file;
  s.statements = sql::split_statements(sql, Dialect::sqlite, file);
  return s;
}

TEST(SqliteEngine, ScratchFileExistsWhileOpenAndIsRemovedAfter) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  std::string path;
  {
    auto db = engine->create_scratch();
    path = db->name();
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_NE(path.find("crucible_"), std::string::npos);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteEngine, FailingStatementIsRolledBackAndLocated) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  auto empty = db->snapshot();
  ExecResult result = db->execute(script("CREATE TABLE a (id INTEGER);\n\nCREATE TABLE b (id INTEGR,);"));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.rolled_back);
  EXPECT_EQ(result.statements_run, 1);
  EXPECT_EQ(result.error->where.str(), "0001_test.up.sql:3");
  EXPECT_EQ(result.error->sqlstate, "SQLITE_ERROR");
  EXPECT_NE(result.error->message.find("syntax error"), std::string::npos);
  EXPECT_EQ(db->snapshot(), empty);  // table a was rolled back too
}

TEST(SqliteEngine, NonTransactionalScriptKeepsWhatRanBeforeTheError) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  Script s = script("CREATE TABLE a (id INTEGER); CREATE TABLE a (id INTEGER);");
  s.transactional = false;
  ExecResult result = db->execute(s);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.atomic);
  EXPECT_FALSE(result.rolled_back);
  EXPECT_EQ(db->snapshot().tables.size(), 1u);
}

// A script's own COMMIT ends the transaction Crucible began: what follows it runs in
// autocommit. Such a script is non-atomic, its end needs no COMMIT of ours (SQLite refuses one
// with no transaction left: the script used to fail there), and an error after the COMMIT
// undoes nothing that came before it.
TEST(SqliteEngine, AScriptThatCommitsItselfIsNonAtomicAndKeepsWhatItCommitted) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  ExecResult passed =
      db->execute(script("CREATE TABLE a (id INTEGER); COMMIT; CREATE TABLE b (id INTEGER);"));
  ASSERT_TRUE(passed.ok()) << passed.error->message;
  EXPECT_FALSE(passed.atomic);
  EXPECT_EQ(passed.statements_run, 3);
  ExecResult failed =
      db->execute(script("CREATE TABLE c (id INTEGER); COMMIT; CREATE TABLE a (id INTEGER);"));
  ASSERT_FALSE(failed.ok());
  EXPECT_FALSE(failed.atomic);
  EXPECT_FALSE(failed.rolled_back);
  EXPECT_EQ(failed.error->where.str(), "0001_test.up.sql:1");
  EXPECT_EQ(db->snapshot().tables.size(), 3u);  // a, b and c
  ExecResult whole = db->execute(script("CREATE TABLE d (id INTEGER); COMMIT;"));
  ASSERT_TRUE(whole.ok()) << whole.error->message;
  EXPECT_TRUE(whole.atomic);  // its COMMIT ends it with everything in it
}

TEST(SqliteEngine, StatementsThatRefuseTransactionsRunOutsideOneAndSaySo) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(script("CREATE TABLE a (id INTEGER);\nVACUUM;"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_FALSE(result.atomic);
  EXPECT_EQ(result.note,
            "ran outside a transaction: cannot VACUUM from within a transaction (0001_test.up.sql:2)");
  EXPECT_EQ(db->snapshot().tables.size(), 1u);
}

TEST(SqliteEngine, RefusesToModifyAnExistingDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto scratch = engine->create_scratch();
  ASSERT_TRUE(scratch->execute(script("CREATE TABLE kept (id INTEGER)")).ok());
  auto existing = engine->open_existing(scratch->name());
  EXPECT_THROW(existing->execute(script("DROP TABLE kept")), Error);
  EXPECT_EQ(existing->snapshot().tables.size(), 1u);
  EXPECT_THROW(engine->drop_leftover("production"), Error);
  EXPECT_THROW(engine->open_existing("/no/such/file.db"), Error);
}

TEST(SqliteEngine, ForeignKeysAreEnforcedOnlyWhenTheDsnAsks) {
  Dsn dsn = parse_dsn("sqlite:?foreign_keys=on");
  auto engine = connect_engine(dsn);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(script(
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p(id));"
      "INSERT INTO c VALUES (42);"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->sqlstate, "SQLITE_CONSTRAINT_FOREIGNKEY");
}

std::string setting(Database& db, const std::string& pragma) {
  QueryResult r = db.query(Statement{"PRAGMA " + pragma, SourceLocation{"<test>", 0}});
  EXPECT_TRUE(r.ok() && r.rows.size() == 1) << pragma;
  if (!r.ok() || r.rows.size() != 1) return "";
  const SqlValue& value = r.rows[0][0];
  if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  return std::get<std::string>(value);
}

// Scratch files are thrown away, so their commits do not wait for the disk (and their clones'
// neither); `crucible bench` asks for commits as a server makes them, and gets SQLite's default.
// A rollback undoes a failed script either way.
TEST(SqliteEngine, ScratchCommitsDoNotWaitForTheDiskUnlessAskedTo) {
  auto throwaway = connect_engine(parse_dsn("sqlite:"));
  auto db = throwaway->create_scratch();
  EXPECT_EQ(setting(*db, "synchronous"), "0");
  EXPECT_EQ(setting(*db, "journal_mode"), "memory");
  auto copy = db->clone();
  EXPECT_EQ(setting(*copy, "synchronous"), "0");
  auto empty = db->snapshot();
  ExecResult failed = db->execute(script("CREATE TABLE a (id INTEGER);\nCREATE TABLE a (id INTEGER);"));
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.rolled_back);
  EXPECT_EQ(db->snapshot(), empty);

  EngineOptions durable;
  durable.throwaway_commits = false;
  auto bench = connect_engine(parse_dsn("sqlite:"), durable);
  auto timed = bench->create_scratch();
  EXPECT_NE(setting(*timed, "synchronous"), "0");
  EXPECT_EQ(setting(*timed, "journal_mode"), "delete");
}

}  // namespace
}  // namespace crucible
