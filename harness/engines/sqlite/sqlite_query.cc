// SqliteDatabase::query and explicit transactions: one statement, `?` bound with sqlite3_bind_*.
#include <fmt/format.h>

#include "harness/engines/sqlite/sqlite_database.h"
#include "harness/sql/lexer.h"

namespace crucible::sqlite {

void bind_value(sqlite3_stmt* stmt, int index, const SqlValue& value,
                sqlite3_destructor_type lifetime) {
  if (std::holds_alternative<std::nullptr_t>(value))
    sqlite3_bind_null(stmt, index);
  else if (auto* i = std::get_if<int64_t>(&value))
    sqlite3_bind_int64(stmt, index, *i);
  else if (auto* d = std::get_if<double>(&value))
    sqlite3_bind_double(stmt, index, *d);
  else {
    const std::string& s = std::get<std::string>(value);
    sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), lifetime);
  }
}

namespace {

SqlValue column_value(sqlite3_stmt* stmt, int column) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_NULL: return nullptr;
    case SQLITE_INTEGER: return static_cast<int64_t>(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, column);
    default: {
      const void* data = sqlite3_column_blob(stmt, column);
      int size = sqlite3_column_bytes(stmt, column);
      return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
    }
  }
}

}  // namespace

QueryResult SqliteDatabase::query(const Statement& statement, const std::vector<SqlValue>& params) {
  QueryResult result;
  auto fail = [&](std::string message, int code) {
    result.error = StatementError{std::move(message), result_code_name(code), statement.where,
                                  statement.sql};
    return result;
  };
  containment_.take_refusal();
  StatementTimer timer(time_limits(), [db = db_.get()] { sqlite3_interrupt(db); });
  auto failed = [&] {
    result.error = statement_error(statement, timer);
    return result;
  };
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(db_.get(), statement.sql.c_str(), -1, &stmt, &tail) != SQLITE_OK)
    return failed();
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
  if (!stmt) return result;  // only whitespace or comments
  if (tail && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos)
    return fail("query() runs one statement; the text holds more than one", SQLITE_MISUSE);
  // SQLite ends a /* comment left open at the end of the text without a word, so
  // `CREATE TABLE a (…) /* … CREATE INDEX …` ran the CREATE alone and passed (Lua DSL text).
  if (statement.sql.find("/*") != std::string::npos) {
    std::vector<sql::Token> tokens = sql::tokenize(statement.sql, Dialect::sqlite);
    if (!tokens.empty() && !tokens.back().unterminated.empty())
      return fail(std::string(tokens.back().unterminated), SQLITE_ERROR);
  }
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size()))
    return fail(fmt::format("the statement has {} parameters, {} values were given", expected,
                            params.size()), SQLITE_RANGE);
  for (size_t i = 0; i < params.size(); ++i)
    bind_value(stmt, static_cast<int>(i + 1), params[i]);

  const int columns = sqlite3_column_count(stmt);
  for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    auto& row = result.rows.emplace_back();
    for (int c = 0; c < columns; ++c) row.push_back(column_value(stmt, c));
  }
  if (rc != SQLITE_DONE) return failed();
  if (!sqlite3_stmt_readonly(stmt)) {
    result.rows_affected = sqlite3_changes(db_.get());
    if (result.rows_affected > 0) result.last_insert_id = sqlite3_last_insert_rowid(db_.get());
  }
  return result;
}

// Nested begin()s are savepoints, so that a caller's transaction (the data check's) can hold
// code that opens its own (the row generator's per-table transaction). The connection's own
// autocommit flag says whether a transaction is open: a program that ends one with a COMMIT
// statement leaves no stale count behind.
void SqliteDatabase::begin() {
  if (sqlite3_get_autocommit(db_.get())) {
    savepoints_ = 0;
    control_or_throw("BEGIN");
    return;
  }
  control_or_throw(fmt::format("SAVEPOINT crucible_nested_{}", ++savepoints_).c_str());
}

void SqliteDatabase::commit() {
  if (savepoints_ == 0 || sqlite3_get_autocommit(db_.get())) {
    savepoints_ = 0;
    control_or_throw("COMMIT");
    return;
  }
  control_or_throw(fmt::format("RELEASE crucible_nested_{}", savepoints_--).c_str());
}

void SqliteDatabase::rollback() {
  if (savepoints_ == 0 || sqlite3_get_autocommit(db_.get())) {
    savepoints_ = 0;
    control_or_throw("ROLLBACK");
    return;
  }
  control_or_throw(fmt::format("ROLLBACK TO crucible_nested_{}", savepoints_).c_str());
  control_or_throw(fmt::format("RELEASE crucible_nested_{}", savepoints_--).c_str());
}

void SqliteDatabase::control_or_throw(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message) == SQLITE_OK) return;
  std::string text = message ? message : sqlite3_errmsg(db_.get());
  sqlite3_free(message);
  throw Error(fmt::format("sqlite {}: {} failed: {}", path_, sql, text));
}

}  // namespace crucible::sqlite
