#include "harness/engines/mysql/mysql_execute.h"

#include <fmt/format.h>

#include "harness/engines/mysql/mysql_implicit_commit.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

// ER_PARSE_ERROR: the statement was rejected before it ran, so it committed nothing.
constexpr int kParseError = 1064;

// "CREATE TABLE", "ALTER TABLE": how the note names a statement.
std::string leading_keywords(const std::string& statement) {
  std::string words;
  int count = 0;
  for (const sql::Token& token : sql::tokenize(statement, crucible::Dialect::mysql)) {
    if (token.kind != sql::TokenKind::word) continue;
    std::string word(token.text);
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    words += (words.empty() ? "" : " ") + word;
    if (++count == 2) break;
  }
  return words;
}

const Statement* first_implicit_commit(const Script& script) {
  for (const Statement& statement : script.statements)
    if (commits_implicitly(statement.sql)) return &statement;
  return nullptr;
}

std::string non_atomic_note(const Script& script, const std::string& engine) {
  if (!script.transactional) return "ran outside a transaction, as the script asks";
  if (const Statement* commit = first_implicit_commit(script))
    return fmt::format("not atomic: {} ({}) commits implicitly on {}",
                       leading_keywords(commit->sql), commit->where.str(), engine);
  return "";
}

}  // namespace

StatementError cancelled_error(const StatementTimer& timer, const std::optional<ServerError>& error,
                               const Statement& statement) {
  // ER_QUERY_INTERRUPTED, SQLSTATE 70100: what the server reports for KILL QUERY.
  ServerError cause = error.value_or(ServerError{1317, "70100", "Query execution was interrupted"});
  return StatementError{fmt::format("{}: {}", timer.message(), cause.message()), cause.sqlstate,
                        statement.where, statement.sql};
}

ExecResult execute_script(Connection& connection, const Script& script, const TimeLimits& limits,
                          const std::function<void()>& cancel) {
  ExecResult result;
  result.note = non_atomic_note(script, connection.dialect().engine);
  result.atomic = result.note.empty();
  const bool in_transaction = script.transactional;
  if (in_transaction) connection.run("START TRANSACTION", "starting a transaction");

  bool committed = false;  // a statement that commits implicitly has run
  for (const Statement& statement : script.statements) {
    std::optional<ServerError> error;
    std::optional<StatementError> cancelled;
    {
      StatementTimer timer(limits, cancel);
      error = connection.try_run(statement.sql);
      if (timer.expired()) cancelled = cancelled_error(timer, error, statement);
    }
    if (cancelled && !error) error = ServerError{1317, "70100", "interrupted"};
    // A statement that commits implicitly commits before it runs, even when it then fails
    // (DROP TABLE a, b drops a and then fails on b) — unless it never got past the parser.
    if (commits_implicitly(statement.sql) && !(error && error->code == kParseError))
      committed = true;
    if (error) {
      result.error = cancelled ? *cancelled
                               : StatementError{error->message() + mysql8_hint(connection, *error),
                                                error->sqlstate, statement.where, statement.sql};
      if (in_transaction) connection.run("ROLLBACK", "rolling back the failed script");
      result.rolled_back = in_transaction && !committed;
      return result;
    }
    ++result.statements_run;
  }
  if (in_transaction) connection.run("COMMIT", "committing the script");
  return result;
}

void unqualify_error(std::optional<StatementError>& error, const std::string& database) {
  if (!error || database.empty()) return;
  std::string& message = error->message;
  const std::string prefix = database + ".";
  for (size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at))
    message.erase(at, prefix.size());
}

}  // namespace crucible::mysql
