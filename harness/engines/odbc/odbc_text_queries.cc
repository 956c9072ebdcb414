#include "harness/engines/odbc/odbc_text_queries.h"

#include <algorithm>
#include <cstring>
#include <memory>

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

// One column of the current row as text in `Unit`s (char: SQL_C_CHAR, SQLWCHAR: SQL_C_WCHAR),
// however long; nullopt for NULL. False when the driver fails. A long value is read in two calls
// where the driver tells its length (psqlODBC and MariaDB's do): the rest in one piece, since a
// driver converts what is left of a value on every partial read (in 8 KB pieces, a 500 KB value
// was converted 60 times over).
template <typename Unit>
bool fetch_text(SQLHSTMT stmt, SQLUSMALLINT column, std::optional<std::basic_string<Unit>>& value) {
  constexpr SQLSMALLINT kCType = sizeof(Unit) == 1 ? SQL_C_CHAR : SQL_C_WCHAR;
  constexpr size_t kUnits = 8192 / sizeof(Unit);
  Unit buffer[kUnits];
  // One SQLGetData into `into` (`capacity` units, the terminator included): the units read,
  // `left` as the driver tells it (bytes before this call), and whether it has more.
  auto read = [&](Unit* into, size_t capacity, size_t& got, SQLLEN& left, bool& more) {
    SQLRETURN rc = SQLGetData(stmt, column, kCType, into,
                              static_cast<SQLLEN>(capacity * sizeof(Unit)), &left);
    more = rc == SQL_SUCCESS_WITH_INFO;  // 01004: truncated, more to come
    got = 0;
    if (rc == SQL_NO_DATA) return true;
    if (!succeeded(rc)) return false;
    if (left == SQL_NULL_DATA) return true;
    got = more || left == SQL_NO_TOTAL || left < 0
              ? capacity - 1
              : std::min(capacity - 1, static_cast<size_t>(left) / sizeof(Unit));
    return true;
  };
  size_t got = 0;
  SQLLEN left = 0;
  bool more = false;
  if (!read(buffer, kUnits, got, left, more)) return false;
  if (left == SQL_NULL_DATA) {
    value.reset();
    return true;
  }
  std::basic_string<Unit> out(buffer, got);
  if (more && left != SQL_NO_TOTAL && left > 0) {
    // Everything left in one call: the driver told how much there was before the first piece.
    size_t told = static_cast<size_t>(left) / sizeof(Unit);
    size_t rest = told - std::min(got, told);
    size_t at = out.size();
    out.resize(at + rest + 1);
    if (!read(out.data() + at, rest + 1, got, left, more)) return false;
    out.resize(at + got);
  }
  while (more) {  // a driver that does not tell, or had more than it told
    if (!read(buffer, kUnits, got, left, more)) return false;
    out.append(buffer, got);
  }
  value = std::move(out);
  return true;
}

// One column of the current row as narrow text, for drivers whose narrow text is UTF-8.
bool fetch_narrow(SQLHSTMT stmt, SQLUSMALLINT column, std::optional<std::string>& value) {
  return fetch_text<char>(stmt, column, value);
}

// One column of the current row as wide text, stored as UTF-8.
bool fetch_value(SQLHSTMT stmt, SQLUSMALLINT column, std::optional<std::string>& value) {
  std::optional<std::basic_string<SQLWCHAR>> units;
  if (!fetch_text<SQLWCHAR>(stmt, column, units)) return false;
  if (units) value = utf8_of(units->data(), units->size());
  else value.reset();
  return true;
}

std::string column_name(SQLHSTMT stmt, SQLUSMALLINT column) {
  SQLCHAR name[256] = {0};
  SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
  SQLULEN size = 0;
  SQLDescribeCol(stmt, column, name, sizeof name, &length, &type, &size, &digits, &nullable);
  return reinterpret_cast<char*>(name);
}

// A value's text from a bound buffer: UTF-8 bytes as they are, UTF-16 units converted.
std::string text_of(const char* bytes, size_t count) { return std::string(bytes, count); }
std::string text_of(const SQLWCHAR* units, size_t count) { return utf8_of(units, count); }

// Text fetched a block of rows at a time into bound buffers: one SQLFetch per block instead
// of one SQLGetData per value, which cost psqlODBC and the driver manager about as much as the
// rest of the snapshot's client time. A value that does not fit its buffer is read again
// whole with SQLGetData on its row (SQL_GD_BLOCK and SQL_GD_BOUND, which psqlODBC supports).
// `Unit` is char for narrow text (SQL_C_CHAR, when it is UTF-8) or SQLWCHAR (SQL_C_WCHAR).
template <typename Unit>
class TextBlock {
 public:
  static constexpr SQLULEN kRows = 64;
  static constexpr SQLLEN kBytes = 512;  // per value, the terminator included
  static constexpr SQLLEN kUnits = kBytes / sizeof(Unit);
  static constexpr SQLSMALLINT kCType = sizeof(Unit) == 1 ? SQL_C_CHAR : SQL_C_WCHAR;

  TextBlock(SQLHSTMT stmt, SQLUSMALLINT width)
      : stmt_(stmt), width_(width), text_(new Unit[kRows * kUnits * width]),
        length_(kRows * width) {}
  // The buffers go with the block; the statement outlives it (its diagnostics are read after).
  ~TextBlock() {
    SQLFreeStmt(stmt_, SQL_UNBIND);
    SQLSetStmtAttr(stmt_, SQL_ATTR_ROWS_FETCHED_PTR, nullptr, 0);
  }
  TextBlock(const TextBlock&) = delete;
  TextBlock& operator=(const TextBlock&) = delete;

  // False when the driver does not take a block cursor: then the caller reads value by value.
  bool bind() {
    if (!succeeded(SQLSetStmtAttr(stmt_, SQL_ATTR_ROW_BIND_TYPE,
                                  reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN), 0)) ||
        !succeeded(SQLSetStmtAttr(stmt_, SQL_ATTR_ROW_ARRAY_SIZE,
                                  reinterpret_cast<SQLPOINTER>(kRows), 0)) ||
        !succeeded(SQLSetStmtAttr(stmt_, SQL_ATTR_ROWS_FETCHED_PTR, &fetched_, 0)))
      return false;
    for (SQLUSMALLINT c = 0; c < width_; ++c)
      if (!succeeded(SQLBindCol(stmt_, c + 1, kCType, &text_[c * kRows * kUnits], kBytes,
                                &length_[c * kRows])))
        return false;
    return true;
  }

  // Every remaining row into `rows`; false when the driver fails.
  bool fetch_all(StoredTextRows& rows) {
    for (;;) {
      SQLRETURN rc = SQLFetch(stmt_);
      if (rc == SQL_NO_DATA) return true;
      if (!succeeded(rc)) return false;
      for (SQLULEN r = 0; r < fetched_; ++r) {
        std::vector<std::optional<std::string>> values(width_);
        for (SQLUSMALLINT c = 0; c < width_; ++c)
          if (!value_at(r, c, values[c])) return false;
        rows.add_row(std::move(values));
      }
    }
  }

 private:
  bool value_at(SQLULEN row, SQLUSMALLINT column, std::optional<std::string>& value) {
    SQLLEN length = length_[column * kRows + row];
    if (length == SQL_NULL_DATA) {
      value.reset();
      return true;
    }
    if (length != SQL_NO_TOTAL && length < kBytes) {
      value = text_of(&text_[(column * kRows + row) * kUnits],
                      static_cast<size_t>(length) / sizeof(Unit));
      return true;
    }
    return succeeded(SQLSetPos(stmt_, row + 1, SQL_POSITION, SQL_LOCK_NO_CHANGE)) &&
           (kCType == SQL_C_CHAR ? fetch_narrow(stmt_, column + 1, value)
                                 : fetch_value(stmt_, column + 1, value));
  }

  SQLHSTMT stmt_;
  SQLUSMALLINT width_;
  std::unique_ptr<Unit[]> text_;  // column-major: kRows values of kUnits units per column
  std::vector<SQLLEN> length_;
  SQLULEN fetched_ = 0;
};

template <typename Unit>
bool fetch_in_blocks(SQLHSTMT stmt, SQLUSMALLINT width, StoredTextRows& rows, bool& bound) {
  TextBlock<Unit> block(stmt, width);
  bound = block.bind();
  return bound && block.fetch_all(rows);
}

// Every row of the result on `stmt`; false when the driver fails.
bool fetch_rows(SQLHSTMT stmt, TextFetch fetch, std::shared_ptr<StoredTextRows>& rows) {
  SQLSMALLINT width = 0;
  SQLNumResultCols(stmt, &width);
  std::vector<std::string> columns;
  for (SQLUSMALLINT c = 1; c <= width; ++c) columns.push_back(column_name(stmt, c));
  rows = std::make_shared<StoredTextRows>(std::move(columns));
  if (width == 0) return true;
  bool narrow = fetch != TextFetch::wide_blocks;
  if (fetch != TextFetch::narrow_values) {
    bool bound = false;
    bool fetched = narrow ? fetch_in_blocks<char>(stmt, width, *rows, bound)
                          : fetch_in_blocks<SQLWCHAR>(stmt, width, *rows, bound);
    if (bound) return fetched;
    SQLFreeStmt(stmt, SQL_UNBIND);
    SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(1), 0);
  }
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
  bool ok = rc == SQL_NO_DATA || (succeeded(rc) && fetch_rows(stmt, fetch_, rows));
  Diagnostics why;
  if (!ok) why = diagnostics_of(SQL_HANDLE_STMT, stmt);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  if (!ok) throw Error(fmt::format("{}: {}: {}", connection_.label(), purpose, why.message));
  if (!rows) rows = std::make_shared<StoredTextRows>(std::vector<std::string>{});
  return Rows(std::move(rows));
}

}  // namespace crucible::odbc
