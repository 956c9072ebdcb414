// The watchdog behind --statement-timeout and --migration-timeout: it fires on time, says which
// limit passed, repeats a cancel the statement outlived, and never fires after the timer is gone.
#include "harness/engines/time_limit.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "harness/common/error.h"

namespace crucible {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) for a condition set by the watchdog thread: the test asserts on the event, not
// on how fast a loaded machine delivers it.
template <typename Predicate>
bool eventually(Predicate done, std::chrono::seconds limit = 20s) {
  auto until = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST(StatementTimer, NoLimitNeverFires) {
  std::atomic<int> cancels{0};
  {
    StatementTimer timer(TimeLimits{}, [&] { ++cancels; });
    std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(timer.expired());
    EXPECT_EQ(timer.message(), "");
  }
  EXPECT_EQ(cancels, 0);
}

TEST(StatementTimer, StatementLimitCancelsAndSaysWhich) {
  std::atomic<int> cancels{0};
  TimeLimits limits;
  limits.statement = 30ms;
  StatementTimer timer(limits, [&] { ++cancels; });
  ASSERT_TRUE(eventually([&] { return cancels.load() > 0; }));
  EXPECT_TRUE(timer.expired());
  EXPECT_EQ(timer.message(), "cancelled by Crucible after 30 ms (--statement-timeout)");
}

TEST(StatementTimer, TheEarlierMigrationDeadlineWins) {
  std::atomic<int> cancels{0};
  TimeLimits limits;
  limits.statement = 1h;
  limits.migration = 5min;
  limits.migration_deadline = Clock::now();  // already passed
  StatementTimer timer(limits, [&] { ++cancels; });
  ASSERT_TRUE(eventually([&] { return cancels.load() > 0; }));
  EXPECT_EQ(timer.message(),
            "cancelled by Crucible: the migration ran past its 5 min (--migration-timeout)");
}

TEST(StatementTimer, ACancelTheStatementOutlivedIsRepeated) {
  std::atomic<int> cancels{0};
  TimeLimits limits;
  limits.statement = 1ms;
  StatementTimer timer(limits, [&] { ++cancels; });
  EXPECT_TRUE(eventually([&] { return cancels.load() >= 2; }));
}

// The watchdog is woken only for a timer that becomes the first to fire: one added while it
// sleeps until a later deadline must still fire on time, and one added behind an earlier deadline
// fires after that one without another wake-up.
TEST(StatementTimer, AnEarlierTimerAddedWhileTheWatchdogWaitsOnALaterOneFires) {
  std::atomic<int> late_cancels{0}, early_cancels{0}, next_cancels{0};
  TimeLimits late_limits, early_limits, next_limits;
  late_limits.statement = 1h;
  early_limits.statement = 30ms;
  next_limits.statement = 60ms;
  StatementTimer late(late_limits, [&] { ++late_cancels; });
  std::this_thread::sleep_for(20ms);  // the watchdog now sleeps until the hour is up
  StatementTimer early(early_limits, [&] { ++early_cancels; });
  StatementTimer next(next_limits, [&] { ++next_cancels; });  // behind `early`: no wake-up
  ASSERT_TRUE(eventually([&] { return early_cancels.load() > 0; }));
  ASSERT_TRUE(eventually([&] { return next_cancels.load() > 0; }));
  EXPECT_TRUE(early.expired());
  EXPECT_TRUE(next.expired());
  EXPECT_FALSE(late.expired());
  EXPECT_EQ(late_cancels, 0);
}

// Statements run one after another: each timer is gone before the next comes, and the watchdog
// keeps the alarm the first one set instead of being woken for each. A timer due before that
// alarm must still wake it; one due after it is found when the alarm rings.
TEST(StatementTimer, ATimerAddedAfterAnotherEndedFiresOnTime) {
  std::atomic<int> sooner_cancels{0}, later_cancels{0};
  TimeLimits hour, sooner, brief, later;
  hour.statement = 1h;
  sooner.statement = 30ms;
  brief.statement = 50ms;
  later.statement = 200ms;
  { StatementTimer ended(hour, [] {}); }
  std::this_thread::sleep_for(20ms);  // the watchdog now sleeps until the hour is up
  {
    StatementTimer timer(sooner, [&] { ++sooner_cancels; });
    ASSERT_TRUE(eventually([&] { return sooner_cancels.load() > 0; }, 10s));
  }
  { StatementTimer ended(brief, [] {}); }  // the alarm: in 50 ms
  StatementTimer timer(later, [&] { ++later_cancels; });  // no wake-up: due after the alarm
  ASSERT_TRUE(eventually([&] { return later_cancels.load() > 0; }, 10s));
  EXPECT_TRUE(timer.expired());
}

TEST(StatementTimer, NeverFiresAfterItIsDestroyed) {
  std::atomic<int> cancels{0};
  for (int i = 0; i < 200; ++i) {
    TimeLimits limits;
    limits.statement = 1ms;
    auto flag = std::make_unique<std::atomic<bool>>(false);
    {
      StatementTimer timer(limits, [&cancels, raw = flag.get()] {
        raw->store(true);  // a use after free here is what ASan would catch
        ++cancels;
      });
      if (i % 2) std::this_thread::sleep_for(1ms);
    }
    flag.reset();
  }
  int seen = cancels.load();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(cancels.load(), seen);
}

TEST(Duration, ParsesUnitsAndDescribesThem) {
  EXPECT_EQ(parse_duration("500ms", "--x"), 500ms);
  EXPECT_EQ(parse_duration("30s", "--x"), 30s);
  EXPECT_EQ(parse_duration("30", "--x"), 30s);
  EXPECT_EQ(parse_duration("5m", "--x"), 5min);
  EXPECT_EQ(parse_duration("2h", "--x"), 2h);
  EXPECT_EQ(describe_duration(90s), "90 s");
  EXPECT_EQ(describe_duration(5min), "5 min");
  EXPECT_EQ(describe_duration(90min), "1 h 30 min");
  EXPECT_EQ(describe_duration(250ms), "250 ms");
}

TEST(Duration, RefusesWhatIsNotADuration) {
  for (const char* text : {"", "s", "-5s", "5 s", "1.5s", "5d", "0", "0s", "99999999999s"})
    EXPECT_THROW(parse_duration(text, "--statement-timeout"), Error) << text;
}

}  // namespace
}  // namespace crucible
