// A round trip that fails leaves the database elsewhere than the first forward did; later
// migrations must start from the first forward's state, rows and all. PostgreSQL and SQLite run
// the reverse and the re-apply in one transaction and roll a failed one back; MariaDB (and SQLite
// while it enforces foreign keys) rebuild the database by a replay. Either way the next
// migration sees the same database.
#include <gtest/gtest.h>

#include "harness/checks/verify.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::find;
using testing::kAllEngines;

class UndoneRoundTrip : public ::testing::TestWithParam<EngineKind> {};

// How many forwards verify replayed to rebuild its database, and how often each step ran.
struct Counted {
  int replays = 0;
  int reverses = 0;
};

Counted verify_counting(Engine& engine, const MigrationSet& set, EngineRun& run) {
  Counted counted;
  VerifyOptions options;
  options.progress = [&](const ProgressEvent& event) {
    counted.replays += event.step == "replay";
    counted.reverses += event.step == "reverse";
  };
  run = verify_engine(engine, set, options);
  return counted;
}

// How many results `version` has in `run`: one per check, however often its steps ran.
size_t results_of(const EngineRun& run, const std::string& version) {
  size_t count = 0;
  for (const Result& r : run.results) count += r.migration == version;
  return count;
}

void expect_every_check_passes(const EngineRun& run, const std::string& version) {
  for (const char* check : {"forward", "reverse", "roundtrip", "reapply"}) {
    const Result* r = find(run, version, check);
    ASSERT_NE(r, nullptr) << version << " " << check;
    EXPECT_EQ(r->status, Status::pass) << version << " " << check << ": " << r->message;
  }
}

const char* kCreate = "CREATE TABLE items (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL)";

// 0002's reverse drops the wrong column and deletes the row; its re-apply then fails. 0003
// copies the row's id into a NOT NULL column: it fails if the run went on without the row.
TEST_P(UndoneRoundTrip, AFailedRoundTripLeavesTheFirstForwardsRowsForTheNextMigration) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  const bool rolled_back = GetParam() != EngineKind::mariadb;
  MigrationSet set = testing::inline_set(GetParam(), {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER; "
       "INSERT INTO items (id, label, stock) VALUES (7, 'seed', 5)",
       "DELETE FROM items; ALTER TABLE items DROP COLUMN label"},
      {"CREATE TABLE copied (id INTEGER NOT NULL); INSERT INTO copied SELECT MAX(id) FROM items",
       "DROP TABLE copied"},
  });
  EngineRun run;
  Counted counted = verify_counting(*engine, set, run);
  ASSERT_EQ(run.status, "ok") << run.message;
  EXPECT_EQ(find(run, "0002", "roundtrip")->status, Status::fail);
  EXPECT_EQ(find(run, "0002", "reapply")->status, Status::error);
  expect_every_check_passes(run, "0003");
  EXPECT_EQ(counted.replays, rolled_back ? 0 : 2);
}

// A reverse the server refuses inside a transaction (CREATE INDEX CONCURRENTLY) makes the round
// trip run again as usual, each check reported once; a committed round trip leaves no
// transaction open (0003's CONCURRENTLY forward would fail inside one).
TEST(UndoneRoundTripPostgres, AScriptRefusedInsideTheTransactionRunsTheRoundTripAsUsual) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  MigrationSet set = testing::inline_set(EngineKind::postgres, {
      {kCreate, "DROP TABLE items"},
      {"DROP INDEX IF EXISTS items_label",
       "CREATE INDEX CONCURRENTLY items_label ON items (label)"},
      {"CREATE INDEX CONCURRENTLY items_id_label ON items (id, label)",
       "DROP INDEX items_id_label"},
  });
  EngineRun run;
  Counted counted = verify_counting(*engine, set, run);
  ASSERT_EQ(run.status, "ok") << run.message;
  EXPECT_EQ(find(run, "0002", "reverse")->status, Status::pass)
      << find(run, "0002", "reverse")->message;
  EXPECT_EQ(find(run, "0002", "roundtrip")->status, Status::fail);  // the index is left behind
  expect_every_check_passes(run, "0003");
  EXPECT_EQ(results_of(run, "0002"), 4u);
  EXPECT_EQ(counted.reverses, 4);  // 0002's twice: inside the transaction, then as usual
}

// SET CONSTRAINTS lasts until the transaction ends: the reverse's check of its deferred
// constraints must not make the re-apply, in the same transaction, check its own at once. Run
// alone, 0002's forward inserts the child before its parent and passes; so must its re-apply.
TEST(UndoneRoundTripPostgres, TheReapplyDefersWhatItsConstraintsDeclareDeferred) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  MigrationSet set = testing::inline_set(EngineKind::postgres, {
      {"CREATE TABLE parent (id INTEGER PRIMARY KEY); "
       "CREATE TABLE child (parent_id INTEGER REFERENCES parent DEFERRABLE INITIALLY DEFERRED)",
       "DROP TABLE child; DROP TABLE parent"},
      {"INSERT INTO child VALUES (1); INSERT INTO parent VALUES (1)",
       "DELETE FROM child; DELETE FROM parent"},
  });
  EngineRun run;
  verify_counting(*engine, set, run);
  ASSERT_EQ(run.status, "ok") << run.message;
  expect_every_check_passes(run, "0002");
}

// While SQLite enforces foreign keys, a deferred violation shows at COMMIT: run alone, 0002's
// reverse fails there. Inside verify's transaction its savepoint's release checks nothing, and
// the violation would surface at the round trip's COMMIT instead (the run ended there), so
// SQLite runs such a round trip as usual.
TEST(UndoneRoundTripSqlite, WithForeignKeysEnforcedADeferredViolationIsTheReversesError) {
  auto engine = connect_engine(parse_dsn("sqlite:?foreign_keys=on"));
  MigrationSet set = testing::inline_set(EngineKind::sqlite, {
      {"CREATE TABLE parent (id INTEGER PRIMARY KEY); "
       "CREATE TABLE child (parent_id INTEGER REFERENCES parent DEFERRABLE INITIALLY DEFERRED); "
       "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1)",
       "DROP TABLE child; DROP TABLE parent"},
      {"ALTER TABLE child ADD COLUMN note TEXT",
       "DELETE FROM parent; ALTER TABLE child DROP COLUMN note"},
  });
  EngineRun run;
  Counted counted = verify_counting(*engine, set, run);
  ASSERT_EQ(run.status, "ok") << run.message;
  const Result* reverse = find(run, "0002", "reverse");
  ASSERT_NE(reverse, nullptr);
  EXPECT_EQ(reverse->status, Status::error);
  EXPECT_NE(reverse->message.find("FOREIGN KEY"), std::string::npos) << reverse->message;
  EXPECT_EQ(counted.reverses, 2);
}

// A reverse that ends the transaction itself would end verify's round trip halfway, with what
// it ran before its COMMIT kept: it is refused before it runs, and the round trip runs as usual.
TEST(UndoneRoundTripSqlite, AReverseThatCommitsItselfRunsTheRoundTripAsUsual) {
  MigrationSet set = testing::inline_set(EngineKind::sqlite, {
      {kCreate, "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN stock INTEGER",
       "COMMIT; ALTER TABLE items DROP COLUMN stock"},
  });
  EngineRun run;
  Counted counted = verify_counting(*connect_engine(parse_dsn("sqlite:")), set, run);
  ASSERT_EQ(run.status, "ok") << run.message;
  EXPECT_EQ(results_of(run, "0002"), 4u);
  expect_every_check_passes(run, "0002");
  EXPECT_EQ(counted.reverses, 3);  // 0002's refused inside before it ran, then run as usual
}

INSTANTIATE_TEST_SUITE_P(Engines, UndoneRoundTrip, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
