#include "harness/engines/time_limit.h"

#include <cctype>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible {

struct StatementTimer::Entry {
  Clock::time_point when;
  std::function<void()> cancel;
  std::string why;  // set when it fires
  bool expired = false;
};

namespace {

// Repeats a cancel that the statement outlived: a cancel request that reached the server just
// before the statement started (or that the engine could not act on) is not the end of it.
constexpr auto kCancelAgainAfter = std::chrono::seconds(1);

// One thread for the process: timers are few (one per running statement per engine) and short.
class Watchdog {
 public:
  static Watchdog& instance() {
    static Watchdog* watchdog = new Watchdog;  // never destroyed: timers may outlive main()'s end
    return *watchdog;
  }

  void add(StatementTimer::Entry* entry) {
    std::lock_guard lock(mutex_);
    queue_.emplace(entry->when, entry);
    // The watchdog looks again at its alarm, never later than the first deadline: only one
    // before the alarm needs it awake. (Woken for every statement, it cost a verify on SQLite a
    // twentieth of its CPU in context switches.)
    if (entry->when < alarm_) wake_.notify_all();
  }

  void remove(StatementTimer::Entry* entry) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return running_ != entry; });
    for (auto it = queue_.begin(); it != queue_.end(); ++it)
      if (it->second == entry) {
        queue_.erase(it);
        break;
      }
  }

  bool expired(const StatementTimer::Entry* entry) {
    std::lock_guard lock(mutex_);
    return entry->expired;
  }

  std::string why(const StatementTimer::Entry* entry) {
    std::lock_guard lock(mutex_);
    return entry->expired ? entry->why : std::string();
  }

 private:
  Watchdog() { std::thread([this] { loop(); }).detach(); }

  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      auto first = queue_.begin();
      const Clock::time_point now = Clock::now();
      if (first == queue_.end() || now < first->first) {
        // The alarm: the first deadline, or with none the alarm already set while it is ahead.
        // Statements run one after another, each timer gone before the next is added with a
        // later deadline: the alarm of the first one serves them all, none wakes the watchdog.
        if (first != queue_.end()) alarm_ = first->first;
        else if (alarm_ <= now) alarm_ = Clock::time_point::max();
        // A copy: remove() may erase the first node while the lock is released (ASan: use
        // after free).
        const Clock::time_point alarm = alarm_;
        if (alarm == Clock::time_point::max()) wake_.wait(lock);
        else wake_.wait_until(lock, alarm);
        continue;
      }
      StatementTimer::Entry* entry = first->second;
      queue_.erase(first);
      entry->expired = true;
      entry->when = Clock::now() + kCancelAgainAfter;
      queue_.emplace(entry->when, entry);
      running_ = entry;
      lock.unlock();
      try {
        entry->cancel();
      } catch (...) {
        // A cancel that fails is tried again; the statement's own error says the rest.
      }
      lock.lock();
      running_ = nullptr;
      done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::multimap<Clock::time_point, StatementTimer::Entry*> queue_;
  // When the watchdog looks at the queue again at the latest; never after the first deadline.
  Clock::time_point alarm_ = Clock::time_point::max();
  StatementTimer::Entry* running_ = nullptr;
};

}  // namespace

std::string describe_duration(std::chrono::milliseconds duration) {
  long long ms = duration.count();
  if (ms < 1000 || ms % 1000 != 0) return fmt::format("{} ms", ms);
  long long s = ms / 1000;
  if (s < 60 || s % 60 != 0) return fmt::format("{} s", s);
  long long min = s / 60;
  if (min < 60) return fmt::format("{} min", min);
  return min % 60 == 0 ? fmt::format("{} h", min / 60)
                       : fmt::format("{} h {} min", min / 60, min % 60);
}

std::chrono::milliseconds parse_duration(const std::string& text, const std::string& flag) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  std::string unit = text.substr(digits);
  static const std::map<std::string, long long> units = {
      {"", 1000}, {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"min", 60'000}, {"h", 3'600'000}};
  auto it = units.find(unit);
  if (digits == 0 || digits > 9 || it == units.end())
    throw Error(fmt::format("{} {}: expected a duration such as 500ms, 30s, 5m or 1h", flag, text));
  long long value = std::stoll(text.substr(0, digits));
  if (value == 0)
    throw Error(fmt::format("{} {}: a limit must be longer than zero (leave the flag out for none)",
                            flag, text));
  return std::chrono::milliseconds(value * it->second);
}

StatementTimer::StatementTimer(const TimeLimits& limits, std::function<void()> cancel) {
  if (!limits.any()) return;
  entry_ = new Entry;
  entry_->cancel = std::move(cancel);
  Clock::time_point now = Clock::now();
  std::optional<Clock::time_point> by_statement;
  if (limits.statement.count() > 0) by_statement = now + limits.statement;
  if (by_statement && (!limits.migration_deadline || *by_statement <= *limits.migration_deadline)) {
    entry_->when = *by_statement;
    entry_->why = fmt::format("cancelled by Crucible after {} (--statement-timeout)",
                              describe_duration(limits.statement));
  } else {
    entry_->when = *limits.migration_deadline;
    entry_->why = limits.migration.count() > 0
                      ? fmt::format("cancelled by Crucible: the migration ran past its {} "
                                    "(--migration-timeout)", describe_duration(limits.migration))
                      : "cancelled by Crucible: the migration ran past its --migration-timeout";
  }
  Watchdog::instance().add(entry_);
}

StatementTimer::~StatementTimer() {
  if (!entry_) return;
  Watchdog::instance().remove(entry_);
  delete entry_;
}

bool StatementTimer::expired() const { return entry_ && Watchdog::instance().expired(entry_); }

std::string StatementTimer::message() const {
  return entry_ ? Watchdog::instance().why(entry_) : std::string();
}

}  // namespace crucible
