#include "harness/engines/odbc/odbc_text_queries.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::odbc {
namespace {

bool succeeded(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

void append_utf8(std::string& out, uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// One column of the current row as narrow text, for drivers whose narrow text is UTF-8.
bool fetch_narrow(SQLHSTMT stmt, SQLUSMALLINT column, std::optional<std::string>& value) {
  std::string out;
  char buffer[8192];
  for (;;) {
    SQLLEN length = 0;
    SQLRETURN rc = SQLGetData(stmt, column, SQL_C_CHAR, buffer, sizeof buffer, &length);
    if (rc == SQL_NO_DATA) break;
    if (!succeeded(rc)) return false;
    if (length == SQL_NULL_DATA) {
      value.reset();
      return true;
    }
    size_t got = length == SQL_NO_TOTAL || length >= static_cast<SQLLEN>(sizeof buffer)
                     ? sizeof buffer - 1
                     : static_cast<size_t>(length);
    out.append(buffer, got);
    if (rc == SQL_SUCCESS) break;  // SQL_SUCCESS_WITH_INFO (01004): more to come
  }
  value = std::move(out);
  return true;
}

// One column of the current row, however long; nullopt for NULL. False when the driver fails.
bool fetch_value(SQLHSTMT stmt, SQLUSMALLINT column, std::optional<std::string>& value) {
  std::basic_string<SQLWCHAR> units;
  SQLWCHAR buffer[2048];
  for (;;) {
    SQLLEN length = 0;
    SQLRETURN rc = SQLGetData(stmt, column, SQL_C_WCHAR, buffer, sizeof buffer, &length);
    if (rc == SQL_NO_DATA) break;
    if (!succeeded(rc)) return false;
    if (length == SQL_NULL_DATA) {
      value.reset();
      return true;
    }
    // The last unit of a full buffer is the terminator; a chunk reports the bytes left in all.
    size_t capacity = sizeof buffer / sizeof buffer[0] - 1;
    size_t got = length == SQL_NO_TOTAL || length / static_cast<SQLLEN>(sizeof(SQLWCHAR)) >=
                                               static_cast<SQLLEN>(capacity)
                     ? capacity
                     : static_cast<size_t>(length) / sizeof(SQLWCHAR);
    units.append(buffer, got);
    if (rc == SQL_SUCCESS) break;  // SQL_SUCCESS_WITH_INFO (01004): more to come
  }
  value = utf8_of(units.data(), units.size());
  return true;
}

std::string column_name(SQLHSTMT stmt, SQLUSMALLINT column) {
  SQLCHAR name[256] = {0};
  SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
  SQLULEN size = 0;
  SQLDescribeCol(stmt, column, name, sizeof name, &length, &type, &size, &digits, &nullable);
  return reinterpret_cast<char*>(name);
}

// Every row of the result on `stmt`; false when the driver fails.
bool fetch_rows(SQLHSTMT stmt, bool narrow, std::shared_ptr<StoredTextRows>& rows) {
  SQLSMALLINT width = 0;
  SQLNumResultCols(stmt, &width);
  std::vector<std::string> columns;
  for (SQLUSMALLINT c = 1; c <= width; ++c) columns.push_back(column_name(stmt, c));
  rows = std::make_shared<StoredTextRows>(std::move(columns));
  if (width == 0) return true;
  for (;;) {
    SQLRETURN rc = SQLFetch(stmt);
    if (rc == SQL_NO_DATA) break;
    if (!succeeded(rc)) return false;
    std::vector<std::optional<std::string>> values(width);
    for (SQLUSMALLINT c = 1; c <= width; ++c)
      if (!(narrow ? fetch_narrow(stmt, c, values[c - 1]) : fetch_value(stmt, c, values[c - 1])))
        return false;
    rows->add_row(std::move(values));
  }
  return true;
}

}  // namespace

std::string utf8_of(const SQLWCHAR* units, size_t count) {
  std::string out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    uint32_t code = units[i];
    if (code >= 0xD800 && code <= 0xDBFF && i + 1 < count && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      code = 0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00);
      ++i;
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      code = 0xFFFD;
    }
    append_utf8(out, code);
  }
  return out;
}

Rows OdbcTextQueries::query(const std::string& sql, const std::string& purpose) {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, connection_.handle(), &stmt)))
    throw Error(fmt::format("{}: {}: cannot make a statement: {}", connection_.label(), purpose,
                            diagnostics_of(SQL_HANDLE_DBC, connection_.handle()).message));
  std::shared_ptr<StoredTextRows> rows;
  SQLRETURN rc = SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                               static_cast<SQLINTEGER>(sql.size()));
  bool ok = rc == SQL_NO_DATA || (succeeded(rc) && fetch_rows(stmt, narrow_utf8_, rows));
  Diagnostics why;
  if (!ok) why = diagnostics_of(SQL_HANDLE_STMT, stmt);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  if (!ok) throw Error(fmt::format("{}: {}: {}", connection_.label(), purpose, why.message));
  if (!rows) rows = std::make_shared<StoredTextRows>(std::vector<std::string>{});
  return Rows(std::move(rows));
}

}  // namespace crucible::odbc
