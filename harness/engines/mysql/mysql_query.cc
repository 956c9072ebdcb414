// MysqlDatabase::query and explicit transactions. With parameters the statement is a server-side
// prepared statement (values bound, never spliced); without, a plain statement, because the
// server cannot prepare every statement (some DDL, DELIMITER-era compound bodies).
#include <cppconn/exception.h>
#include <cppconn/datatype.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>

#include <optional>

#include <fmt/format.h>

#include "harness/engines/mysql/mysql_database.h"
#include "harness/engines/mysql/mysql_execute.h"
#include "harness/engines/mysql/mysql_result_set.h"
#include "harness/engines/placeholders.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

void bind(::sql::PreparedStatement& stmt, unsigned index, const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value))
    stmt.setNull(index, ::sql::DataType::SQLNULL);
  else if (auto* i = std::get_if<int64_t>(&value))
    stmt.setInt64(index, *i);
  else if (auto* d = std::get_if<double>(&value))
    stmt.setDouble(index, *d);
  else
    stmt.setString(index, std::get<std::string>(value));
}

// Runs the statement (prepared when there are values) and reads its first result. Returns
// LAST_INSERT_ID() when it was read on the way (a prepared statement's row count is asked of the
// server, and the id comes in the same round trip).
std::optional<int64_t> run(Connection& connection, const std::string& sql,
                           const std::vector<SqlValue>& params, QueryResult& out) {
  if (params.empty()) {
    std::unique_ptr<::sql::Statement> stmt(connection.native().createStatement());
    bool has_result = stmt->execute(sql);
    if (has_result) {
      std::unique_ptr<::sql::ResultSet> rs(stmt->getResultSet());
      read_result_set(*rs, out);
    } else {
      out.rows_affected = static_cast<int64_t>(stmt->getUpdateCount());
    }
    // CALL may return more result sets: they must be read before the next statement.
    while (stmt->getMoreResults()) std::unique_ptr<::sql::ResultSet> discarded(stmt->getResultSet());
    return std::nullopt;
  }
  std::unique_ptr<::sql::PreparedStatement> stmt(connection.native().prepareStatement(sql));
  for (size_t i = 0; i < params.size(); ++i) bind(*stmt, static_cast<unsigned>(i + 1), params[i]);
  if (stmt->execute()) {
    std::unique_ptr<::sql::ResultSet> rs(stmt->getResultSet());
    read_result_set(*rs, out);
    return std::nullopt;
  }
  // The connector's prepared statements have no getUpdateCount(); the server knows.
  auto counts = connection.query("SELECT ROW_COUNT(), LAST_INSERT_ID()",
                                 "reading ROW_COUNT() and LAST_INSERT_ID()");
  out.rows_affected = counts.at(0).integer(0);
  return counts.at(0).integer(1);
}

// LAST_INSERT_ID() only means something right after an INSERT or REPLACE.
bool inserts(const std::string& sql) {
  for (const sql::Token& token : sql::tokenize(sql, Dialect::mysql)) {
    if (token.kind == sql::TokenKind::whitespace || token.kind == sql::TokenKind::comment) continue;
    return sql::is_word(token, "insert") || sql::is_word(token, "replace");
  }
  return false;
}

}  // namespace

QueryResult MysqlDatabase::query(const Statement& statement, const std::vector<SqlValue>& params) {
  QueryResult out;
  int expected = count_placeholders(statement.sql, Dialect::mysql);
  if (!params.empty() && expected != static_cast<int>(params.size())) {
    out.error = StatementError{fmt::format("the statement has {} parameters, {} values were given",
                                           expected, params.size()),
                               "07001", statement.where, statement.sql};
    return out;
  }
  StatementTimer timer(time_limits(), canceller(*connection_));
  try {
    std::optional<int64_t> last_id;
    noting_created(statement.sql, [&] { last_id = run(*connection_, statement.sql, params, out); });
    if (timer.expired()) {
      out = QueryResult{};
      out.error = cancelled_error(timer, std::nullopt, statement);
      return out;
    }
    if (out.columns.empty() && out.rows_affected > 0 && inserts(statement.sql)) {
      if (!last_id) {
        auto id = connection_->query("SELECT LAST_INSERT_ID()", "reading LAST_INSERT_ID()");
        if (!id.empty()) last_id = id[0].integer(0);
      }
      if (last_id && *last_id != 0) out.last_insert_id = *last_id;
    }
  } catch (const ::sql::SQLException& e) {
    if (Connection::is_lost(e.getErrorCode()))
      throw Error(fmt::format("{}: lost the connection: {}", connection_->label(), e.what()));
    ServerError error{e.getErrorCode(), e.getSQLState(), e.what()};
    out = QueryResult{};
    out.error = timer.expired() ? cancelled_error(timer, error, statement)
                                : StatementError{error.message() + mysql8_hint(*connection_, error),
                                                 error.sqlstate, statement.where, statement.sql};
    unqualify_error(out.error, name_);
  }
  return out;
}

void MysqlDatabase::begin() { control("START TRANSACTION"); }
void MysqlDatabase::commit() { control("COMMIT"); }
void MysqlDatabase::rollback() { control("ROLLBACK"); }

void MysqlDatabase::control(const char* sql) {
  if (!scratch_)
    throw Error(fmt::format("{}: refusing to modify a database Crucible did not create: {}",
                            connection_->label(), name_));
  connection_->run(sql, sql);
}

}  // namespace crucible::mysql
