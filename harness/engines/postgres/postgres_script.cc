#include "harness/engines/postgres/postgres_script.h"

#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/sql/lexer.h"

namespace crucible::postgres {
namespace {

constexpr char kCannotRunInTransaction[] = "25001";

// One simple query, outside any transaction object of libpqxx's: we issue BEGIN, COMMIT and
// ROLLBACK ourselves, so that the fallback to autocommit uses the very same path.
void exec_simple(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction tx(connection);
  tx.exec(sql);
}

// Runs one statement; the server's rejection (or Crucible's cancel) comes back as a
// StatementError.
std::optional<StatementError> run_statement(pqxx::connection& connection, const Statement& s,
                                            const TimeLimits& limits) {
  TimedStatement timed(connection, limits);
  try {
    exec_simple(connection, s.sql);
    return std::nullopt;
  } catch (const pqxx::sql_error& e) {
    // A terminated session (admin shutdown, crash) also arrives as an SQL error: not a result.
    if (!connection.is_open()) throw pqxx::broken_connection(e.what());
    return StatementError{timed.explain(message_of(e)), sqlstate_of(e), s.where, s.sql};
  }
}

}  // namespace

namespace {

ExecResult run_in_transaction(pqxx::connection& connection, const Script& script,
                              const TimeLimits& limits) {
  ExecResult result;
  exec_simple(connection, "BEGIN");
  const auto& statements = script.statements;
  for (size_t i = 0; i < statements.size(); ++i) {
    if (auto error = run_statement(connection, statements[i], limits)) {
      exec_simple(connection, "ROLLBACK");
      result.error = std::move(error);
      // Only what ran since the script's own last COMMIT was undone.
      result.rolled_back = result.atomic;
      return result;
    }
    ++result.statements_run;
    // The script ended our transaction itself (sqitch-style files carry their own BEGIN ...
    // COMMIT): what follows runs in autocommit, and a later error cannot undo what came before.
    if (sql::ends_transaction(statements[i].sql, Dialect::postgres) && i + 1 < statements.size())
      result.atomic = false;
  }
  // Deferred constraints are checked here: a failing COMMIT is the script's error too.
  Statement commit{"COMMIT", SourceLocation{script.file, 0}};
  if (auto error = run_statement(connection, commit, limits)) {
    result.error = std::move(error);
    result.rolled_back = result.atomic;  // a failed COMMIT leaves nothing of its transaction
  }
  return result;
}

ExecResult run_autocommit(pqxx::connection& connection, const Script& script,
                          const TimeLimits& limits) {
  ExecResult result;
  result.atomic = false;
  for (const Statement& statement : script.statements) {
    if (auto error = run_statement(connection, statement, limits)) {
      result.error = std::move(error);
      return result;  // earlier statements stay committed: nothing was rolled back
    }
    ++result.statements_run;
  }
  return result;
}

std::string first_line(const std::string& text) {
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  auto end = text.find_first_of("\r\n", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

ExecResult run(pqxx::connection& connection, const Script& script, const TimeLimits& limits) {
  if (!script.transactional) return run_autocommit(connection, script, limits);
  ExecResult result = run_in_transaction(connection, script, limits);
  if (!result.error || result.error->sqlstate != kCannotRunInTransaction || !result.rolled_back)
    return result;
  // Rolled back, so nothing ran yet: run it all again the only way the server accepts.
  std::string culprit = first_line(result.error->statement);
  result = run_autocommit(connection, script, limits);
  result.note = fmt::format("ran outside a transaction: {} cannot run inside a transaction block",
                            culprit);
  return result;
}

constexpr char kNestedSavepoint[] = "crucible_script";

ExecResult refused_in_transaction(const Script& script, const Statement* statement,
                                  std::string why) {
  ExecResult result;
  SourceLocation where = statement ? statement->where : SourceLocation{script.file, 0};
  result.error = StatementError{fmt::format("cannot run inside the caller's transaction: {}", why),
                                kCannotRunInTransaction, where, statement ? statement->sql : ""};
  result.rolled_back = true;  // nothing ran
  return result;
}

// Why `script` cannot run inside the caller's transaction, if it cannot.
std::optional<ExecResult> refusal_of(const Script& script) {
  if (!script.transactional)
    return refused_in_transaction(script, nullptr, "the script asks to run outside a transaction");
  for (const Statement& statement : script.statements)
    if (sql::ends_transaction(statement.sql, Dialect::postgres))
      return refused_in_transaction(script, &statement, "the script ends the transaction itself");
  return std::nullopt;
}

ExecResult run_in_savepoint(pqxx::connection& connection, const Script& script,
                            const TimeLimits& limits, const std::vector<std::string>& prologue) {
  if (auto refused = refusal_of(script)) {
    if (!prologue.empty()) exec_simple(connection, with_prologue(prologue, ""));
    return *refused;
  }
  ExecResult result;
  exec_simple(connection, with_prologue(prologue, fmt::format("SAVEPOINT {}", kNestedSavepoint)));
  std::vector<Statement> statements = script.statements;
  // Deferred constraints are checked where the script's own COMMIT would check them, in a
  // savepoint of its own rolled back once they pass: SET CONSTRAINTS lasts until the end of the
  // transaction, and a later script in the caller's (verify's round trip: the re-apply after the
  // reverse) must defer what its constraints declare deferred. Sent with the RELEASE of the
  // script's savepoint, in one round trip.
  statements.push_back(Statement{
      fmt::format("SAVEPOINT crucible_check; SET CONSTRAINTS ALL IMMEDIATE; "
                  "ROLLBACK TO SAVEPOINT crucible_check; RELEASE SAVEPOINT crucible_check; "
                  "RELEASE SAVEPOINT {}", kNestedSavepoint),
      SourceLocation{script.file, 0}});
  for (size_t i = 0; i < statements.size(); ++i) {
    if (auto error = run_statement(connection, statements[i], limits)) {
      exec_simple(connection, fmt::format("ROLLBACK TO SAVEPOINT {0}; RELEASE SAVEPOINT {0}",
                                          kNestedSavepoint));
      if (i + 1 == statements.size()) error->statement = "SET CONSTRAINTS ALL IMMEDIATE";
      result.error = std::move(error);
      result.rolled_back = true;
      return result;
    }
    if (i + 1 < statements.size()) ++result.statements_run;
  }
  return result;
}

template <typename Run>
ExecResult guarded(pqxx::connection& connection, const Script& script, const std::string& context,
                   Run run) {
  try {
    return run();
  } catch (const pqxx::broken_connection& e) {
    throw Error(fmt::format("{}: lost the connection while running {}: {}", context, script.file,
                            message_of(e)));
  } catch (const pqxx::sql_error& e) {
    // Only BEGIN, SAVEPOINT or ROLLBACK themselves can get here: the session is unusable.
    throw Error(fmt::format("{}: cannot run {}: {}", context, script.file, message_of(e)));
  } catch (const pqxx::failure& e) {
    throw Error(fmt::format("{}: cannot run {}: {}", context, script.file, message_of(e)));
  }
}

}  // namespace

TimedStatement::TimedStatement(pqxx::connection& connection, const TimeLimits& limits)
    // cancel_query() sends PQcancel on a connection of its own: safe from the watchdog thread.
    : timer_(limits, [&connection] { connection.cancel_query(); }) {}

std::string TimedStatement::explain(const std::string& server_text) const {
  if (!timer_.expired()) return server_text;
  return fmt::format("{}: {}", timer_.message(), server_text);
}

ExecResult run_script(pqxx::connection& connection, const Script& script,
                      const std::string& context, const TimeLimits& limits) {
  return guarded(connection, script, context, [&] { return run(connection, script, limits); });
}

ExecResult run_script_nested(pqxx::connection& connection, const Script& script,
                             const std::string& context, const TimeLimits& limits,
                             const std::vector<std::string>& prologue) {
  return guarded(connection, script, context,
                 [&] { return run_in_savepoint(connection, script, limits, prologue); });
}

}  // namespace crucible::postgres
