#include "harness/checks/verify_script.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <variant>

#include "harness/checks/check_names.h"
#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible {
namespace {

// `SELECT <number> / …`: the first result column is a division meant to fail on zero.
bool selects_a_division(const std::string& sql, Dialect dialect) {
  std::vector<const sql::Token*> words;
  std::vector<sql::Token> tokens = sql::tokenize(sql, dialect);
  for (const sql::Token& token : tokens) {
    if (token.kind == sql::TokenKind::whitespace || token.kind == sql::TokenKind::comment) continue;
    words.push_back(&token);
    if (words.size() == 3) break;
  }
  return words.size() == 3 && sql::is_word(*words[0], "SELECT") &&
         words[1]->kind == sql::TokenKind::number && words[2]->kind == sql::TokenKind::op &&
         words[2]->text.starts_with("/");
}

bool first_value_is_null(const QueryResult& result) {
  return !result.rows.empty() && !result.rows.front().empty() &&
         std::holds_alternative<std::nullptr_t>(result.rows.front().front());
}

// sqitch's MySQL idiom `SELECT sqitch.checkit(COUNT(*), 'message') FROM …` calls a function of
// sqitch's registry database, which a scratch database has not: the call becomes
// IF(<value>, 1, NULL), and a NULL in the result fails the check with the message.
struct Checkit {
  std::string sql;
  std::string message;
};

std::optional<Checkit> rewrite_checkit(const std::string& sql) {
  std::vector<sql::Token> words = sql::significant_tokens(sql, Dialect::mysql);
  for (size_t i = 0; i + 3 < words.size(); ++i) {
    if (!sql::is_word(words[i], "sqitch") || words[i + 1].text != "." ||
        !sql::is_word(words[i + 2], "checkit") || !words[i + 3].text.starts_with("("))
      continue;
    size_t open = words[i + 3].offset, comma = std::string::npos, close = std::string::npos;
    int depth = 0;
    for (size_t j = i + 3; j < words.size() && close == std::string::npos; ++j) {
      if (words[j].kind != sql::TokenKind::op) continue;
      for (size_t k = 0; k < words[j].text.size(); ++k) {
        char c = words[j].text[k];
        size_t at = words[j].offset + k;
        if (c == '(') ++depth;
        if (c == ')' && --depth == 0) { close = at; break; }
        if (c == ',' && depth == 1 && comma == std::string::npos) comma = at;
      }
    }
    if (comma == std::string::npos || close == std::string::npos) return std::nullopt;
    std::string message = sql.substr(comma + 1, close - comma - 1);
    message.erase(0, message.find_first_not_of(" \t\r\n"));
    message.erase(message.find_last_not_of(" \t\r\n") + 1);
    if (message.size() >= 2 && message.front() == '\'' && message.back() == '\'')
      message = message.substr(1, message.size() - 2);
    return Checkit{sql.substr(0, words[i].offset) + "IF(" + sql.substr(open + 1, comma - open - 1) +
                       ", 1, NULL)" + sql.substr(close + 1),
                   message};
  }
  return std::nullopt;
}

bool any_null(const QueryResult& result) {
  for (const auto& row : result.rows)
    for (const SqlValue& value : row)
      if (std::holds_alternative<std::nullptr_t>(value)) return true;
  return false;
}

// Rolls back whatever the verify script did, even when it failed half-way.
class RolledBack {
 public:
  explicit RolledBack(Database& db) : db_(db) { db_.begin(); }
  ~RolledBack() {
    try {
      db_.rollback();
    } catch (const Error&) {
      // The script ended the transaction itself (a COMMIT mid-script): nothing to roll back.
    }
  }
  RolledBack(const RolledBack&) = delete;
  RolledBack& operator=(const RolledBack&) = delete;

 private:
  Database& db_;
};

}  // namespace

VerifyOutcome run_verify_script(Database& db, const Script& script, Dialect dialect) {
  VerifyOutcome outcome;
  if (script.defect) {
    outcome.failure = StatementError{script.defect->message, "", script.defect->where, ""};
    return outcome;
  }
  RolledBack transaction(db);
  for (const Statement& written : script.statements) {
    std::optional<Checkit> checkit;
    if (dialect == Dialect::mysql) checkit = rewrite_checkit(written.sql);
    Statement statement = written;
    if (checkit) statement.sql = checkit->sql;
    QueryResult result = db.query(statement);
    if (!result.ok()) {
      outcome.failure = std::move(result.error);
      if (checkit) outcome.failure->statement = written.sql;
      return outcome;
    }
    if (checkit && any_null(result)) {
      outcome.failure = StatementError{fmt::format("sqitch.checkit: {}", checkit->message), "",
                                       written.where, written.sql};
      return outcome;
    }
    if (dialect != Dialect::postgres && selects_a_division(statement.sql, dialect) &&
        first_value_is_null(result)) {
      outcome.failure = StatementError{
          "the division came out NULL: a division by zero, which the engine does not raise "
          "(the `SELECT 1/COUNT(*)` idiom: nothing was found)",
          "", statement.where, statement.sql};
      return outcome;
    }
    ++outcome.statements_run;
  }
  return outcome;
}

namespace {

Result* verify_result(std::vector<Result>& pending) {
  auto it = std::find_if(pending.begin(), pending.end(),
                         [](const Result& r) { return r.check == check::kVerify; });
  return it == pending.end() ? nullptr : &*it;
}

void fail(Result& r, const char* step, const StatementError& failure) {
  r.status = Status::fail;
  r.message = fmt::format("{}: {}", step, failure.message);
  r.location = failure.where;
  r.sqlstate = failure.sqlstate;
  r.statement = failure.statement;
}

}  // namespace

std::optional<std::string> check_verify_script(Database& db, EngineKind engine, const Migration& m,
                                               const EngineScripts& scripts, VerifyMoment moment,
                                               std::vector<Result>& pending) {
  if (!scripts.verify) return std::nullopt;
  const Script& script = *scripts.verify;
  auto start = std::chrono::steady_clock::now();
  VerifyOutcome outcome = run_verify_script(db, script, dialect_of(engine));
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Result* existing = verify_result(pending);
  switch (moment) {
    case VerifyMoment::after_forward: {
      Result& r = pending.emplace_back(
          result_for(std::string(engine_name(engine)), m, check::kVerify, Status::pass, ""));
      r.duration_ms = ms;
      r.location = SourceLocation{script.file, 0};
      if (outcome.passed())
        r.message = script.file + " succeeded after the forward";
      else
        fail(r, "after forward", *outcome.failure);
      return std::nullopt;
    }
    case VerifyMoment::after_second_forward:
      if (!existing || existing->status != Status::pass) return std::nullopt;
      existing->duration_ms += ms;
      if (outcome.passed()) {
        // Keeps the note the reverse may have added.
        const std::string once = " succeeded after the forward";
        if (size_t at = existing->message.find(once); at != std::string::npos)
          existing->message.insert(at + once.size(), " and the second forward");
      } else
        fail(*existing, "after second forward", *outcome.failure);
      return std::nullopt;
    case VerifyMoment::after_reverse: {
      if (!outcome.passed()) return std::nullopt;  // as it should: the change is gone
      std::string note = fmt::format(
          "{} still succeeds after the reverse: a weak verify script, or a reverse that leaves "
          "the change's work behind", script.file);
      if (existing) existing->message += "; note: " + note;
      return fmt::format("{}: {}", m.version, note);
    }
  }
  return std::nullopt;
}

}  // namespace crucible
