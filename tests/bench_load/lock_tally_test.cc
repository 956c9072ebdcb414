// LockTally: how samples become observations (no engine needed).
#include <gtest/gtest.h>

#include "harness/bench/lock_watch.h"

namespace crucible::bench {
namespace {

TEST(LockTally, HeldFromFirstToLastSightingWithTheMostWaiters) {
  LockTally tally;
  tally.seen("t", "AccessExclusiveLock", 1, 10);
  tally.seen("u", "RowExclusiveLock", 0, 5);
  tally.seen("t", "AccessExclusiveLock", 4, 20);
  tally.seen("t", "AccessExclusiveLock", 2, 35);
  auto locks = tally.observations();
  ASSERT_EQ(locks.size(), 2u);
  EXPECT_EQ(locks[0].relation, "u");  // seen first
  EXPECT_EQ(locks[0].held_ms, 0);     // one sighting: shorter than the resolution
  EXPECT_EQ(locks[1].relation, "t");
  EXPECT_EQ(locks[1].held_ms, 25);
  EXPECT_EQ(locks[1].waiters, 4);
  EXPECT_EQ(locks[1].first_seen_ms, 10);
}

TEST(LoadImpactJson, HasTheDocumentedShape) {
  LoadImpact impact;
  impact.traffic.statements = 10;
  impact.traffic.max_ms = 12.345;
  impact.locks.push_back({"t", "AccessExclusiveLock", 50.04, 3, 1.0});
  impact.lock_source = "pg_locks";
  nlohmann::json json = to_json(impact);
  EXPECT_EQ(json["traffic"]["statements"], 10);
  EXPECT_EQ(json["traffic"]["max_ms"], 12.3);
  EXPECT_EQ(json["locks"][0]["held_ms"], 50.0);
  EXPECT_EQ(json["locks"][0]["waiters"], 3);
  EXPECT_EQ(json["lock_source"], "pg_locks");
  for (const char* key : {"migration_ms", "clients", "blocked_after_ms", "lock_samples",
                          "sample_interval_ms", "notes"})
    EXPECT_TRUE(json.contains(key)) << key;
  EXPECT_NE(to_text(impact).find("t AccessExclusiveLock: held 50.0 ms"), std::string::npos)
      << to_text(impact);
}

}  // namespace
}  // namespace crucible::bench
