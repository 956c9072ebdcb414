// Lock impact under load on MariaDB. ALTER TABLE … ALGORITHM=COPY on 10.11 holds a metadata lock
// that lets reads through and makes writes wait for the whole copy ("Waiting for table metadata
// lock" in the process list), then takes it exclusively for the rename at the end.
#include <gtest/gtest.h>

#include "tests/bench_load/load_testing.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

constexpr EngineKind kMariadb = EngineKind::mariadb;
constexpr const char* kMetadataLockWait = "Waiting for table metadata lock";

TEST(LoadMariadb, CopyAlterMakesWritesWaitForTheMetadataLock) {
  CRUCIBLE_LIVE_ENGINE(engine, kMariadb);
  auto db = keyed_scratch(*engine, kMariadb, 100000);
  bench::LoadImpact impact =
      load_during(*db, kMariadb, "ALTER TABLE t MODIFY COLUMN c BIGINT, ALGORITHM=COPY;");
  TRACE_LOAD_IMPACT(impact);
  EXPECT_EQ(impact.lock_source.rfind("information_schema.", 0), 0u) << impact.lock_source;
  const bench::LockObservation* wait = find_lock(impact, "t", kMetadataLockWait);
  ASSERT_NE(wait, nullptr);
  EXPECT_GE(wait->waiters, 1);
  EXPECT_GT(impact.traffic.waited, 0);
  // The process list saw the waits for a while, and the traffic's slowest statement agrees.
  EXPECT_GE(impact.traffic.max_ms, 0.5 * wait->held_ms);
  EXPECT_LE(impact.traffic.max_ms, impact.migration_ms + 50);  // and no wait outlived it
  EXPECT_EQ(impact.traffic.errors, 0);
  // Reads go on during the copy; only its last phase (the swap of the tables) blocks them.
  EXPECT_LT(impact.traffic.read_max_ms, 0.75 * impact.traffic.write_max_ms);
}

// An instant ADD COLUMN still takes the exclusive metadata lock for as long as the ALTER runs
// (the traffic waits: tens of milliseconds here), but that does not grow with the table.
TEST(LoadMariadb, AnInstantAddColumnBlocksFarLessThanACopy) {
  CRUCIBLE_LIVE_ENGINE(engine, kMariadb);
  expect_instant_blocks_less(*engine, kMariadb, "ALTER TABLE t ADD COLUMN x INT, ALGORITHM=INSTANT;",
                             "ALTER TABLE t MODIFY COLUMN c BIGINT, ALGORITHM=COPY;");
}

}  // namespace
}  // namespace crucible::testing
