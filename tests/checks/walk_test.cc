// Check `walk` on live engines: correct migrations pass; a reverse that leaves something behind
// fails with the shrunk walk, the seed and the diff; the same seed replays the same report; the
// walkable range ends at a migration the linear pass did not vouch for.
#include <gtest/gtest.h>

#include "harness/checks/verify.h"
#include "harness/checks/walk.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::kAllEngines;

class Walks : public ::testing::TestWithParam<EngineKind> {};

std::string drop_index(EngineKind kind, const std::string& index, const std::string& table) {
  return "DROP INDEX " + index + (kind == EngineKind::mariadb ? " ON " + table : "");
}

// Four migrations; with `forget_index`, migration 0003's reverse leaves its index behind.
MigrationSet four_steps(EngineKind kind, bool forget_index) {
  return testing::inline_set(kind, {
      {"CREATE TABLE a (id INT PRIMARY KEY, label VARCHAR(20))", "DROP TABLE a"},
      {"ALTER TABLE a ADD COLUMN note VARCHAR(40)", "ALTER TABLE a DROP COLUMN note"},
      {"CREATE INDEX a_label_idx ON a (label)",
       forget_index ? "UPDATE a SET label = label" : drop_index(kind, "a_label_idx", "a")},
      {"CREATE TABLE b (id INT PRIMARY KEY)", "DROP TABLE b"},
  });
}

// A linear run that vouches for every migration, so that walks go over a defect the real
// linear pass would have caught (and stopped the walkable range at).
EngineRun vouching_run(const MigrationSet& set) {
  EngineRun run;
  for (const Migration& m : set.migrations)
    for (const char* check : {"forward", "reverse", "roundtrip", "reapply"})
      run.results.push_back(Result{"", m.version, m.name, check, Status::pass});
  return run;
}

TEST_P(Walks, CorrectMigrationsPassEveryWalk) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = four_steps(GetParam(), false);
  EngineRun linear = verify_engine(*engine, set);
  auto results = walk_engine(*engine, set, linear, {.walks = 8, .seed = 11});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].check, "walk");
  EXPECT_EQ(results[0].status, Status::pass) << results[0].message;
  EXPECT_EQ(results[0].migration, "0004");
  EXPECT_NE(results[0].message.find("seed 11"), std::string::npos) << results[0].message;
}

TEST_P(Walks, ALeftoverIsShrunkToTheShortestWalkAndReplaysWithTheSeed) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = four_steps(GetParam(), true);
  WalkOptions options{.walks = 20, .seed = 42};
  auto results = walk_engine(*engine, set, vouching_run(set), options);
  ASSERT_EQ(results.size(), 1u);
  const Result& fail = results[0];
  EXPECT_EQ(fail.status, Status::fail);
  EXPECT_EQ(fail.migration, "0003");
  // One step is the least that can fail: from version 3 (or above) down to 2.
  EXPECT_EQ(fail.message.rfind("walk 3→2 fails at step 1 (3→2)", 0), 0u) << fail.message;
  EXPECT_NE(fail.message.find("--seed 42"), std::string::npos);
  EXPECT_NE(fail.diff.dump().find("a_label_idx"), std::string::npos) << fail.diff.dump();
  // The same seed replays the same walks, the same failure and the same shrinking.
  auto again = walk_engine(*engine, set, vouching_run(set), options);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].message, fail.message);
}

TEST_P(Walks, AScriptErrorDuringAWalkIsAFailWithTheStatement) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  // 0002's reverse drops a column that is not there: only a walk that goes below 2 finds it.
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TABLE a (id INT PRIMARY KEY, label VARCHAR(20))", "DROP TABLE a"},
      {"ALTER TABLE a ADD COLUMN note VARCHAR(40)", "ALTER TABLE a DROP COLUMN nothere"},
  });
  auto results = walk_engine(*engine, set, vouching_run(set), {.walks = 20, .seed = 5});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, Status::fail);
  EXPECT_EQ(results[0].message.rfind("walk 2→1 fails at step 1 (2→1): 0002 reverse failed at "
                                     "0002_m.down.sql:1", 0), 0u) << results[0].message;
  ASSERT_TRUE(results[0].location);
  EXPECT_EQ(results[0].location->file, "0002_m.down.sql");
}

TEST_P(Walks, TheRangeEndsAtAMigrationTheLinearPassFailed) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = four_steps(GetParam(), true);  // 0003 fails its roundtrip
  EngineRun linear = verify_engine(*engine, set);
  auto results = walk_engine(*engine, set, linear, {.walks = 5, .seed = 1});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status, Status::pass) << results[0].message;  // over 0001..0002
  EXPECT_EQ(results[0].migration, "0002");
  EXPECT_EQ(results[1].status, Status::skip);
  EXPECT_EQ(results[1].migration, "0003");
  EXPECT_EQ(results[1].message,
            "walks stop before 0003: its roundtrip check is fail in the linear pass");
}

TEST(WalksOff, NoWalksNoResults) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  MigrationSet set = four_steps(EngineKind::sqlite, false);
  EXPECT_TRUE(walk_engine(*engine, set, vouching_run(set), {}).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, Walks, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
