// How `crucible bench` words what the lock watcher saw. A lock seen in one sample once printed
// as "held 0 µs", and a wait of the migration's own as "held": both read as wrong numbers.
#include "reports/bench_format.h"

#include <gtest/gtest.h>

namespace crucible::reports {
namespace {

bench::LockObservation lock(std::string mode, double held_ms, int64_t waiters) {
  bench::LockObservation l;
  l.relation = "orders";
  l.mode = std::move(mode);
  l.held_ms = held_ms;
  l.waiters = waiters;
  return l;
}

TEST(BenchFormat, ALockSeenInSeveralSamplesIsHeldForTheirSpan) {
  EXPECT_EQ(format_lock(lock("AccessExclusiveLock", 50, 4), 5),
            "AccessExclusiveLock on orders: held 50.0 ms, up to 4 waiting");
}

TEST(BenchFormat, ALockSeenInOneSampleIsShorterThanTheResolution) {
  EXPECT_EQ(format_lock(lock("AccessExclusiveLock", 0, 2), 5),
            "AccessExclusiveLock on orders: seen in one sample (under 10.0 ms), up to 2 waiting");
}

TEST(BenchFormat, WaitsAreSeenNotHeld) {
  EXPECT_EQ(format_lock(lock("AccessExclusiveLock (waiting)", 12, 0), 5),
            "AccessExclusiveLock (waiting) on orders: seen for 12.0 ms, up to 0 waiting");
  EXPECT_EQ(format_lock(lock("Waiting for table metadata lock", 1540, 3), 5),
            "Waiting for table metadata lock on orders: seen for 1.54 s, up to 3 waiting");
}

TEST(BenchFormat, TrafficNamesTheThresholdOfAWait) {
  bench::LoadImpact impact;
  impact.blocked_after_ms = 100;
  impact.traffic.statements = 94;
  impact.traffic.max_ms = 52.8;
  EXPECT_EQ(format_traffic(impact).substr(0, 48), "94 statements, 0 waited over 100 ms, 0 errors, p");
}

// A migration that only creates tables leaves the traffic nothing to address: the line says
// why, instead of "0 statements … longest stall 110 ms".
TEST(BenchFormat, NoTrafficIsExplainedNotPrintedAsZeros) {
  bench::LoadImpact impact;
  impact.notes = {"table queries: no traffic (it does not exist before the migration)",
                  "no traffic ran: no table it could address exists before the migration"};
  impact.traffic.longest_stall_ms = 110;
  EXPECT_EQ(format_traffic(impact),
            "table queries: no traffic (it does not exist before the migration); no traffic ran: "
            "no table it could address exists before the migration");
}

// A rewrite locks the new heap and indexes it creates; nobody can see them, so one line per mode
// says so and the lock on the table itself is not buried under them.
TEST(BenchFormat, LocksOnRelationsTheMigrationCreatedAreOneLinePerMode) {
  bench::LoadImpact impact;
  impact.sample_interval_ms = 5;
  impact.traffic.statements = 40;
  impact.notes = {"orders_audit: not addressed (no key column)"};
  auto created = [](std::string oid, std::string mode, double held_ms) {
    return bench::LockObservation{"(uncommitted relation " + oid + ")", mode, held_ms, 0, 0};
  };
  impact.locks = {created("16500", "AccessExclusiveLock", 900),
                  {"orders", "AccessExclusiveLock", 1200, 4, 0},
                  created("16501", "AccessExclusiveLock", 1150),
                  created("16502", "ShareLock", 0)};
  EXPECT_EQ(format_impact_details(impact),
            (std::vector<std::string>{
                "note: orders_audit: not addressed (no key column)",
                "AccessExclusiveLock on orders: held 1.20 s, up to 4 waiting",
                "AccessExclusiveLock on 2 relations the migration created (not yet visible to "
                "other sessions), the longest: held 1.15 s",
                "ShareLock on a relation the migration created (not yet visible to other "
                "sessions): seen in one sample (under 10.0 ms)"}));
}

// Without traffic the notes are the traffic line itself (format_traffic), not repeated below it.
TEST(BenchFormat, NotesAreNotRepeatedWhenNoTrafficRan) {
  bench::LoadImpact impact;
  impact.notes = {"no traffic ran: no table it could address exists before the migration"};
  EXPECT_TRUE(format_impact_details(impact).empty());
}

}  // namespace
}  // namespace crucible::reports
