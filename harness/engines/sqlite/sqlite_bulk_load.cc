// SqliteDatabase::bulk_load: one transaction around one prepared INSERT, re-bound per row. That
// is SQLite's fastest path short of writing pages ourselves: no per-row commit (fsync) and no
// per-row parse.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/engines/bulk_rows.h"
#include "harness/engines/sqlite/sqlite_database.h"

namespace crucible::sqlite {
namespace {

constexpr int64_t kProgressEvery = 50'000;

std::string insert_sql(const std::string& table, const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const std::string& c : columns) quoted.push_back(quote_identifier(c));
  std::vector<std::string> marks(columns.size(), "?");
  return fmt::format("INSERT INTO {} ({}) VALUES ({})", quote_identifier(table),
                     fmt::join(quoted, ", "), fmt::join(marks, ", "));
}

}  // namespace

int64_t SqliteDatabase::insert_rows(sqlite3_stmt* stmt, const std::string& table, size_t columns,
                                    RowSource& rows, const std::function<void(int64_t)>& progress) {
  int64_t loaded = 0;
  std::vector<SqlValue> row;
  while (next_bulk_row(rows, row, columns, table)) {
    for (size_t i = 0; i < row.size(); ++i)
      bind_value(stmt, static_cast<int>(i + 1), row[i], SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
      throw Error(fmt::format("sqlite {}: bulk load into {} rejected row {}: {} ({})", path_,
                              table, loaded + 1, sqlite3_errmsg(db_.get()),
                              result_code_name(sqlite3_extended_errcode(db_.get()))));
    if (++loaded % kProgressEvery == 0 && progress) progress(loaded);
  }
  return loaded;
}

int64_t SqliteDatabase::bulk_load(const std::string& table, const std::vector<std::string>& columns,
                                  RowSource& rows, const std::function<void(int64_t)>& progress) {
  if (!owned_) throw Error(fmt::format("sqlite {}: refusing to load rows into a database Crucible "
                                       "did not create", path_));
  const std::string sql = insert_sql(table, columns);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    throw Error(fmt::format("sqlite {}: bulk load into {}: {}", path_, table,
                            sqlite3_errmsg(db_.get())));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
  control_or_throw("BEGIN");
  int64_t loaded = 0;
  try {
    loaded = insert_rows(stmt, table, columns.size(), rows, progress);
  } catch (...) {
    run_control("ROLLBACK");  // nothing half-loaded stays behind
    throw;
  }
  control_or_throw("COMMIT");
  if (progress) progress(loaded);
  return loaded;
}

}  // namespace crucible::sqlite
