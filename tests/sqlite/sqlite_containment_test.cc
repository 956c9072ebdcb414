// SQLite containment and statement timeouts (README "Security model"): a migration reaches only
// its scratch file, and a statement that runs past --statement-timeout is an error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "harness/engines/engine.h"
#include "harness/engines/sqlite/sqlite_engine.h"
#include "harness/sql/splitter.h"

namespace crucible {
namespace {

namespace fs = std::filesystem;

Script script(const std::string& sql) {
  Script s;
  s.file = "0001_escape.up.sql";
  s.statements = sql::split_statements(sql, Dialect::sqlite, s.file);
  return s;
}

std::unique_ptr<Engine> sqlite_engine(EngineOptions options = {}) {
  return make_sqlite_engine(parse_dsn("sqlite:"), options);
}

// A file outside the scratch folder that a migration must not reach.
struct Victim {
  fs::path path = fs::temp_directory_path() /
                  ("crucible-victim-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
  Victim() { fs::remove(path); }
  ~Victim() { fs::remove(path); }
};

void expect_refused(const ExecResult& result, const std::string& what, int line) {
  ASSERT_FALSE(result.ok()) << what << " ran";
  EXPECT_EQ(result.error->sqlstate, "SQLITE_AUTH");
  EXPECT_NE(result.error->message.find("Crucible refuses " + what), std::string::npos)
      << result.error->message;
  EXPECT_EQ(result.error->where.str(), "0001_escape.up.sql:" + std::to_string(line));
}

TEST(SqliteContainment, AttachOfAnotherFileIsRefusedAndTheFileIsNotCreated) {
  Victim victim;
  auto engine = sqlite_engine();
  auto db = engine->create_scratch();
  ExecResult result = db->execute(script("CREATE TABLE a (id INT);\nATTACH '" +
                                         victim.path.string() + "' AS v;\nCREATE TABLE v.t (x INT);"));
  expect_refused(result, "ATTACH of '" + victim.path.string() + "'", 2);
  EXPECT_FALSE(fs::exists(victim.path));
  EXPECT_NE(engine->server_info().containment.find("ATTACH"), std::string::npos);
}

TEST(SqliteContainment, VacuumIntoAnotherFileIsRefused) {
  Victim victim;
  auto db = sqlite_engine()->create_scratch();
  Script s = script("VACUUM INTO '" + victim.path.string() + "';");
  s.transactional = false;
  expect_refused(db->execute(s), "ATTACH of '" + victim.path.string() + "'", 1);
  EXPECT_FALSE(fs::exists(victim.path));
}

TEST(SqliteContainment, PragmasThatReachBeyondTheFileOrBreakRollbackAreRefused) {
  auto db = sqlite_engine()->create_scratch();
  for (std::string pragma : {"PRAGMA temp_store_directory = '/tmp'", "PRAGMA hard_heap_limit = 1000",
                             "PRAGMA writable_schema = ON", "PRAGMA journal_mode = OFF",
                             "PRAGMA schema_version = 7"}) {
    Script s = script(pragma + ";");
    s.transactional = false;
    ExecResult result = db->execute(s);
    ASSERT_FALSE(result.ok()) << pragma;
    EXPECT_EQ(result.error->sqlstate, "SQLITE_AUTH") << pragma;
    EXPECT_NE(result.error->message.find("Crucible refuses PRAGMA"), std::string::npos)
        << result.error->message;
  }
  // Reading settings, the PRAGMAs migrations use, and plain VACUUM (SQLite's own private
  // temporary database) stay allowed.
  Script allowed = script("PRAGMA foreign_keys = OFF; PRAGMA journal_mode; PRAGMA user_version = 3; "
                          "VACUUM;");
  allowed.transactional = false;
  EXPECT_TRUE(db->execute(allowed).ok());
}

TEST(SqliteContainment, LoadExtensionIsRefused) {
  auto db = sqlite_engine()->create_scratch();
  ExecResult result = db->execute(script("SELECT load_extension('/tmp/evil.so');"));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->message.find("Crucible refuses the function load_extension()"),
            std::string::npos) << result.error->message;
}

TEST(SqliteContainment, CrucibleOwnClonesQueriesAndSnapshotsStillWork) {
  auto db = sqlite_engine()->create_scratch();
  ASSERT_TRUE(db->execute(script("CREATE TABLE a (id INT PRIMARY KEY, b TEXT);\n"
                                 "INSERT INTO a VALUES (1, 'x');")).ok());
  auto copy = db->clone();
  EXPECT_EQ(copy->snapshot(), db->snapshot());
  QueryResult rows = copy->query({"SELECT b FROM a WHERE id = ?", {}}, {int64_t{1}});
  ASSERT_TRUE(rows.ok()) << rows.error->message;
  ASSERT_EQ(rows.rows.size(), 1u);
  // The copy is contained too.
  EXPECT_FALSE(copy->query({"ATTACH '/tmp/x.db' AS x", {}}).ok());
}

TEST(SqliteContainment, PrivilegedLiftsTheContainmentAndSaysSo) {
  Victim victim;
  auto engine = sqlite_engine(EngineOptions{.privileged = true});
  EXPECT_EQ(engine->server_info().containment.rfind("containment off (--privileged)", 0), 0u)
      << engine->server_info().containment;
  auto db = engine->create_scratch();
  Script s = script("ATTACH '" + victim.path.string() + "' AS v;\nCREATE TABLE v.t (x INT);");
  s.transactional = false;
  ExecResult result = db->execute(s);
  EXPECT_TRUE(result.ok()) << result.error->message;
  EXPECT_TRUE(fs::exists(victim.path));
}

constexpr const char* kEndless =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

TEST(SqliteTimeout, AStatementPastTheTimeoutIsAnErrorNamingTheTimeout) {
  auto db = sqlite_engine(EngineOptions{.statement_timeout = std::chrono::seconds(1)})->create_scratch();
  auto started = std::chrono::steady_clock::now();
  ExecResult result = db->execute(script(std::string("CREATE TABLE a (id INT);\n") + kEndless + ";"));
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->message.find("1 s (--statement-timeout)"), std::string::npos)
      << result.error->message;
  EXPECT_EQ(result.error->sqlstate, "SQLITE_INTERRUPT");
  EXPECT_EQ(result.error->where.str(), "0001_escape.up.sql:2");
  EXPECT_TRUE(result.rolled_back);
  EXPECT_LT(took, std::chrono::seconds(60));  // generous: a loaded 2-core machine
  // The connection works on afterwards.
  EXPECT_TRUE(db->execute(script("CREATE TABLE b (id INT);")).ok());
}

TEST(SqliteTimeout, QueryIsCancelledToo) {
  auto db = sqlite_engine(EngineOptions{.statement_timeout = std::chrono::seconds(1)})->create_scratch();
  QueryResult result = db->query({kEndless, {"0001_escape.up.sql", 4}});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->message.find("--statement-timeout"), std::string::npos)
      << result.error->message;
}

}  // namespace
}  // namespace crucible
