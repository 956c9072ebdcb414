#include "harness/engines/odbc/odbc_connection.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"

namespace crucible::odbc {
namespace {

bool succeeded(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

// A bound parameter's buffer, alive until the statement ran.
struct Bound {
  SQLLEN indicator = 0;
  int64_t integer = 0;
  double real = 0;
  std::string text;
};

SQLRETURN bind(SQLHSTMT stmt, SQLUSMALLINT number, const SqlValue& value, Bound& bound,
               bool integers_as_text) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    bound.indicator = SQL_NULL_DATA;
    return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 1, 0, nullptr,
                            0, &bound.indicator);
  }
  if (auto* i = std::get_if<int64_t>(&value); i && integers_as_text) {
    bound.text = std::to_string(*i);
    bound.indicator = static_cast<SQLLEN>(bound.text.size());
    return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                            bound.text.size(), 0, bound.text.data(), bound.indicator,
                            &bound.indicator);
  }
  if (auto* i = std::get_if<int64_t>(&value)) {
    bound.integer = *i;
    return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0,
                            &bound.integer, 0, nullptr);
  }
  if (auto* d = std::get_if<double>(&value)) {
    bound.real = *d;
    return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0,
                            &bound.real, 0, nullptr);
  }
  bound.text = std::get<std::string>(value);
  bound.indicator = static_cast<SQLLEN>(bound.text.size());
  return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                          std::max<SQLULEN>(1, bound.text.size()), 0, bound.text.data(),
                          bound.indicator, &bound.indicator);
}

bool is_integer_type(SQLSMALLINT type) {
  return type == SQL_INTEGER || type == SQL_SMALLINT || type == SQL_TINYINT ||
         type == SQL_BIGINT || type == SQL_BIT;
}

bool is_real_type(SQLSMALLINT type) {
  return type == SQL_REAL || type == SQL_FLOAT || type == SQL_DOUBLE;
}

// One column of the current row as text, however long; nullopt for NULL.
std::optional<std::string> text_of(SQLHSTMT stmt, SQLUSMALLINT column, SQLRETURN& rc) {
  std::string out;
  char buffer[4096];
  for (;;) {
    SQLLEN length = 0;
    rc = SQLGetData(stmt, column, SQL_C_CHAR, buffer, sizeof buffer, &length);
    if (rc == SQL_NO_DATA) break;
    if (!succeeded(rc)) return std::nullopt;
    if (length == SQL_NULL_DATA) return std::nullopt;
    size_t got = length == SQL_NO_TOTAL || length >= static_cast<SQLLEN>(sizeof buffer)
                     ? sizeof buffer - 1
                     : static_cast<size_t>(length);
    out.append(buffer, got);
    if (rc == SQL_SUCCESS) break;  // SQL_SUCCESS_WITH_INFO (01004): more to come
  }
  rc = SQL_SUCCESS;
  return out;
}

SqlValue value_of(const std::optional<std::string>& text, SQLSMALLINT type) {
  if (!text) return nullptr;
  try {
    if (is_integer_type(type)) return static_cast<int64_t>(std::stoll(*text));
    if (is_real_type(type)) return std::stod(*text);
  } catch (const std::exception&) {
    // A driver that spells a boolean "t": keep its text.
  }
  return *text;
}

}  // namespace

Diagnostics diagnostics_of(SQLSMALLINT handle_type, SQLHANDLE handle) {
  Diagnostics out;
  for (SQLSMALLINT record = 1;; ++record) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR text[2048] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetDiagRec(handle_type, handle, record, state, &native, text, sizeof text,
                                 &length);
    if (!succeeded(rc)) break;
    if (out.sqlstate.empty()) out.sqlstate = reinterpret_cast<char*>(state);
    std::string message = reinterpret_cast<char*>(text);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    out.message += fmt::format("{}{} (SQLSTATE {}, native {})", out.message.empty() ? "" : "; ",
                               message, reinterpret_cast<char*>(state), native);
  }
  if (out.message.empty()) out.message = "the driver gave no diagnostics";
  out.message = redact_secrets(out.message);
  return out;
}

Connection::Connection(const std::string& connection_string, std::string label)
    : label_(std::move(label)) {
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
  SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
  SQLSetConnectAttr(dbc_, SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(5), 0);
  SQLRETURN rc = SQLDriverConnect(
      dbc_, nullptr, reinterpret_cast<SQLCHAR*>(const_cast<char*>(connection_string.c_str())),
      SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
  if (!succeeded(rc)) {
    Diagnostics why = diagnostics_of(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
    std::string hint;
    if (why.sqlstate == "IM002" || why.sqlstate == "01000")
      hint = "; the ODBC driver or data source is not installed (`odbcinst -q -d` lists drivers, "
             "`odbcinst -q -s` data sources)";
    throw Error(fmt::format("{}: cannot connect: {}{}", label_, why.message, hint));
  }
}

Connection::~Connection() {
  if (!autocommit_) SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK);
  SQLDisconnect(dbc_);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
  SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

std::string Connection::info(SQLUSMALLINT what) {
  char buffer[512] = {0};
  SQLSMALLINT length = 0;
  if (!succeeded(SQLGetInfo(dbc_, what, buffer, sizeof buffer, &length)))
    throw Error(fmt::format("{}: SQLGetInfo: {}", label_,
                            diagnostics_of(SQL_HANDLE_DBC, dbc_).message));
  return buffer;
}

QueryResult Connection::run(const Statement& statement, const std::vector<SqlValue>& params,
                            const TimeLimits& limits) {
  QueryResult result;
  touched_no_row_ = false;
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &stmt)))
    throw Error(fmt::format("{}: cannot make a statement: {}", label_,
                            diagnostics_of(SQL_HANDLE_DBC, dbc_).message));
  auto fail = [&](const Diagnostics& why) {
    result.error = StatementError{why.message, why.sqlstate, statement.where, statement.sql};
  };
  if (limits.statement.count() > 0) {
    // The driver's own limit as a first line of defence, a second after the watchdog's.
    auto seconds = std::chrono::ceil<std::chrono::seconds>(limits.statement).count() + 1;
    SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(seconds), 0);
  }
  std::vector<Bound> bound(params.size());
  for (size_t i = 0; i < params.size() && !result.error; ++i)
    if (!succeeded(bind(stmt, static_cast<SQLUSMALLINT>(i + 1), params[i], bound[i], integers_as_text_)))
      fail(diagnostics_of(SQL_HANDLE_STMT, stmt));
  if (!result.error) {
    {
      std::lock_guard lock(running_mutex_);
      running_ = stmt;
    }
    SQLRETURN rc;
    std::string expired;
    {
      StatementTimer timer(limits, [this] { cancel(); });
      rc = SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(statement.sql.c_str())),
                         static_cast<SQLINTEGER>(statement.sql.size()));
      if (timer.expired()) expired = timer.message();
    }
    {
      std::lock_guard lock(running_mutex_);
      running_ = SQL_NULL_HSTMT;
    }
    touched_no_row_ = rc == SQL_NO_DATA;
    if (!succeeded(rc) && rc != SQL_NO_DATA) {
      Diagnostics why = diagnostics_of(SQL_HANDLE_STMT, stmt);
      if (!expired.empty()) why.message = expired + ": " + why.message;
      fail(why);
    } else if (!expired.empty()) {
      fail({"57014", expired});
    } else {
      SQLLEN count = 0;
      if (rc != SQL_NO_DATA && succeeded(SQLRowCount(stmt, &count)) && count > 0)
        result.rows_affected = count;
      Diagnostics why;
      if (rc != SQL_NO_DATA && !fetch_all(stmt, result, why)) fail(why);
    }
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return result;
}

bool fetch_all(SQLHSTMT stmt, QueryResult& result, Diagnostics& error) {
  SQLSMALLINT count = 0;
  SQLNumResultCols(stmt, &count);
  if (count > 0) {
    std::vector<SQLSMALLINT> types(count);
    for (SQLUSMALLINT c = 1; c <= count; ++c) {
      SQLCHAR name[256] = {0};
      SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
      SQLULEN size = 0;
      SQLDescribeCol(stmt, c, name, sizeof name, &length, &type, &size, &digits, &nullable);
      result.columns.emplace_back(reinterpret_cast<char*>(name));
      types[c - 1] = type;
    }
    for (;;) {
      SQLRETURN rc = SQLFetch(stmt);
      if (rc == SQL_NO_DATA) break;
      if (!succeeded(rc)) {
        error = diagnostics_of(SQL_HANDLE_STMT, stmt);
        return false;
      }
      std::vector<SqlValue>& row = result.rows.emplace_back();
      for (SQLUSMALLINT c = 1; c <= count; ++c) {
        auto text = text_of(stmt, c, rc);
        if (!succeeded(rc)) {
          error = diagnostics_of(SQL_HANDLE_STMT, stmt);
          return false;
        }
        row.push_back(value_of(text, types[c - 1]));
      }
    }
    // Further result sets (a procedure's) are drained; only after a result set, since the
    // MariaDB driver crashes in SQLMoreResults after a statement that had none (CREATE TRIGGER).
    while (SQLMoreResults(stmt) == SQL_SUCCESS) {
    }
  }
  return true;
}

void Connection::must_run(const std::string& sql, const std::string& what) {
  QueryResult r = run(Statement{sql, {}}, {}, TimeLimits{});
  if (!r.ok()) throw Error(fmt::format("{}: {}: {}", label_, what, r.error->message));
}

void Connection::set_autocommit(bool on) {
  auto value = on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF;
  if (!succeeded(SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT,
                                   reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(value)), 0)))
    throw Error(fmt::format("{}: setting autocommit {}: {}", label_, on ? "on" : "off",
                            diagnostics_of(SQL_HANDLE_DBC, dbc_).message));
  autocommit_ = on;
}

void Connection::end_transaction(bool commit) {
  if (!succeeded(SQLEndTran(SQL_HANDLE_DBC, dbc_, commit ? SQL_COMMIT : SQL_ROLLBACK)))
    throw Error(fmt::format("{}: {}: {}", label_, commit ? "COMMIT" : "ROLLBACK",
                            diagnostics_of(SQL_HANDLE_DBC, dbc_).message));
}

void Connection::cancel() {
  std::lock_guard lock(running_mutex_);
  if (running_ != SQL_NULL_HSTMT) SQLCancel(running_);
}

}  // namespace crucible::odbc
