// The `verify` check's step: running a migration's verify script (sqitch's verify/<change>.sql)
// against the database as it is, changing nothing. The verify loop runs it after each forward
// (it must succeed) and after the reverse (succeeding there is a note: a weak verify script, or a
// reverse that leaves the change's work behind).
#pragma once

#include <optional>
#include <string>

#include "harness/checks/result.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

struct VerifyOutcome {
  // nullopt: the script succeeded. Otherwise why not: the engine's error at the statement's
  // file:line, or Crucible's own words for an idiom the engine does not raise on.
  std::optional<StatementError> failure;
  int statements_run = 0;

  bool passed() const { return !failure; }
};

// Runs every statement of `script` in one transaction that is always rolled back, stopping at
// the first error. sqitch's `SELECT 1/COUNT(*) …` idiom raises division by zero on PostgreSQL
// only; on SQLite, MySQL and MariaDB it yields NULL, which counts as the failure it means there.
// On MySQL and MariaDB, sqitch's `sqitch.checkit(value, 'message')` (a function of sqitch's
// registry) is evaluated in place: a zero or NULL value fails with the message.
// Throws crucible::Error only when the connection is lost.
VerifyOutcome run_verify_script(Database& db, const Script& script, Dialect dialect);

// When the verify loop runs a migration's verify script.
enum class VerifyMoment { after_forward, after_reverse, after_second_forward };

// The `verify` check at one moment of migration `m` on `engine` (nothing when the migration has
// no verify script). `pending` holds the migration's results so far: after the forward this
// adds the `verify` result (pass, or fail with the engine's message at the statement's
// file:line); after the second forward a failure fails it. After the reverse a success is not a
// failure but a note, which is added to the result's message and returned for the engine notes.
std::optional<std::string> check_verify_script(Database& db, EngineKind engine, const Migration& m,
                                               const EngineScripts& scripts, VerifyMoment moment,
                                               std::vector<Result>& pending);

}  // namespace crucible
