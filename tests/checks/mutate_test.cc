// Mutation testing: the mutators make the edits they promise (no engine needed), and on the
// bundled corpus the oracles kill at least 95% of the mutants that change the schema.
#include <gtest/gtest.h>

#include <cstdlib>

#include "harness/checks/mutate/mutation_run.h"
#include "harness/loaders/loader.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible::mutate {
namespace {

std::vector<std::string> mutated_sql(const std::string& reverse, EngineKind kind = EngineKind::postgres) {
  MigrationSet set = testing::inline_set(kind, {{"SELECT 1", reverse}});
  std::vector<std::string> out;
  for (const Mutant& m : mutants_of(set, kind)) {
    std::string text;
    for (const Statement& s : m.reverse.statements) text += (text.empty() ? "" : "; ") + s.sql;
    out.push_back(m.op + ": " + text);
  }
  return out;
}

TEST(Mutators, EditTokensAsPromised) {
  auto sql = mutated_sql(
      "CREATE TABLE t (a VARCHAR(40) NOT NULL DEFAULT 'x', b INT NULL, "
      "c INT REFERENCES p (id) ON DELETE CASCADE); CREATE INDEX t_ab ON t (a, b)");
  auto has = [&](const std::string& s) {
    return std::find(sql.begin(), sql.end(), s) != sql.end();
  };
  const std::string index = "; CREATE INDEX t_ab ON t (a, b)";
  EXPECT_TRUE(has("drop-statement: CREATE INDEX t_ab ON t (a, b)"));
  EXPECT_TRUE(has("type-length: CREATE TABLE t (a VARCHAR(41) NOT NULL DEFAULT 'x', b INT NULL, "
                  "c INT REFERENCES p (id) ON DELETE CASCADE)" + index));
  EXPECT_TRUE(has("default: CREATE TABLE t (a VARCHAR(40) NOT NULL DEFAULT 'x_', b INT NULL, "
                  "c INT REFERENCES p (id) ON DELETE CASCADE)" + index));
  EXPECT_TRUE(has("nullability: CREATE TABLE t (a VARCHAR(40) NULL DEFAULT 'x', b INT NULL, "
                  "c INT REFERENCES p (id) ON DELETE CASCADE)" + index));
  EXPECT_TRUE(has("nullability: CREATE TABLE t (a VARCHAR(40) NOT NULL DEFAULT 'x', b INT NOT NULL, "
                  "c INT REFERENCES p (id) ON DELETE CASCADE)" + index));
  EXPECT_TRUE(has("fk-action: CREATE TABLE t (a VARCHAR(40) NOT NULL DEFAULT 'x', b INT NULL, "
                  "c INT REFERENCES p (id) ON DELETE SET NULL)" + index));
  EXPECT_TRUE(has("reorder-columns: CREATE TABLE t (b INT NULL, a VARCHAR(40) NOT NULL DEFAULT 'x', "
                  "c INT REFERENCES p (id) ON DELETE CASCADE)" + index));
  EXPECT_TRUE(has("index-column: CREATE TABLE t (a VARCHAR(40) NOT NULL DEFAULT 'x', b INT NULL, "
                  "c INT REFERENCES p (id) ON DELETE CASCADE); CREATE INDEX t_ab ON t (b, a)"));
  EXPECT_EQ(sql.size(), 9u) << ::testing::PrintToString(sql);
}

TEST(Mutators, NeverEditInsideLiteralsOrComments) {
  auto sql = mutated_sql("INSERT INTO t VALUES ('NOT NULL DEFAULT 1 VARCHAR(3)') -- NOT NULL");
  ASSERT_EQ(sql.size(), 1u) << ::testing::PrintToString(sql);  // only the statement dropped
  EXPECT_EQ(sql[0], "drop-statement: ");
}

TEST(Mutators, SwapsConsecutiveAddColumnStatements) {
  auto sql = mutated_sql("ALTER TABLE t ADD COLUMN a INT; ALTER TABLE t ADD COLUMN b INT");
  EXPECT_NE(std::find(sql.begin(), sql.end(),
                      "reorder-columns: ALTER TABLE t ADD COLUMN b INT; ALTER TABLE t ADD COLUMN a INT"),
            sql.end()) << ::testing::PrintToString(sql);
}

TEST(MutationRun, OraclesKillAtLeast95PercentOfTheBundledCorpusMutantsOnSqlite) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  const char* root = std::getenv("CRUCIBLE_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  MigrationSet set = load_migrations(std::string(root) + "/migrations/sql/app", {EngineKind::sqlite});
  MutationReport report = run_mutants(*engine, set);
  std::string survivors;
  for (const Outcome& o : report.outcomes)
    if (o.verdict == "survived") survivors += "\n  " + o.mutant.description;
  EXPECT_GE(report.count("killed"), 20) << "too few mutants to mean anything";
  EXPECT_GE(report.score(), 0.95) << "survivors:" << survivors;
  EXPECT_EQ(report.to_json()["killed"], report.count("killed"));
}

// With --keep-going the verify runs go on past a failed forward, so the reverse of a later
// migration is mutated and its mutants are killed instead of all counting as invalid.
TEST(MutationRun, KeepGoingMutatesTheMigrationsAfterAFailedForward) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  MigrationSet set = testing::inline_set(EngineKind::sqlite, {
      {"CREATE TABLE t (id INT)", "DROP TABLE t"},
      {"CREATE INDX t_idx ON t (id)", "DROP INDEX t_idx"},
      {"ALTER TABLE t ADD COLUMN b INT", "ALTER TABLE t DROP COLUMN b"},
  });
  auto killed_in_0003 = [&](const MutationReport& report) {
    int killed = 0;
    for (const Outcome& o : report.outcomes)
      if (o.mutant.migration == 2 && o.verdict == "killed") ++killed;
    return killed;
  };
  EXPECT_EQ(killed_in_0003(run_mutants(*engine, set)), 0);
  EXPECT_GE(killed_in_0003(run_mutants(*engine, set, /*keep_going=*/true)), 1);
}

}  // namespace
}  // namespace crucible::mutate
