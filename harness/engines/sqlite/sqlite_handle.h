// Thin RAII over the sqlite3 C API, shared by execution and snapshots.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <memory>
#include <string>

namespace crucible::sqlite {

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// Opens `path` with `flags`; throws crucible::Error with SQLite's message.
Connection open(const std::string& path, int flags);

// One result row, read by column index.
class Row {
 public:
  explicit Row(sqlite3_stmt* stmt) : stmt_(stmt) {}
  std::string text(int column) const;     // "" for NULL
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_;
};

// Runs a read query, calling `on_row` per row. Throws crucible::Error on failure: snapshots
// read the catalog, and a catalog read that fails is an infrastructure error, not a result.
void query(sqlite3* db, const std::string& sql, const std::function<void(const Row&)>& on_row);

// Whether the connection enforces foreign keys (PRAGMA foreign_keys).
bool foreign_keys_enabled(sqlite3* db);

// "SQLITE_CONSTRAINT_NOTNULL (1299)" style name for an extended result code.
std::string result_code_name(int extended_code);

// Quotes an identifier for use in PRAGMA arguments and SQL text.
std::string quote_identifier(const std::string& name);

}  // namespace crucible::sqlite
