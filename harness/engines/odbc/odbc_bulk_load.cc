// OdbcDatabase::bulk_load: one prepared INSERT executed with arrays of parameters
// (SQL_ATTR_PARAMSET_SIZE, column-wise binding), a batch of rows per SQLExecute, in one
// transaction. The driver sends a whole batch at once where it can (MariaDB Connector/ODBC: one
// bulk command; psqlODBC: its rows in one round trip) instead of a round trip per row.
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/common/error.h"
#include "harness/engines/bulk_rows.h"
#include "harness/engines/odbc/odbc_database.h"
#include "harness/engines/registry.h"
#include "harness/sql/identifier.h"

namespace crucible::odbc {
namespace {

constexpr size_t kBatchRows = 1000;
constexpr int64_t kProgressEvery = 50'000;

bool succeeded(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

// One column of a batch, bound as one C type for all its rows: whole numbers as SQL_C_SBIGINT
// when every value is one, numbers as SQL_C_DOUBLE when every value is a number, else text (the
// server converts it as it would a literal).
class ColumnArray {
 public:
  void fill(const std::vector<std::vector<SqlValue>>& batch, size_t column) {
    kind_ = Kind::integer;
    width_ = 1;
    for (const auto& row : batch) {
      const SqlValue& v = row[column];
      if (std::holds_alternative<double>(v) && kind_ == Kind::integer) kind_ = Kind::real;
      if (std::holds_alternative<std::string>(v)) kind_ = Kind::text;
    }
    indicators_.assign(batch.size(), 0);
    if (kind_ == Kind::integer) integers_.assign(batch.size(), 0);
    if (kind_ == Kind::real) reals_.assign(batch.size(), 0);
    if (kind_ == Kind::text) {
      texts_.clear();
      for (const auto& row : batch) texts_.push_back(text_of(row[column]));
      for (const auto& text : texts_) width_ = std::max(width_, text.size() + 1);
      chars_.assign(batch.size() * width_, '\0');
    }
    for (size_t r = 0; r < batch.size(); ++r) place(r, batch[r][column]);
  }

  SQLRETURN bind(SQLHSTMT stmt, SQLUSMALLINT number) {
    switch (kind_) {
      case Kind::integer:
        return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0,
                                integers_.data(), 0, indicators_.data());
      case Kind::real:
        return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0,
                                reals_.data(), 0, indicators_.data());
      case Kind::text:
        break;
    }
    return SQLBindParameter(stmt, number, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                            std::max<SQLULEN>(1, width_ - 1), 0, chars_.data(),
                            static_cast<SQLLEN>(width_), indicators_.data());
  }

 private:
  enum class Kind { integer, real, text };

  static std::string text_of(const SqlValue& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
    return "";
  }

  void place(size_t r, const SqlValue& v) {
    if (std::holds_alternative<std::nullptr_t>(v)) {
      indicators_[r] = SQL_NULL_DATA;
      return;
    }
    if (kind_ == Kind::integer) {
      integers_[r] = std::get<int64_t>(v);
    } else if (kind_ == Kind::real) {
      auto* i = std::get_if<int64_t>(&v);
      reals_[r] = i ? static_cast<double>(*i) : std::get<double>(v);
    } else {
      std::memcpy(chars_.data() + r * width_, texts_[r].data(), texts_[r].size());
      indicators_[r] = static_cast<SQLLEN>(texts_[r].size());
    }
  }

  Kind kind_ = Kind::integer;
  size_t width_ = 1;
  std::vector<SQLLEN> indicators_;
  std::vector<int64_t> integers_;
  std::vector<double> reals_;
  std::vector<std::string> texts_;
  std::vector<char> chars_;
};

std::string insert_sql(EngineKind kind, const std::string& table,
                       const std::vector<std::string>& columns) {
  Dialect dialect = engine_facts(kind).dialect;
  std::vector<std::string> names, marks(columns.size(), "?");
  for (const std::string& c : columns) names.push_back(sql::quote_identifier(c, dialect));
  return fmt::format("INSERT INTO {} ({}) VALUES ({})", sql::quote_identifier(table, dialect),
                     fmt::join(names, ", "), fmt::join(marks, ", "));
}

// A statement handle freed on every path.
struct StatementHandle {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  ~StatementHandle() {
    if (stmt != SQL_NULL_HSTMT) SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  }
};

}  // namespace

int64_t OdbcDatabase::bulk_load(const std::string& table, const std::vector<std::string>& columns,
                                RowSource& rows, const std::function<void(int64_t)>& progress) {
  Connection& connection = *connection_;
  auto fail = [&](SQLSMALLINT type, SQLHANDLE handle, const std::string& what) {
    throw Error(fmt::format("{}: bulk load into {}: {}: {}", connection.label(), table, what,
                            diagnostics_of(type, handle).message));
  };
  StatementHandle handle;
  if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, connection.handle(), &handle.stmt)))
    fail(SQL_HANDLE_DBC, connection.handle(), "cannot make a statement");
  SQLHSTMT stmt = handle.stmt;
  std::string sql = insert_sql(kind_, table, columns);
  if (!succeeded(SQLPrepare(stmt, reinterpret_cast<SQLCHAR*>(sql.data()),
                            static_cast<SQLINTEGER>(sql.size()))))
    fail(SQL_HANDLE_STMT, stmt, "preparing " + sql);
  SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_PARAM_BIND_BY_COLUMN), 0);

  connection.set_autocommit(false);
  int64_t loaded = 0, reported = 0;
  try {
    std::vector<ColumnArray> arrays(columns.size());
    std::vector<std::vector<SqlValue>> batch;
    std::vector<SqlValue> row;
    bool more = true;
    while (more) {
      batch.clear();
      while (batch.size() < kBatchRows && (more = next_bulk_row(rows, row, columns.size(), table)))
        batch.push_back(row);
      if (batch.empty()) break;
      SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE,
                     reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(batch.size())), 0);
      for (size_t c = 0; c < columns.size(); ++c) {
        arrays[c].fill(batch, c);
        if (!succeeded(arrays[c].bind(stmt, static_cast<SQLUSMALLINT>(c + 1))))
          fail(SQL_HANDLE_STMT, stmt, "binding column " + columns[c]);
      }
      SQLRETURN rc = SQLExecute(stmt);
      if (!succeeded(rc) && rc != SQL_NO_DATA)
        fail(SQL_HANDLE_STMT, stmt,
             fmt::format("rejected a row among rows {}..{}", loaded + 1,
                         loaded + static_cast<int64_t>(batch.size())));
      while (SQLMoreResults(stmt) == SQL_SUCCESS) {
      }
      loaded += static_cast<int64_t>(batch.size());
      if (progress && loaded - reported >= kProgressEvery) progress(reported = loaded);
    }
    connection.end_transaction(true);
  } catch (...) {
    try {
      connection.end_transaction(false);
    } catch (...) {  // the connection is gone: the first error is the one to report
    }
    connection.set_autocommit(true);
    throw;
  }
  connection.set_autocommit(true);
  if (progress) progress(loaded);
  return loaded;
}

}  // namespace crucible::odbc
