// The per-engine verify loop (harness/checks/verify.cc) on embedded SQLite: the verdict for each
// defect class, blocking, irreversible migrations and restores. Data-driven cases for every
// engine live in scenarios/; these pin down the loop's own rules.
#include <gtest/gtest.h>

#include "harness/checks/verify.h"
#include "harness/sql/splitter.h"

namespace crucible {
namespace {

struct Step {
  std::string version, up;
  std::optional<std::string> down;
  std::optional<std::string> irreversible = std::nullopt;
};

MigrationSet migrations(const std::vector<Step>& steps) {
  MigrationSet set;
  set.format = "sql";
  for (const Step& step : steps) {
    Migration m;
    m.version = step.version;
    m.name = "m" + step.version;
    EngineScripts scripts;
    std::string up_file = step.version + "_m.up.sql", down_file = step.version + "_m.down.sql";
    scripts.forward = {up_file, sql::split_statements(step.up, Dialect::sqlite, up_file), true};
    if (step.down)
      scripts.reverse = Script{down_file, sql::split_statements(*step.down, Dialect::sqlite, down_file), true};
    m.scripts[EngineKind::sqlite] = scripts;
    m.irreversible = step.irreversible;
    set.migrations.push_back(m);
  }
  return set;
}

// "forward=pass reverse=pass roundtrip=fail reapply=pass" for one migration.
std::string verdicts(const EngineRun& run, const std::string& version) {
  std::string out;
  for (const Result& r : run.results)
    if (r.migration == version)
      out += (out.empty() ? "" : " ") + r.check + "=" + std::string(status_name(r.status));
  return out;
}

EngineRun verify(const std::vector<Step>& steps, const std::string& dsn = "sqlite:") {
  auto engine = connect_engine(parse_dsn(dsn));
  return verify_engine(*engine, migrations(steps));
}

TEST(VerifyLoop, CorrectMigrationsPassEveryCheck) {
  EngineRun run = verify({{"1", "CREATE TABLE t (id INTEGER PRIMARY KEY)", "DROP TABLE t"},
                          {"2", "CREATE INDEX t_id ON t(id)", "DROP INDEX t_id"}});
  EXPECT_EQ(run.status, "ok");
  EXPECT_EQ(run.results.size(), 8u);
  EXPECT_EQ(verdicts(run, "1"), "forward=pass reverse=pass roundtrip=pass reapply=pass");
  EXPECT_EQ(verdicts(run, "2"), "forward=pass reverse=pass roundtrip=pass reapply=pass");
}

TEST(VerifyLoop, ForgottenIndexFailsRoundtripWithTheDiff) {
  EngineRun run = verify({{"1", "CREATE TABLE t (id INT); CREATE INDEX t_id ON t(id)", "DROP TABLE t"},
                          {"2", "CREATE INDEX t_id2 ON t(id)", "SELECT 1"}});
  EXPECT_EQ(verdicts(run, "2"), "forward=pass reverse=pass roundtrip=fail reapply=error");
  const Result& roundtrip = run.results[6];
  EXPECT_EQ(roundtrip.message, "index t_id2 on t: present after reverse, absent before forward");
  ASSERT_EQ(roundtrip.diff.size(), 1u);
  EXPECT_EQ(roundtrip.diff[0]["change"], "added");
  EXPECT_NE(run.results[7].message.find("already exists"), std::string::npos);
}

TEST(VerifyLoop, ForwardErrorBlocksLaterMigrations) {
  EngineRun run = verify({{"1", "CREATE TABLE t (id INT)", "DROP TABLE t"},
                          {"2", "CREATE TABLE u (id INT);\nCREAT TABLE oops (id INT)", "DROP TABLE u"},
                          {"3", "CREATE TABLE v (id INT)", "DROP TABLE v"}});
  EXPECT_EQ(verdicts(run, "2"), "forward=error reverse=skip roundtrip=skip reapply=skip");
  EXPECT_EQ(run.results[4].location->str(), "2_m.up.sql:2");
  EXPECT_EQ(verdicts(run, "3"), "forward=skip reverse=skip roundtrip=skip reapply=skip");
  EXPECT_EQ(run.results[8].message, "blocked by 2: its forward failed");
}

// No reverse at all fails; an empty one runs as a no-op and the outcome judges it (here the
// table outlives it, and the forward again finds it there).
TEST(VerifyLoop, MissingReverseFailsEmptyReverseIsJudgedByItsOutcome) {
  EngineRun run = verify({{"1", "CREATE TABLE t (id INT)", std::nullopt},
                          {"2", "CREATE TABLE u (id INT)", "-- nothing to undo"},
                          {"3", "CREATE TABLE v (id INT)", std::nullopt, "drops customer data"}});
  EXPECT_EQ(verdicts(run, "1"), "forward=pass reverse=fail roundtrip=fail reapply=skip");
  EXPECT_EQ(verdicts(run, "2"), "forward=pass reverse=pass roundtrip=fail reapply=error");
  EXPECT_EQ(verdicts(run, "3"), "forward=pass reverse=skip roundtrip=skip reapply=skip");
  EXPECT_EQ(run.results[9].message, "declared irreversible: drops customer data");
}

TEST(VerifyLoop, ReverseErrorIsRolledBackAndTheRunGoesOn) {
  EngineRun run = verify({{"1", "CREATE TABLE t (id INT)", "DROP TABLE t; DROP TABLE nope"},
                          {"2", "CREATE TABLE u (id INT)", "DROP TABLE u"}});
  EXPECT_EQ(verdicts(run, "1"), "forward=pass reverse=error roundtrip=skip reapply=skip");
  EXPECT_EQ(run.results[2].message, "blocked by the reverse error (rolled back)");
  EXPECT_EQ(verdicts(run, "2"), "forward=pass reverse=pass roundtrip=pass reapply=pass");
}

TEST(VerifyLoop, DifferentReapplyIsRestoredSoLaterMigrationsAreJudgedFairly) {
  // A reverse that adds instead of removing, and a forward that hides it behind IF NOT EXISTS:
  // after the second forward, t has a column x it should not have. Migration 2 adds exactly
  // that column, so it only passes if the run went back to the state of the first forward.
  // The round trip is rolled back; while SQLite enforces foreign keys it is not run inside a
  // transaction (Database::undoes_scripts), and the database is rebuilt by a replay instead.
  for (const char* dsn : {"sqlite:", "sqlite:?foreign_keys=on"}) {
    EngineRun run =
        verify({{"1", "CREATE TABLE IF NOT EXISTS t (id INT)", "ALTER TABLE t ADD COLUMN x INT"},
                {"2", "ALTER TABLE t ADD COLUMN x INT", "ALTER TABLE t DROP COLUMN x"}},
               dsn);
    EXPECT_EQ(verdicts(run, "1"), "forward=pass reverse=pass roundtrip=fail reapply=fail") << dsn;
    EXPECT_EQ(verdicts(run, "2"), "forward=pass reverse=pass roundtrip=pass reapply=pass") << dsn;
    const bool rebuilt = std::string(dsn) != "sqlite:";
    ASSERT_EQ(run.notes.size(), rebuilt ? 1u : 0u) << dsn;
    if (rebuilt) EXPECT_NE(run.notes[0].find("rebuilt by replaying"), std::string::npos);
  }
}

TEST(VerifyLoop, MigrationWithoutScriptForTheEngineIsSkippedWithTheReason) {
  MigrationSet set = migrations({{"1", "CREATE TABLE t (id INT)", "DROP TABLE t"}});
  Migration only_pg;
  only_pg.version = "2";
  only_pg.name = "pg_only";
  only_pg.unavailable[EngineKind::sqlite] = "no script for sqlite (variants exist for postgres)";
  set.migrations.push_back(only_pg);
  auto engine = connect_engine(parse_dsn("sqlite:"));
  EngineRun run = verify_engine(*engine, set);
  EXPECT_EQ(verdicts(run, "2"), "forward=skip reverse=skip roundtrip=skip reapply=skip");
  EXPECT_EQ(run.results[4].message, "no script for sqlite (variants exist for postgres)");
}

TEST(VerifyLoop, UnreportedMigrationsOnlyRunForward) {
  // Found in review of --shard: earlier migrations of another shard were reversed and re-applied
  // too, so a late shard cost a full run. Migration 1's down would fail if it ran.
  auto engine = connect_engine(parse_dsn("sqlite:"));
  VerifyOptions only_second;
  only_second.only_versions = {"2"};
  EngineRun run = verify_engine(*engine, migrations({{"1", "CREATE TABLE t (id INT)", "DROP TABLE nope"},
                                                     {"2", "CREATE TABLE u (id INT)", "DROP TABLE u"}}),
                                only_second);
  EXPECT_EQ(run.results.size(), 4u);
  EXPECT_EQ(verdicts(run, "2"), "forward=pass reverse=pass roundtrip=pass reapply=pass");
}

}  // namespace
}  // namespace crucible
