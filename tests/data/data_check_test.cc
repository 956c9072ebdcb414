// Check `data` on live engines: a reverse that loses rows is caught with the first differing
// row named; correct migrations pass; declared-lossy ones are skipped with the reason.
#include "harness/checks/data_check.h"

#include <regex>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness/checks/property_checks.h"
#include "harness/checks/verify.h"
#include "harness/engines/scratch.h"
#include "tests/support/check_testing.h"
#include "tests/support/delegating_engine.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::kAllEngines;

const char* kCreate =
    "CREATE TABLE items (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL, "
    "price DECIMAL(8,2), note VARCHAR(50))";

class DataCheck : public ::testing::TestWithParam<EngineKind> {};

// "pass 0002: 20 rows in 1 tables kept…", scratch database names (which differ) left out.
std::vector<std::string> outcomes(const std::vector<Result>& results) {
  static const std::regex scratch("crucible_[0-9a-f]{8}_[0-9]+");
  std::vector<std::string> out;
  for (const Result& r : results)
    out.push_back(fmt::format("{} {} {}: {}", status_name(r.status), r.migration, r.check,
                              std::regex_replace(r.message, scratch, "<scratch>")));
  return out;
}

// The data check beside the linear pass (as `crucible verify` runs it), on a walking database
// from `walking`; its `data` results.
std::vector<Result> check_beside(Engine& engine, std::unique_ptr<Engine> walking,
                                 const MigrationSet& set, int rows = 20) {
  PropertyOptions options;
  options.data = DataOptions{true, {.seed = 5, .rows_per_table = rows}};
  EngineRun run = verify_with_property_checks(
      engine, [&] { return std::move(walking); }, set, {}, options);
  EXPECT_EQ(run.status, "ok") << run.message;
  std::vector<Result> data;
  for (const Result& r : run.results)
    if (r.check == "data") data.push_back(r);
  return data;
}

// The data check after the linear pass, and — as `crucible verify` runs it — beside the linear
// pass on a connection of its own: both must say the same.
std::vector<Result> check(Engine& engine, const MigrationSet& set, int rows = 20) {
  DataOptions options{true, {.seed = 5, .rows_per_table = rows}};
  std::vector<Result> after = data_engine(engine, set, verify_engine(engine, set), options);
  std::vector<Result> beside = check_beside(engine, connect_engine(engine.dsn()), set, rows);
  EXPECT_EQ(outcomes(beside), outcomes(after)) << "beside the linear pass vs after it";
  return after;
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

// Rows copied into a table that leave out one of its NOT NULL columns without a default fail
// whatever the rows hold (kratos's create_profile_request_forms): a fail, though the forward
// passes on empty tables. MariaDB's strict mode refuses the INSERT even with no rows: the linear
// run reports it, and the data check skips it.
TEST_P(DataCheck, RowsCopiedWithoutARequiredColumnFail) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"CREATE TABLE labels (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL);\n"
       "INSERT INTO labels (id) SELECT id FROM items",
       "DROP TABLE labels"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  if (GetParam() == EngineKind::mariadb) {
    EXPECT_EQ(results[1].status, Status::skip) << results[1].message;
    EXPECT_NE(results[1].message.find("did not pass in the linear run"), std::string::npos)
        << results[1].message;
    return;
  }
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("forward fails on tables with rows: 0002_m.up.sql:2: ", 0), 0u)
      << results[1].message;
}

// A column that held NULLs made NOT NULL depends on what the rows hold: production data
// backfilled first fits (crates.io's make_username_not_null says so in a comment). A skip that
// names the refusal, not a fail. SQLite rebuilds the table, copying the NULLs.
TEST_P(DataCheck, MakingAColumnThatHeldNullsNotNullIsASkip) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  const char* rebuild =
      "CREATE TABLE items_new (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL, "
      "price DECIMAL(8,2), note VARCHAR(50){});\n"
      "INSERT INTO items_new SELECT * FROM items;\nDROP TABLE items;\n"
      "ALTER TABLE items_new RENAME TO items";
  std::string up, down;
  switch (GetParam()) {
    case EngineKind::postgres:
      up = "ALTER TABLE items ALTER COLUMN note SET NOT NULL";
      down = "ALTER TABLE items ALTER COLUMN note DROP NOT NULL";
      break;
    case EngineKind::sqlite:
      up = fmt::format(fmt::runtime(rebuild), " NOT NULL");
      down = fmt::format(fmt::runtime(rebuild), "");
      break;
    default:
      up = "ALTER TABLE items MODIFY note VARCHAR(50) NOT NULL";
      down = "ALTER TABLE items MODIFY note VARCHAR(50)";
  }
  MigrationSet set = testing::inline_set(GetParam(), {{kCreate, "DROP TABLE items"}, {up, down}});
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::skip) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("forward refuses values of the generated rows", 0), 0u)
      << results[1].message;
}

// The check runs in one walking database; a backfill outside a transaction cannot be undone by a
// rollback, so it is checked on a copy, and the next migration still sees only its own rows.
TEST_P(DataCheck, ABackfillOutsideATransactionIsCheckedOnACopy) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"UPDATE items SET label = 'same'", ""},
      {"ALTER TABLE items ADD COLUMN stock INTEGER", "ALTER TABLE items DROP COLUMN stock"},
  });
  set.migrations[1].scripts[GetParam()].forward.transactional = false;
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_NE(results[1].message.find("first row missing after reverse"), std::string::npos);
  bool transactional = GetParam() != EngineKind::mariadb;
  EXPECT_EQ(results[1].message.find("(checked on a copy of the version: a script runs outside a "
                                    "transaction)") != std::string::npos,
            transactional) << results[1].message;
  EXPECT_EQ(results[2].status, Status::pass) << results[2].message;
  EXPECT_EQ(results[2].message, "20 rows in 1 tables kept by forward + reverse");
}

// Rows a migration writes itself (seed data) are part of every later version: each check starts
// from them, and they are there again for the next one. A table holding them cannot be emptied
// when its definition changes (the seed would be lost), so it gets a fresh generated set on top:
// rows with values in the column just added, not only its default.
TEST_P(DataCheck, SeedRowsAreKeptAcrossChecks) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"INSERT INTO items (id, label) VALUES (100000, 'seed')",
       "DELETE FROM items WHERE id = 100000"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER", "ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE items ADD COLUMN color VARCHAR(10)", "ALTER TABLE items DROP COLUMN color"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[1].status, Status::pass) << results[1].message;
  EXPECT_EQ(results[2].message, "21 rows in 1 tables kept by forward + reverse");
  EXPECT_EQ(results[3].message, "41 rows in 1 tables kept by forward + reverse");
}

// Inside a transaction the caller opened, a script runs in a savepoint and the caller's rollback
// undoes it; a script that must run outside a transaction runs nothing and says so (25001).
TEST_P(DataCheck, ScriptsNestInsideTheCallersTransaction) {
  if (GetParam() == EngineKind::mariadb) GTEST_SKIP() << "MariaDB commits every DDL statement";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"INSERT INTO items (id, label) VALUES (1, 'a'); ALTER TABLE items ADD COLUMN stock INTEGER",
       std::nullopt},
  });
  auto db = engine->create_scratch();
  ASSERT_TRUE(db->execute(set.migrations[0].scripts[GetParam()].forward).ok());
  db->begin();
  db->begin();  // nested: a savepoint
  Script script = set.migrations[1].scripts[GetParam()].forward;
  ExecResult inside = db->execute(script);
  EXPECT_TRUE(inside.ok()) << inside.error->message;
  db->commit();
  script.transactional = false;
  ExecResult refused = db->execute(script);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error->sqlstate, "25001");
  EXPECT_EQ(refused.statements_run, 0);
  db->rollback();
  catalog::Catalog after = db->snapshot();
  ASSERT_EQ(after.tables.size(), 1u);
  EXPECT_EQ(after.tables[0].columns.size(), 4u);  // no stock: the whole transaction rolled back
  QueryResult rows = db->query(Statement{"SELECT COUNT(*) FROM items", {}});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(std::get<int64_t>(rows.rows[0][0]), 0);
}

// The walking database keeps its rows from version to version: a table filled for migration 2's
// check still holds those rows at migration 3, and a reverse that loses some of them fails.
TEST_P(DataCheck, AReverseLosingRowsFilledTwoVersionsEarlierFails) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(20))", "DROP TABLE tags"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER",
       "DELETE FROM items WHERE id % 2 = 0; ALTER TABLE items DROP COLUMN stock"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::pass) << results[1].message;
  EXPECT_EQ(results[1].message, "20 rows in 1 tables kept by forward + reverse");
  EXPECT_EQ(results[2].status, Status::fail) << results[2].message;
  EXPECT_EQ(results[2].message.rfind("table items: 20 rows before forward, ", 0), 0u)
      << results[2].message;
  EXPECT_NE(results[2].message.find(" gone, 0 new); first row missing after reverse: id="),
            std::string::npos) << results[2].message;
}

// A table a migration empties holds no row at the next version: it is filled again there, and so
// is a table dropped and created anew; tables that kept their rows get no second set.
TEST_P(DataCheck, TablesAMigrationEmptiesOrRecreatesAreFilledAgain) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(20))", "DROP TABLE tags"},
      {"DELETE FROM items; DROP TABLE tags; CREATE TABLE tags (id INTEGER PRIMARY KEY, "
       "name VARCHAR(20))", ""},
      {"ALTER TABLE items ADD COLUMN stock INTEGER", "ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE tags ADD COLUMN color VARCHAR(10)", "ALTER TABLE tags DROP COLUMN color"},
  });
  set.migrations[2].lossy = "clears the catalog";
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[2].status, Status::skip);
  EXPECT_EQ(results[3].status, Status::pass) << results[3].message;
  EXPECT_EQ(results[3].message, "40 rows in 2 tables kept by forward + reverse");
  EXPECT_EQ(results[4].status, Status::pass) << results[4].message;
  EXPECT_EQ(results[4].message, "40 rows in 2 tables kept by forward + reverse");
}

// A renamed table carries its rows under the new name: it gets no second set on top of them.
TEST_P(DataCheck, ARenamedTableKeepsOneSetOfRows) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER", "ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE items RENAME TO goods", "ALTER TABLE goods RENAME TO items"},
      {"ALTER TABLE goods ADD COLUMN color VARCHAR(10)", "ALTER TABLE goods DROP COLUMN color"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 4u);
  for (size_t i = 1; i < results.size(); ++i) {
    EXPECT_EQ(results[i].status, Status::pass) << results[i].migration << ": " << results[i].message;
    EXPECT_EQ(results[i].message, "20 rows in 1 tables kept by forward + reverse");
  }
}

// Rows carried through a migration that adds a column hold only its default there: a table whose
// definition changed is filled again, so a reverse that re-adds a dropped column with that same
// default still loses the values the rows had.
TEST_P(DataCheck, ARowsDefaultFromAnEarlierMigrationDoesNotHideALossyReverse) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'web'",
       "ALTER TABLE items DROP COLUMN source"},
      {"ALTER TABLE items DROP COLUMN source",
       "ALTER TABLE items ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'web'"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::pass) << results[1].message;
  EXPECT_EQ(results[2].status, Status::fail) << results[2].message;
  EXPECT_NE(results[2].message.find("first row missing after reverse"), std::string::npos)
      << results[2].message;
}

// Rows filled while a UNIQUE index held never repeat a value; once a forward drops the index,
// rows of that version may. A later reverse that puts the index back (kratos's popx downs run
// one version behind: 20200831110752000001's down re-creates the index 000000 dropped) must meet
// such rows, so a table whose unique indexes changed is filled again like one whose columns did.
TEST_P(DataCheck, RowsFilledUnderADroppedUniqueIndexDoNotHideAReverseThatRestoresIt) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  bool mysql = GetParam() == EngineKind::mariadb;
  std::string drop_index = mysql ? "DROP INDEX tags_code_uq ON tags" : "DROP INDEX tags_code_uq";
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TABLE tags (id INTEGER PRIMARY KEY, code VARCHAR(1) NOT NULL "
       "CHECK (code IN ('a', 'b')))", "DROP TABLE tags"},
      {"CREATE UNIQUE INDEX tags_code_uq ON tags (code)", drop_index},
      {drop_index, "CREATE UNIQUE INDEX tags_code_uq ON tags (code)"},
      {"CREATE TABLE notes (id INTEGER PRIMARY KEY)",
       "CREATE UNIQUE INDEX tags_code_again ON tags (code); DROP TABLE notes"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[3].status, Status::fail) << results[3].message;
  EXPECT_EQ(results[3].message.rfind("reverse fails with rows in the tables: ", 0), 0u)
      << results[3].message;
}

// Rows carried through the history go through its clean-ups, as production rows do: ory/kratos
// deletes verification tokens without a flow (20220825134336000000) before making the flow NOT
// NULL (…000001). Rows generated afresh at the second version held such NULLs and failed its
// forward, a false alarm; carried rows do not. (MariaDB replays without rows after a failed check
// — the DELETE loses rows, so it fails — and keeps the alarm.)
TEST_P(DataCheck, CarriedRowsPassThroughACleanUpBeforeAConstraintNeedsIt) {
  if (GetParam() == EngineKind::mariadb) GTEST_SKIP() << "the walking database restarts after a failed check";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  bool sqlite = GetParam() == EngineKind::sqlite;
  auto rebuild = [](const char* flow) -> std::string {
    return fmt::format("CREATE TABLE tokens_new (id INTEGER PRIMARY KEY, flow INTEGER{}); "
                       "INSERT INTO tokens_new SELECT * FROM tokens; DROP TABLE tokens; "
                       "ALTER TABLE tokens_new RENAME TO tokens", flow);
  };
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TABLE tokens (id INTEGER PRIMARY KEY, flow INTEGER)", "DROP TABLE tokens"},
      {"DELETE FROM tokens WHERE flow IS NULL", "UPDATE tokens SET flow = flow WHERE 1 = 0"},
      {sqlite ? rebuild(" NOT NULL") : std::string("ALTER TABLE tokens ALTER COLUMN flow SET NOT NULL"),
       sqlite ? rebuild("") : std::string("ALTER TABLE tokens ALTER COLUMN flow DROP NOT NULL")},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;  // the DELETE loses rows
  EXPECT_EQ(results[2].status, Status::pass) << results[2].message;
}

// A forward that refuses the rows the walking database carries is reported as before, and the
// checks after it still run: the walking database starts again without rows. The same when the
// refusing forward is not checked itself (declared lossy) and is only walked over.
TEST_P(DataCheck, AForwardRefusingCarriedRowsIsReportedAndTheWalkGoesOn) {
  if (GetParam() == EngineKind::mariadb) GTEST_SKIP() << "MariaDB adds the column with an implicit default";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN sku VARCHAR(10) NOT NULL", "ALTER TABLE items DROP COLUMN sku"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER", "ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE items ADD COLUMN code VARCHAR(10) NOT NULL", "ALTER TABLE items DROP COLUMN code"},
      {"ALTER TABLE items ADD COLUMN color VARCHAR(10)", "ALTER TABLE items DROP COLUMN color"},
  });
  set.migrations[3].lossy = "codes are assigned by hand";
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("forward fails on tables with rows: 0002_m.up.sql:1: ", 0), 0u)
      << results[1].message;
  EXPECT_EQ(results[2].status, Status::pass) << results[2].message;
  EXPECT_EQ(results[2].message, "20 rows in 1 tables kept by forward + reverse");
  EXPECT_EQ(results[3].status, Status::skip);
  EXPECT_EQ(results[4].status, Status::pass) << results[4].message;
  EXPECT_EQ(results[4].message, "20 rows in 1 tables kept by forward + reverse");
}

// After a check that found lost rows, the next check starts from the rows as they were before
// that check (PostgreSQL, SQLite: rolled back to them; MariaDB: replayed and filled again), never
// from what the faulty reverse left.
TEST_P(DataCheck, AFailedCheckLeavesNoTraceInTheNext) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER",
       "DELETE FROM items WHERE id % 2 = 0; ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE items ADD COLUMN color VARCHAR(10)", "ALTER TABLE items DROP COLUMN color"},
  });
  auto first = check(*engine, set);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[1].status, Status::fail) << first[1].message;
  EXPECT_EQ(first[2].status, Status::pass) << first[2].message;
  EXPECT_EQ(first[2].message, "20 rows in 1 tables kept by forward + reverse");
  // Same seed, same report.
  auto second = check(*engine, set);
  ASSERT_EQ(second.size(), first.size());
  for (size_t i = 0; i < first.size(); ++i) EXPECT_EQ(second[i].message, first[i].message);
}

// Scratch databases this process has named so far (crucible_<run>_<n>, n counting up); the call
// names one more.
int scratch_databases_named() {
  std::string name = scratch_name();
  return std::stoi(name.substr(name.rfind('_') + 1));
}

// One walking database carries the rows through the whole set on every engine. On MariaDB, where
// DDL commits, a round trip that changed the rows or the schema sent the check to a new database
// and a replay of every version before the next one (ory/hydra: most of a 176 s run). After an
// empty reverse the database is where the forward left it; after a reverse that gave the rows
// back, the forward runs again (the linear run's re-apply passed). A faulty reverse's rows are
// never walked on: AFailedCheckLeavesNoTraceInTheNext.
TEST_P(DataCheck, OneWalkingDatabaseCarriesTheRowsPastFailedRoundTrips) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"UPDATE items SET note = 'seen'", ""},
      {"CREATE INDEX IF NOT EXISTS items_label ON items (label); "
       "ALTER TABLE items ADD COLUMN stock INTEGER",
       "ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE items ADD COLUMN color VARCHAR(10)", "ALTER TABLE items DROP COLUMN color"},
  });
  EngineRun linear = verify_engine(*engine, set);
  ASSERT_EQ(testing::find(linear, "0003", "roundtrip")->status, Status::fail);
  ASSERT_EQ(testing::find(linear, "0003", "reapply")->status, Status::pass);
  int named = scratch_databases_named();
  std::vector<Result> results =
      data_engine(*engine, set, linear, DataOptions{true, {.seed = 5, .rows_per_table = 20}});
  EXPECT_EQ(scratch_databases_named() - named, 2);  // the walking database, and this call's name
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;  // the notes stay 'seen'
  EXPECT_EQ(results[2].status, Status::pass) << results[2].message;
  EXPECT_EQ(results[3].status, Status::pass) << results[3].message;
}

// A forward that fails with the generated rows: at its first statement, having changed nothing
// (MariaDB keeps the walking database then, with the generated rows emptied), or after a
// statement that took effect (MariaDB cannot undo it: the next check starts on a database
// replayed afresh). Either way the next check sees the version as a replay would leave it.
TEST_P(DataCheck, TheWalkGoesOnAfterAForwardFailsWithTheRows) {
  if (GetParam() == EngineKind::sqlite) GTEST_SKIP() << "SQLite cannot add a CHECK to a table";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD CONSTRAINT cheap CHECK (price < 1)",
       "ALTER TABLE items DROP CONSTRAINT cheap"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER", "ALTER TABLE items DROP COLUMN stock"},
      {"ALTER TABLE items ADD COLUMN color VARCHAR(10); "
       "ALTER TABLE items ADD CONSTRAINT pricey CHECK (price > 1000000)",
       "ALTER TABLE items DROP CONSTRAINT pricey; ALTER TABLE items DROP COLUMN color"},
      {"ALTER TABLE items ADD COLUMN size INTEGER", "ALTER TABLE items DROP COLUMN size"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 5u);
  for (size_t failed : {1u, 3u}) {
    EXPECT_EQ(results[failed].status, Status::skip) << results[failed].message;
    EXPECT_EQ(results[failed].message.rfind("forward fails with the generated rows", 0), 0u)
        << results[failed].message;
  }
  EXPECT_EQ(results[2].status, Status::pass) << results[2].message;
  EXPECT_EQ(results[2].message, "20 rows in 1 tables kept by forward + reverse");
  // Fewer: only rows without a price satisfy both CHECKs by then.
  EXPECT_EQ(results[4].status, Status::pass) << results[4].message;
  EXPECT_TRUE(std::regex_match(results[4].message,
                               std::regex("1[0-9] rows in 1 tables kept by forward \\+ reverse")))
      << results[4].message;
}

// A forward that wrote a row a migration's table keeps (one the walk never empties) before it
// failed with the generated rows has left a trace: MariaDB cannot undo it, so the walk does not
// go on from there (that would write the row a second time) but from a replay.
TEST_P(DataCheck, AForwardThatFailedAfterWritingARowIsNotWalkedAgainOnTopOfIt) {
  if (GetParam() == EngineKind::sqlite) GTEST_SKIP() << "SQLite cannot add a CHECK to a table";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"CREATE TABLE tags (name VARCHAR(20)); INSERT INTO tags (name) VALUES ('seed')",
       "DROP TABLE tags"},
      {"INSERT INTO tags (name) VALUES ('extra'); "
       "ALTER TABLE items ADD CONSTRAINT pricey CHECK (price > 1000000)",
       "ALTER TABLE items DROP CONSTRAINT pricey; DELETE FROM tags WHERE name = 'extra'"},
      {"ALTER TABLE items ADD COLUMN size INTEGER", "ALTER TABLE items DROP COLUMN size"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[2].status, Status::skip) << results[2].message;
  EXPECT_EQ(results[3].status, Status::pass) << results[3].message;
  EXPECT_EQ(results[3].message, "30 rows in 2 tables kept by forward + reverse");
}

// Changes to rows that leave no trace a cheap signal could miss: on PostgreSQL the check reads
// only the tables whose marks (harness/data/table_marks.h) changed, so each of these must
// change them. A type change rewrites the table without counting a row (the new storage shows);
// an UPDATE counts its rows; renaming an enum's label touches no row at all (a type not built in
// is always read).
TEST_P(DataCheck, ATypeChangeThatRewritesTheRowsIsSeen) {
  if (GetParam() != EngineKind::postgres) GTEST_SKIP() << "PostgreSQL's ALTER COLUMN … TYPE … USING";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      // The same type, the values rewritten: only the table's new storage tells.
      {"ALTER TABLE items ALTER COLUMN note TYPE VARCHAR(50) USING upper(note)",
       "ALTER TABLE items ALTER COLUMN note TYPE VARCHAR(50)"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("table items: 20 rows before forward, 20 after reverse (", 0),
            0u) << results[1].message;
}

TEST_P(DataCheck, AnUpdateTheReverseDoesNotUndoIsSeen) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"CREATE TABLE audit (id INTEGER PRIMARY KEY)", "DROP TABLE audit"},
      {"UPDATE items SET label = 'renamed' WHERE id IN (SELECT MIN(id) FROM items)",
       "DELETE FROM audit WHERE 1 = 0"},
      {"ALTER TABLE audit ADD COLUMN note VARCHAR(10)", "ALTER TABLE audit DROP COLUMN note"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[2].status, Status::fail) << results[2].message;
  EXPECT_EQ(results[2].message.rfind("table items: 20 rows before forward, 20 after reverse (1 "
                                     "gone, 1 new); first row missing after reverse: id=", 0),
            0u) << results[2].message;
  EXPECT_NE(results[2].message.find("(now: id="), std::string::npos) << results[2].message;
  EXPECT_NE(results[2].message.find("label='renamed'"), std::string::npos) << results[2].message;
  // The next check starts from the rows as they were after that forward, whatever its check read.
  EXPECT_EQ(results[3].status, Status::pass) << results[3].message;
}

TEST_P(DataCheck, AnEnumLabelRenamedByTheForwardIsSeen) {
  if (GetParam() != EngineKind::postgres) GTEST_SKIP() << "PostgreSQL's enum types";
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TYPE mood AS ENUM ('calm', 'tense'); "
       "CREATE TABLE moods (id INTEGER PRIMARY KEY, mood mood NOT NULL)",
       "DROP TABLE moods; DROP TYPE mood"},
      {"ALTER TYPE mood RENAME VALUE 'calm' TO 'relaxed'", "SELECT 1"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_NE(results[1].message.find("mood='calm'"), std::string::npos) << results[1].message;
}

// The marks that spare a table its read are computed on the migrations' session too: a
// function a migration made that matches a call in them better than the server's (concat_ws
// takes "any"; this one takes the exact types) would make every mark the same, and a reverse
// that loses rows pass unread.
TEST(DataCheckPostgres, AFunctionAMigrationMadeNeverStandsInForTheServersInTheMarks) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  const std::string signature =
      "public.concat_ws(text, text, oid, oid, aclitem[], bigint, bigint, bigint, text)";
  MigrationSet set = testing::inline_set(EngineKind::postgres, {
      {std::string(kCreate) + "; CREATE FUNCTION " + signature +
           " RETURNS text LANGUAGE sql AS $$SELECT 'same'$$",
       "DROP FUNCTION " + signature + "; DROP TABLE items"},
      {"CREATE TABLE audit (id integer)", "DELETE FROM items WHERE id % 2 = 0; DROP TABLE audit"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
}

// On SQLite the check reads only the tables some statement of the forward or the reverse may have
// written (harness/data/table_marks.h): rows lost only through a trigger another table's insert
// fires, or only through a foreign key action, must still be read and missed.
TEST(DataCheckSqlite, RowsLostOnlyThroughATriggerAreSeen) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  MigrationSet set = testing::inline_set(EngineKind::sqlite, {
      {std::string(kCreate) + "; CREATE TABLE audit (id INTEGER PRIMARY KEY)",
       "DROP TABLE audit; DROP TABLE items"},
      {"CREATE TRIGGER purge AFTER INSERT ON audit BEGIN DELETE FROM items WHERE id % 2 = 0; END",
       "INSERT INTO audit (id) VALUES (NULL); DELETE FROM audit WHERE id = last_insert_rowid(); "
       "DROP TRIGGER purge"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("table items: 20 rows before forward, ", 0), 0u)
      << results[1].message;
}

TEST(DataCheckSqlite, RowsLostOnlyThroughAForeignKeyActionAreSeen) {
  auto engine = connect_engine(parse_dsn("sqlite:?foreign_keys=on"));
  MigrationSet set = testing::inline_set(EngineKind::sqlite, {
      {std::string(kCreate) + "; CREATE TABLE tags (id INTEGER PRIMARY KEY, "
           "item_id INTEGER REFERENCES items (id) ON DELETE CASCADE)",
       "DROP TABLE tags; DROP TABLE items"},
      // The reverse puts every item back as it was; the tags that pointed at them are gone.
      {"CREATE TABLE items_saved AS SELECT * FROM items",
       "DELETE FROM items; INSERT INTO items SELECT * FROM items_saved; DROP TABLE items_saved"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_EQ(results[1].message.rfind("table tags: 20 rows before forward, 0 after reverse", 0), 0u)
      << results[1].message;
}

// An FTS5 table keeps its index in tables of its own, which an insert and a delete of the same
// row leave different: the check compares what the virtual table holds, read through it, and
// still sees rows lost there.
TEST(DataCheckSqlite, AVirtualTableIsComparedByItsContentNotItsModulesTables) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  MigrationSet set = testing::inline_set(EngineKind::sqlite, {
      {std::string(kCreate) + "; CREATE VIRTUAL TABLE notes USING fts5(body)",
       "DROP TABLE notes; DROP TABLE items"},
      {"INSERT INTO notes (body) VALUES ('added by the forward')",
       "DELETE FROM notes WHERE body = 'added by the forward'"},
      {"CREATE TABLE audit (id INTEGER)", "DELETE FROM notes WHERE rowid % 2 = 0; DROP TABLE audit"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::pass) << results[1].message;
  EXPECT_EQ(results[2].status, Status::fail) << results[2].message;
  // 21: the 20 generated and the one the walking database kept from 0002's forward.
  EXPECT_EQ(results[2].message.rfind("table notes: 21 rows before forward, 11 after reverse", 0),
            0u) << results[2].message;
}

// The walking database runs the migrations on the session that reads the rows, where a
// temporary table can stand in for the real one: PostgreSQL and SQLite search the temporary
// schema first unless it is named, and MariaDB lets a temporary table hide the real one even
// qualified. Each migration here loses real rows in its reverse while a temporary copy of them
// is in front; the check must read the real table.
std::vector<Result> check_behind_a_temporary_copy(Engine& engine, const testing::Step& lossy) {
  return check(engine, testing::inline_set(engine.kind(), {{kCreate, "DROP TABLE items"}, lossy}));
}

void expect_rows_lost(const std::vector<Result>& results) {
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, Status::fail) << results[1].message;
  EXPECT_NE(results[1].message.find("table items: 20 rows before forward, "), std::string::npos)
      << results[1].message;
}

TEST(DataCheckPostgres, ATemporaryTableNamedLikeATableNeverStandsInForIt) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  expect_rows_lost(check_behind_a_temporary_copy(
      *engine, {"CREATE TEMPORARY TABLE items AS SELECT * FROM public.items; "
                "CREATE TABLE audit (id integer)",
                "DELETE FROM public.items WHERE id % 2 = 0; DROP TABLE audit"}));
}

TEST(DataCheckSqlite, ATemporaryTableNamedLikeATableNeverStandsInForIt) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  expect_rows_lost(check_behind_a_temporary_copy(
      *engine, {"CREATE TEMPORARY TABLE items AS SELECT * FROM main.items; "
                "CREATE TABLE audit (id integer)",
                "DELETE FROM main.items WHERE id % 2 = 0; DROP TABLE audit"}));
}

// MariaDB's copy can only be put in front after the loss: the reverse deletes, then copies.
TEST(DataCheckMariadb, ATemporaryTableNamedLikeATableNeverStandsInForIt) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  expect_rows_lost(check_behind_a_temporary_copy(
      *engine, {"CREATE TEMPORARY TABLE saved AS SELECT * FROM items; "
                "CREATE TABLE audit (id integer)",
                "DELETE FROM items WHERE id % 2 = 0; DROP TABLE audit; "
                "CREATE TEMPORARY TABLE items AS SELECT * FROM saved"}));
}

// Emptying tables turns MariaDB's foreign key checks off for a moment: afterwards they are as
// the session had them (--session "SET foreign_key_checks=0", which a set that names a table
// before creating it needs), not on.
TEST(DataCheckMariadb, EmptyingTablesLeavesTheSessionsForeignKeyChecksAsTheyWere) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::mariadb);
  Dsn dsn = live->dsn();
  dsn.session.push_back("SET foreign_key_checks=0");
  std::unique_ptr<Engine> engine = connect_engine(dsn);
  MigrationSet set = testing::inline_set(EngineKind::mariadb, {
      {"CREATE TABLE a (id INT PRIMARY KEY, v INT)", "DROP TABLE a"},
      // a's rows are emptied and filled again at the next check: its definition changed.
      {"ALTER TABLE a ADD COLUMN w INT", "ALTER TABLE a DROP COLUMN w"},
      {"CREATE TABLE c (id INT PRIMARY KEY, b_id INT, FOREIGN KEY (b_id) REFERENCES b (id))",
       "DROP TABLE c"},
  });
  auto results = check(*engine, set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[2].status, Status::pass) << results[2].message;
}

// A live engine that counts the snapshots taken of the scratch databases it creates.
class SnapshotCountingEngine final : public testing::DelegatingEngine {
 public:
  using DelegatingEngine::DelegatingEngine;
  std::unique_ptr<Database> create_scratch() override {
    return std::make_unique<Counted>(DelegatingEngine::create_scratch(), snapshots);
  }
  std::shared_ptr<int> snapshots = std::make_shared<int>(0);

 private:
  class Counted final : public testing::DelegatingDatabase {
   public:
    Counted(std::unique_ptr<Database> inner, std::shared_ptr<int> count)
        : DelegatingDatabase(std::move(inner)), count_(std::move(count)) {}
    catalog::Catalog snapshot() override {
      ++*count_;
      return DelegatingDatabase::snapshot();
    }

   private:
    std::shared_ptr<int> count_;
  };
};

// MariaDB commits DDL: the walking database takes each migration's forward, reverse and forward
// again, as the linear pass's does. Once a snapshot shows the two alike, the linear pass's
// snapshots describe the walking database too, and it takes none of its own.
TEST(DataCheckMariadb, TheWalkingDatabaseInStepWithTheLinearPassTakesNoSnapshots) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  std::vector<testing::Step> steps;
  for (const char* t : {"a", "b", "c"}) {
    steps.push_back({fmt::format("CREATE TABLE {} (id INT PRIMARY KEY, v INT)", t),
                     fmt::format("DROP TABLE {}", t)});
    steps.push_back({fmt::format("ALTER TABLE {} ADD COLUMN w INT", t),
                     fmt::format("ALTER TABLE {} DROP COLUMN w", t)});
  }
  steps.push_back({"ALTER TABLE a DROP COLUMN v", "ALTER TABLE a ADD COLUMN v INT"});
  MigrationSet set = testing::inline_set(EngineKind::mariadb, steps);
  auto walking = std::make_unique<SnapshotCountingEngine>(*engine);
  std::shared_ptr<int> snapshots = walking->snapshots;
  std::vector<Result> results = check_beside(*engine, std::move(walking), set);
  ASSERT_EQ(results.size(), 7u);
  for (size_t i = 1; i < 6; ++i) EXPECT_EQ(results[i].status, Status::pass) << results[i].message;
  EXPECT_EQ(results[6].status, Status::fail) << results[6].message;  // v comes back empty
  // Before the first migration (no tables yet), and before the second, which puts it in step.
  EXPECT_EQ(*snapshots, 2);
}

// Where a migration's effect on the schema can depend on the rows, the walking database, which
// holds rows, may no longer look like the linear pass's: here it alone gets the table `extra`,
// which the next reverse drops with its rows. Going by the linear pass's snapshot would not read
// `extra` at all, and pass.
TEST(DataCheckMariadb, AMigrationBuildingSqlFromTheRowsPutsTheWalkOutOfStep) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  MigrationSet set = testing::inline_set(EngineKind::mariadb, {
      {"CREATE TABLE a (id INT PRIMARY KEY)", "DROP TABLE a"},
      {"SET @n = (SELECT COUNT(*) FROM a); "
       "SET @s = IF(@n > 0, 'CREATE TABLE extra (id INT PRIMARY KEY)', 'DO 0'); "
       "PREPARE s FROM @s; EXECUTE s; DEALLOCATE PREPARE s",
       "DROP TABLE IF EXISTS extra"},
      {"CREATE TABLE z (id INT)", "DROP TABLE z; DROP TABLE IF EXISTS extra"},
  });
  auto results = check_beside(*engine, connect_engine(engine->dsn()), set);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, Status::pass) << results[1].message;
  EXPECT_EQ(results[2].status, Status::fail) << results[2].message;
  EXPECT_NE(results[2].message.find("table extra"), std::string::npos) << results[2].message;
}

// A live engine that counts the scratch databases it creates (clones are not created here).
class CountingEngine final : public testing::DelegatingEngine {
 public:
  using DelegatingEngine::DelegatingEngine;
  std::unique_ptr<Database> create_scratch() override {
    ++created;
    return DelegatingEngine::create_scratch();
  }
  int created = 0;
};

// Where the walking database cannot go on (a forward refused the rows, and a table holding a
// migration's own row cannot be emptied for it), the next check needs a new one at its version:
// a clone of the version's template, each template moved forward from the one before, instead
// of a new database and a replay of every forward before the version (LemmyNet/lemmy on
// PostgreSQL: five replays of up to 300 migrations, most of the data check's time).
TEST_P(DataCheck, AWalkingDatabaseStartedAgainIsAClone) {
  CRUCIBLE_LIVE_ENGINE(live, GetParam());
  if (!live->server_info().can_clone) GTEST_SKIP() << "the engine cannot clone: it replays";
  std::vector<testing::Step> steps;
  for (const char* t : {"a", "b", "c"}) {
    steps.push_back({fmt::format("CREATE TABLE {0} (id INTEGER PRIMARY KEY, v INTEGER); "
                                 "INSERT INTO {0} (id, v) VALUES (1, 5000000)", t),
                     fmt::format("DROP TABLE {}", t)});
    // Generated rows hold positive and negative values alike: the index cannot be built.
    steps.push_back({fmt::format("CREATE UNIQUE INDEX {0}_sign ON {0} ((v > 0))", t),
                     fmt::format("DROP INDEX {}_sign", t)});
  }
  steps.push_back({"CREATE TABLE d (id INTEGER PRIMARY KEY)", "DROP TABLE d"});
  MigrationSet set = testing::inline_set(GetParam(), steps);
  CountingEngine engine(*live);
  EngineRun linear = verify_engine(engine, set);
  engine.created = 0;
  auto results = data_engine(engine, set, linear, DataOptions{true, {.seed = 5, .rows_per_table = 20}});
  ASSERT_EQ(results.size(), 7u);
  for (size_t refused : {1u, 3u, 5u}) {
    EXPECT_EQ(results[refused].status, Status::skip) << results[refused].message;
    EXPECT_EQ(results[refused].message.rfind("forward fails with the generated rows", 0), 0u)
        << results[refused].message;
  }
  for (size_t kept : {2u, 4u, 6u}) EXPECT_EQ(results[kept].status, Status::pass) << results[kept].message;
  // The first walking database, and the template the three later ones are cloned from.
  EXPECT_EQ(engine.created, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, DataCheck, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
