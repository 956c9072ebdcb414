// --keep-going on live engines: a migration whose forward fails is left out, the run goes on from
// the last good state, and the property checks (walks, idempotence, data) never run from an
// unknown one: their restores leave the failed migration out as well.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "harness/checks/property_checks.h"
#include "harness/checks/verify.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::find;
using testing::kAllEngines;

class KeepGoing : public ::testing::TestWithParam<EngineKind> {};

// 0002 creates a table and then fails (MariaDB has committed the CREATE TABLE by then); 0004
// creates the same table, so it passes only if the run really went on without 0002.
MigrationSet set_with_a_failing_forward(EngineKind kind) {
  return testing::inline_set(kind, {
      {"CREATE TABLE items (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL)", "DROP TABLE items"},
      {"CREATE TABLE broken (id INTEGER); CREATE INDX broken_idx ON broken (id)", "DROP TABLE broken"},
      {"ALTER TABLE items ADD COLUMN extra INTEGER", "ALTER TABLE items DROP COLUMN extra"},
      {"CREATE TABLE broken (id INTEGER)", "DROP TABLE broken"},
  });
}

// With a --migration-timeout too: its deadline belongs to the database that a rebuild replaces.
TEST_P(KeepGoing, LaterMigrationsRunWithoutTheFailedOne) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = set_with_a_failing_forward(GetParam());
  EngineRun run = verify_engine(
      *engine, set, VerifyOptions{.migration_timeout = std::chrono::minutes(10), .keep_going = true});
  ASSERT_EQ(run.status, "ok") << run.message;
  ASSERT_NE(find(run, "0002", "forward"), nullptr);
  EXPECT_EQ(find(run, "0002", "forward")->status, Status::error);
  for (const char* version : {"0003", "0004"})
    for (const char* check : {"forward", "reverse", "roundtrip", "reapply"}) {
      const Result* r = find(run, version, check);
      ASSERT_NE(r, nullptr) << version << " " << check;
      EXPECT_EQ(r->status, Status::pass) << version << " " << check << ": " << r->message;
      EXPECT_NE(r->message.find("0002 left out: its forward failed"), std::string::npos)
          << r->message;
    }
  EXPECT_TRUE(std::any_of(run.notes.begin(), run.notes.end(), [](const std::string& note) {
    return note.starts_with("--keep-going: 0002 left out");
  }));
}

// A left-out forward that failed at its first statement left nothing behind, on MariaDB too,
// where that statement's DDL commits first and nothing is "rolled back": the run goes on without
// a rebuild.
TEST_P(KeepGoing, AForwardThatFailedAtItsFirstStatementNeedsNoRebuild) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = testing::inline_set(GetParam(), {
      {"CREATE TABLE items (id INTEGER PRIMARY KEY)", "DROP TABLE items"},
      {"CREATE TABLE items (id INTEGER); CREATE TABLE broken (id INTEGER)", "DROP TABLE broken"},
      {"CREATE TABLE broken (id INTEGER)", "DROP TABLE broken"},
  });
  int replays = 0;
  VerifyOptions options{.keep_going = true};
  options.progress = [&](const ProgressEvent& event) { replays += event.step == "replay"; };
  EngineRun run = verify_engine(*engine, set, options);
  ASSERT_EQ(run.status, "ok") << run.message;
  EXPECT_EQ(replays, 0);
  for (const char* check : {"forward", "reverse", "roundtrip", "reapply"})
    EXPECT_EQ(find(run, "0003", check)->status, Status::pass) << check;
}

// A real design left out one file in three (Acuranzo): later messages name the latest few and
// count the rest, instead of growing with every failed file.
TEST(KeepGoingMessages, NameTheLatestThreeAndCountTheRest) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  std::vector<testing::Step> steps;
  for (int i = 1; i <= 5; ++i) steps.push_back({"CREATE INDX broken ON nothing (id)", "SELECT 1"});
  steps.push_back({"CREATE TABLE items (id INTEGER PRIMARY KEY)", "DROP TABLE items"});
  MigrationSet set = testing::inline_set(EngineKind::sqlite, steps);
  EngineRun run = verify_engine(*engine, set, VerifyOptions{.keep_going = true});
  const Result* last = find(run, "0006", "roundtrip");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->status, Status::pass) << last->message;
  EXPECT_NE(last->message.find("2 earlier ones left out; 0003 left out: its forward failed; "
                               "0004 left out: its forward failed; 0005 left out: its forward "
                               "failed"), std::string::npos) << last->message;
  EXPECT_EQ(last->message.find("0001 left out"), std::string::npos) << last->message;
}

// Beside the linear pass — where `crucible verify` runs the data check — that 0002 was left out
// is known only from the results published so far; 0003 and 0004 must still be checked from
// versions without it, and nothing after the pass's end when it stops at 0002.
TEST_P(KeepGoing, TheDataCheckBesideTheLinearPassLeavesTheFailedMigrationOut) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = set_with_a_failing_forward(GetParam());
  PropertyOptions properties;
  properties.data = {true, {.seed = 3, .rows_per_table = 10}};
  auto connect = [&] { return connect_engine(engine->dsn()); };
  EngineRun run = verify_with_property_checks(*engine, connect, set,
                                              VerifyOptions{.keep_going = true}, properties);
  ASSERT_EQ(run.status, "ok") << run.message;
  for (const char* version : {"0003", "0004"}) {
    const Result* r = find(run, version, "data");
    ASSERT_NE(r, nullptr) << version;
    EXPECT_EQ(r->status, Status::pass) << version << ": " << r->message;
  }
  ASSERT_NE(find(run, "0002", "data"), nullptr);
  EXPECT_EQ(find(run, "0002", "data")->message, "its forward did not pass in the linear run");

  EngineRun stopped = verify_with_property_checks(*engine, connect, set, {}, properties);
  ASSERT_EQ(stopped.status, "ok") << stopped.message;
  for (const char* version : {"0003", "0004"}) {
    const Result* r = find(stopped, version, "data");
    ASSERT_NE(r, nullptr) << version;
    EXPECT_EQ(r->status, Status::skip) << version << ": " << r->message;
  }
}

TEST_P(KeepGoing, WithoutTheFlagLaterMigrationsAreBlocked) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = set_with_a_failing_forward(GetParam());
  EngineRun run = verify_engine(*engine, set);
  for (const char* version : {"0003", "0004"}) {
    const Result* r = find(run, version, "forward");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->status, Status::skip);
    EXPECT_EQ(r->message, "blocked by 0002: its forward failed");
  }
}

// Idempotence and the data check restore versions by replay or clone: 0002 is left out there
// too, so they check 0003 and 0004 instead of ending the run with an engine error.
TEST_P(KeepGoing, PropertyChecksLeaveTheFailedMigrationOut) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  MigrationSet set = set_with_a_failing_forward(GetParam());
  EngineRun run = verify_engine(*engine, set, VerifyOptions{.keep_going = true});
  PropertyOptions properties{{.walks = 3, .seed = 11}, true, {true, {.seed = 3, .rows_per_table = 10}}};
  run_property_checks(*engine, set, properties, run);
  ASSERT_EQ(run.status, "ok") << run.message;
  const Result* idempotence = find(run, "0002", "idempotence");
  ASSERT_NE(idempotence, nullptr);
  EXPECT_EQ(idempotence->status, Status::skip);
  EXPECT_NE(idempotence->message.find("left out"), std::string::npos) << idempotence->message;
  for (const char* version : {"0003", "0004"}) {
    for (const char* check : {"idempotence", "data"}) {
      const Result* r = find(run, version, check);
      ASSERT_NE(r, nullptr) << version << " " << check;
      EXPECT_EQ(r->status, Status::pass) << version << " " << check << ": " << r->message;
    }
  }
  for (const Result& r : run.results)
    EXPECT_TRUE(r.status == Status::pass || r.status == Status::skip ||
                (r.migration == "0002" && r.check == "forward"))
        << r.migration << " " << r.check << ": " << r.message;
}

INSTANTIATE_TEST_SUITE_P(Engines, KeepGoing, ::testing::ValuesIn(kAllEngines),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

// A rebuild whose schema differs from the first run's goes on from the replay, saying how it
// differs: 0001 names its table at random, so a replay never matches the first run (as Lemmy's
// view with a frozen 'now' never does); 0002 runs outside a transaction, so its committed CREATE
// TABLE calls for a rebuild. 0003 is then checked as a deployment would run it.
TEST(KeepGoingPostgres, AnUnreproducibleRebuildGoesOnFromTheReplay) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  MigrationSet set = testing::inline_set(EngineKind::postgres, {
      {"DO $$ BEGIN EXECUTE 'CREATE TABLE t_' || floor(random() * 1e9)::bigint || ' (id int)'; "
       "END $$", std::nullopt},
      {"CREATE TABLE broken (id INTEGER); CREATE INDX broken_idx ON broken (id)", "DROP TABLE broken"},
      {"CREATE TABLE later (id INTEGER)", "DROP TABLE later"},
  });
  set.migrations[0].irreversible = "random table name";
  set.migrations[1].scripts[EngineKind::postgres].forward.transactional = false;
  EngineRun run = verify_engine(*engine, set, VerifyOptions{.keep_going = true});
  ASSERT_EQ(run.status, "ok") << run.message;
  for (const char* check : {"forward", "reverse", "roundtrip", "reapply"}) {
    const Result* r = find(run, "0003", check);
    ASSERT_NE(r, nullptr) << check;
    EXPECT_EQ(r->status, Status::pass) << check << ": " << r->message;
  }
  std::string notes = fmt::format("{}", fmt::join(run.notes, "\n"));
  EXPECT_NE(notes.find("--keep-going: 0002 left out (its forward failed); the database was rebuilt "
                       "by replaying the migrations before it, and later migrations ran without "
                       "it; the replay's schema differs from the first run's (table t_"),
            std::string::npos) << notes;
  EXPECT_NE(notes.find("later migrations start from the replay's"), std::string::npos) << notes;
}

// A replay that cannot run blocks later migrations, saying so. 0003 needs the two rows that
// 0002's forward leaves when run twice (its reverse, which round-trips the schema, keeps the
// row), so a replay, which runs it once, fails there.
TEST(KeepGoingPostgres, ARebuildThatCannotReplayBlocksLaterMigrations) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  MigrationSet set = testing::inline_set(EngineKind::postgres, {
      {"CREATE TABLE log (n INTEGER)", "DROP TABLE log"},
      {"INSERT INTO log VALUES (1)", "SELECT 1"},
      {"DO $$ BEGIN IF (SELECT count(*) FROM log) < 2 THEN RAISE EXCEPTION 'replayed'; END IF; "
       "END $$; CREATE TABLE needs_two (id INTEGER)", "DROP TABLE needs_two"},
      {"CREATE TABLE broken (id INTEGER); CREATE INDX broken_idx ON broken (id)", "DROP TABLE broken"},
      {"CREATE TABLE later (id INTEGER)", "DROP TABLE later"},
  });
  set.migrations[3].scripts[EngineKind::postgres].forward.transactional = false;
  EngineRun run = verify_engine(*engine, set, VerifyOptions{.keep_going = true});
  ASSERT_EQ(run.status, "ok") << run.message;
  const Result* needs_two = find(run, "0003", "forward");
  ASSERT_NE(needs_two, nullptr);
  EXPECT_EQ(needs_two->status, Status::pass) << needs_two->message;
  const Result* r = find(run, "0005", "forward");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->status, Status::skip);
  EXPECT_NE(r->message.find("blocked by 0004: its forward failed and the database could not be "
                            "rebuilt without it (replaying 0003 failed)"),
            std::string::npos) << r->message;
}

}  // namespace
}  // namespace crucible
