// Check `data` on live engines: a reverse that loses rows is caught with the first differing
// row named; correct migrations pass; declared-lossy ones are skipped with the reason.
#include "harness/checks/data_check.h"

#include <gtest/gtest.h>

#include "harness/checks/verify.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::kAllEngines;

const char* kCreate =
    "CREATE TABLE items (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL, "
    "price DECIMAL(8,2), note VARCHAR(50))";

class DataCheck : public ::testing::TestWithParam<EngineKind> {};

std::vector<Result> check(Engine& engine, const MigrationSet& set, int rows = 20) {
  DataOptions options{true, {.seed = 5, .rows_per_table = rows}};
  return data_engine(engine, set, verify_engine(engine, set), options);
}

TEST_P(DataCheck, ADroppedColumnRestoredEmptyFailsNamingTheRow) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items DROP COLUMN note", "ALTER TABLE items ADD COLUMN note VARCHAR(50)"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].check, "data");
  EXPECT_EQ(results[0].status, Status::skip);
  EXPECT_EQ(results[0].message, "no tables before this migration: no rows to keep");
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("table items: 20 rows before forward, 20 after reverse (", 0),
            0u) << results[1].message;
  EXPECT_NE(results[1].message.find("; first row missing after reverse: id="), std::string::npos);
  EXPECT_NE(results[1].message.find(", note=NULL)"), std::string::npos) << results[1].message;
  EXPECT_EQ(results[1].location->file, "0002_m.down.sql");
}

TEST_P(DataCheck, CorrectMigrationsPass) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER NOT NULL DEFAULT 0; UPDATE items SET stock = 7",
       "ALTER TABLE items DROP COLUMN stock"},
      {"CREATE TABLE tags (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items (id))",
       "DROP TABLE tags"},
      {"CREATE INDEX items_label ON items (label)",
       GetParam() == EngineKind::mariadb ? "DROP INDEX items_label ON items"
                                         : "DROP INDEX items_label"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 4u);
  for (size_t i = 1; i < results.size(); ++i)
    EXPECT_EQ(results[i].status, Status::pass) << results[i].migration << ": " << results[i].message;
  EXPECT_EQ(results[1].message, "20 rows in 1 tables kept by forward + reverse");
}

TEST_P(DataCheck, RowsTheReverseForgetsAreCounted) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"CREATE TABLE items_old (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL, "
       "price DECIMAL(8,2), note VARCHAR(50)); "
       "INSERT INTO items_old SELECT * FROM items; DELETE FROM items",
       "INSERT INTO items SELECT * FROM items_old WHERE price > 0; DROP TABLE items_old"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail);
  EXPECT_NE(results[1].message.find("table items: 20 rows before forward, "), std::string::npos)
      << results[1].message;
  EXPECT_NE(results[1].message.find(" new); first row missing after reverse: id="),
            std::string::npos) << results[1].message;
}

TEST_P(DataCheck, DeclaredLossyAndIrreversibleAreSkippedWithTheReason) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items DROP COLUMN note", "ALTER TABLE items ADD COLUMN note VARCHAR(50)"},
      {"ALTER TABLE items DROP COLUMN price", std::nullopt},
  });
  set.migrations[1].lossy = "notes are archived";
  set.migrations[2].irreversible = "prices move to another service";
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::skip);
  EXPECT_EQ(results[1].message, "declared lossy: notes are archived");
  EXPECT_EQ(results[2].status, Status::skip);
  EXPECT_EQ(results[2].message, "declared irreversible: prices move to another service");
}

TEST_P(DataCheck, AForwardThatBreaksOnlyWithRows) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  // NOT NULL without a default passes on empty tables (MariaDB fills in an implicit default,
  // so there it passes with rows too); PostgreSQL and SQLite refuse it once a row exists.
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN sku VARCHAR(10) NOT NULL", "ALTER TABLE items DROP COLUMN sku"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  if (GetParam() == EngineKind::postgres) {
    EXPECT_EQ(results[1].status, Status::fail);
    EXPECT_EQ(results[1].message.rfind("forward fails on tables with rows: 0002_m.up.sql:1: ", 0),
              0u) << results[1].message;
    EXPECT_EQ(results[1].sqlstate, "23502");
  } else if (GetParam() == EngineKind::sqlite) {
    EXPECT_EQ(results[1].status, Status::fail);
    EXPECT_EQ(results[1].message, "forward fails on tables with rows: 0002_m.up.sql:1: Cannot add "
                                  "a NOT NULL column with default value NULL");
  } else {
    EXPECT_EQ(results[1].status, Status::pass) << results[1].message;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, DataCheck, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
