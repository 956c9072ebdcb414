// Running a migration script on MySQL/MariaDB.
//
// Statements run one at a time (never as a multi-statement batch) inside
// START TRANSACTION ... COMMIT, so that a script of plain DML is all or nothing. DDL commits
// implicitly on these servers: a script containing any is reported as not atomic, and a failure
// after one cannot be rolled back — ExecResult says so instead of pretending.
#pragma once

#include "harness/engines/engine.h"
#include "harness/engines/time_limit.h"
#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

// Stops at the first failing statement. Each statement runs under a StatementTimer of `limits`
// that calls `cancel` when it runs too long. Throws crucible::Error only when the connection is
// lost.
ExecResult execute_script(Connection& connection, const Script& script, const TimeLimits& limits,
                          const std::function<void()>& cancel);

// The error of a statement that `timer` cancelled: the timer's reason, then what the server said
// (a cancelled SLEEP() returns normally: `error` may be empty).
StatementError cancelled_error(const StatementTimer& timer, const std::optional<ServerError>& error,
                               const Statement& statement);

// The server names tables as 'crucible_1a2b3c4d_2.orders' in its messages; the scratch name
// changes every run, so it is removed: messages stay comparable across runs and shards.
void unqualify_error(std::optional<StatementError>& error, const std::string& database);

}  // namespace crucible::mysql
