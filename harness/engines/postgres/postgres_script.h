// Running a migration script on PostgreSQL.
//
// A transactional script runs between BEGIN and COMMIT, each statement as its own simple query;
// on the first error the transaction is rolled back, so the database is as it was. Statements
// that refuse to run inside a transaction block (SQLSTATE 25001: CREATE INDEX CONCURRENTLY,
// VACUUM, ...) make the whole script run again outside a transaction, marked non-atomic with a
// note. Scripts that ask for no transaction run in autocommit, statement by statement.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "harness/engines/engine.h"

namespace crucible::postgres {

// Never throws for a statement error (that is in the result); throws crucible::Error when the
// connection is lost, naming `context` (the engine and database). Each statement runs under a
// StatementTimer with `limits`: one that runs out is cancelled and is the script's error.
ExecResult run_script(pqxx::connection& connection, const Script& script,
                      const std::string& context, const TimeLimits& limits);

// The same inside a transaction the caller holds open (Database::begin()): the script runs in a
// savepoint, released on success (deferred constraints checked first, as its COMMIT would) and
// rolled back to on error. What cannot run inside the caller's transaction — a script marked to
// run outside one, a statement that ends the transaction itself, one the server refuses there
// (SQLSTATE 25001) — runs nothing and is an error with SQLSTATE 25001, so that the caller can
// run it elsewhere. `prologue` (control statements the caller deferred, see with_prologue) is
// sent with the savepoint, or alone when the script runs nothing.
ExecResult run_script_nested(pqxx::connection& connection, const Script& script,
                             const std::string& context, const TimeLimits& limits,
                             const std::vector<std::string>& prologue = {});

// Runs `work` (one statement on `connection`) under a StatementTimer that cancels it when
// `limits` run out. When it was cancelled, the server's error text is returned prefixed with the
// timer's reason ("cancelled by Crucible after 30 s (--statement-timeout): canceling statement
// due to user request"); otherwise the text as it is.
class TimedStatement {
 public:
  TimedStatement(pqxx::connection& connection, const TimeLimits& limits);
  std::string explain(const std::string& server_text) const;

 private:
  StatementTimer timer_;
};

}  // namespace crucible::postgres
