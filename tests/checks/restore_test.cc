// Clones and VersionRestorer on live engines: a clone is an independent copy with the same
// catalog and rows; a restored version has exactly the catalog a linear forward pass recorded.
#include <gtest/gtest.h>

#include "harness/catalog/diff.h"
#include "harness/replay/restore.h"
#include "tests/support/check_testing.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::kAllEngines;

class Restore : public ::testing::TestWithParam<EngineKind> {};

MigrationSet three_tables(EngineKind kind) {
  return testing::inline_set(kind, {
      {"CREATE TABLE a (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL)", "DROP TABLE a"},
      {"CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES a(id))", "DROP TABLE b"},
      {"CREATE INDEX a_label_idx ON a (label)", "DROP INDEX a_label_idx" +
           std::string(kind == EngineKind::mariadb ? " ON a" : "")},
  });
}

TEST_P(Restore, CloneIsAnIndependentCopyWhereTheEngineCanClone) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  auto db = engine->create_scratch();
  testing::run_sql(*db, GetParam(), "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1)");
  if (!engine->server_info().can_clone) {
    EXPECT_THROW(db->clone(), Error);  // honest refusal: callers replay
    return;
  }
  auto copy = db->clone();
  EXPECT_NE(copy->name(), db->name());
  EXPECT_TRUE(catalog::diff(db->snapshot(), copy->snapshot()).empty());
  // Independent: a change to the copy leaves the source alone, and the source still works.
  testing::run_sql(*copy, GetParam(), "CREATE TABLE u (id INT)");
  EXPECT_EQ(copy->snapshot().tables.size(), 2u);
  EXPECT_EQ(db->snapshot().tables.size(), 1u);
  testing::run_sql(*db, GetParam(), "INSERT INTO t VALUES (2)");
}

TEST_P(Restore, EveryVersionMatchesTheLinearPassWithEitherStrategy) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = three_tables(GetParam());
  std::vector<catalog::Catalog> linear;
  auto db = engine->create_scratch();
  linear.push_back(db->snapshot());
  for (size_t v = 1; v <= set.migrations.size(); ++v) {
    auto failed = move_between(*db, set, GetParam(), v - 1, v);
    ASSERT_FALSE(failed) << failed->describe();
    linear.push_back(db->snapshot());
  }
  for (auto strategy : {VersionRestorer::Strategy::cheapest, VersionRestorer::Strategy::replay}) {
    VersionRestorer restorer(*engine, set, strategy);
    for (size_t v : {3u, 1u, 0u, 2u, 3u}) {
      auto at = restorer.restore(v);
      EXPECT_EQ(testing::describe_diff(linear[v], at->snapshot()), "")
          << "version " << v << (restorer.clones() ? " (clone)" : " (replay)");
    }
  }
}

TEST_P(Restore, MovingDownRunsReverseScriptsNewestFirst) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = three_tables(GetParam());
  VersionRestorer restorer(*engine, set);
  auto db = restorer.restore(3);
  auto failed = move_between(*db, set, GetParam(), 3, 0);  // index, then b, then a
  ASSERT_FALSE(failed) << failed->describe();
  EXPECT_TRUE(db->snapshot().tables.empty());
}

TEST_P(Restore, AFailingScriptOnTheWayNamesTheMigration) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TABLE a (id INT)", "DROP TABLE a"},
      {"CREATE TABLE a (id INT)", "DROP TABLE a"},  // already exists
  });
  VersionRestorer restorer(*engine, set);
  try {
    restorer.restore(2);
    FAIL() << "restoring past a failing forward must throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("0002 forward failed at 0002_m.up.sql:1"),
              std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, Restore, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
