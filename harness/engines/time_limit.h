// How long a statement may run, enforced from outside the database session.
//
// A migration can switch off any server-side limit it is given (`SET statement_timeout = 0`,
// `SET max_statement_time = 0`), so Crucible does not rely on one: a watchdog thread of its own
// cancels the statement when its time is up (PostgreSQL PQcancel, MariaDB KILL QUERY from another
// session, SQLite sqlite3_interrupt), and the engine reports the statement as an error naming the
// limit. Engines may also set the server's own setting as a first line of defence.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace crucible {

using Clock = std::chrono::steady_clock;

// The limits in force for the statements of one database session.
struct TimeLimits {
  std::chrono::milliseconds statement{0};  // --statement-timeout; 0: none
  // --migration-timeout: the end of the current migration's forward/reverse/forward.
  std::optional<Clock::time_point> migration_deadline;
  std::chrono::milliseconds migration{0};  // the --migration-timeout itself, for messages

  bool any() const { return statement.count() > 0 || migration_deadline.has_value(); }
};

// "250 ms", "30 s", "5 min", "1 h 30 min".
std::string describe_duration(std::chrono::milliseconds duration);
// Parses "500ms", "30s", "5m", "1h", or a bare number of seconds. Throws crucible::Error.
std::chrono::milliseconds parse_duration(const std::string& text, const std::string& flag);

// Watches one statement for as long as it lives: when its limit passes, calls `cancel` (once,
// from the watchdog thread). The destructor waits for a running `cancel` to return, so after it
// the cancel callback is never called and may refer to objects that die with the statement.
class StatementTimer {
 public:
  StatementTimer(const TimeLimits& limits, std::function<void()> cancel);
  ~StatementTimer();
  StatementTimer(const StatementTimer&) = delete;
  StatementTimer& operator=(const StatementTimer&) = delete;

  // The limit passed and the statement was (or is being) cancelled.
  bool expired() const;
  // Why the statement was cancelled: "cancelled by Crucible after 30 s (--statement-timeout)".
  // Empty when it was not.
  std::string message() const;

  struct Entry;  // the watchdog's record of one timer (time_limit.cc)

 private:
  Entry* entry_ = nullptr;  // owned by the watchdog's table until the destructor removes it
};

}  // namespace crucible
