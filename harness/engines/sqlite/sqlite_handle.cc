#include "harness/engines/sqlite/sqlite_handle.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::sqlite {
namespace {

// SQLite counts every allocation under one process-wide mutex unless told not to; with the
// data check's connection working beside the linear pass's, the two threads queued on it
// (futex waits were a fifth of a verify's CPU profile). Crucible never asks for the counts.
// Only possible before SQLite initializes: a host program that already uses SQLite keeps its
// own setting (the call then fails, harmlessly).
void configure_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

Connection open(const std::string& path, int flags) {
  configure_once();
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK)
    throw Error(fmt::format("sqlite: cannot open {}: {}", path,
                            raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

std::string Row::text(int column) const {
  const unsigned char* value = sqlite3_column_text(stmt_, column);
  return value ? reinterpret_cast<const char*>(value) : "";
}

void query(sqlite3* db, const std::string& sql, const std::function<void(const Row&)>& on_row) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    throw Error(fmt::format("sqlite: catalog query failed: {} ({})", sqlite3_errmsg(db), sql));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) on_row(Row(raw));
  if (rc != SQLITE_DONE)
    throw Error(fmt::format("sqlite: catalog query failed: {} ({})", sqlite3_errmsg(db), sql));
}

bool foreign_keys_enabled(sqlite3* db) {
  bool on = false;
  query(db, "PRAGMA foreign_keys", [&](const Row& row) { on = row.integer(0) != 0; });
  return on;
}

std::string result_code_name(int code) {
  static const std::pair<int, const char*> names[] = {
      {SQLITE_CONSTRAINT_CHECK, "SQLITE_CONSTRAINT_CHECK"},
      {SQLITE_CONSTRAINT_FOREIGNKEY, "SQLITE_CONSTRAINT_FOREIGNKEY"},
      {SQLITE_CONSTRAINT_NOTNULL, "SQLITE_CONSTRAINT_NOTNULL"},
      {SQLITE_CONSTRAINT_PRIMARYKEY, "SQLITE_CONSTRAINT_PRIMARYKEY"},
      {SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE"},
      {SQLITE_ERROR, "SQLITE_ERROR"},
      {SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"},
      {SQLITE_BUSY, "SQLITE_BUSY"},
      {SQLITE_LOCKED, "SQLITE_LOCKED"},
      {SQLITE_READONLY, "SQLITE_READONLY"},
      {SQLITE_MISMATCH, "SQLITE_MISMATCH"},
      {SQLITE_TOOBIG, "SQLITE_TOOBIG"},
      {SQLITE_RANGE, "SQLITE_RANGE"},
      {SQLITE_AUTH, "SQLITE_AUTH"},
      {SQLITE_INTERRUPT, "SQLITE_INTERRUPT"},
  };
  for (auto [value, name] : names)
    if (value == code) return name;
  for (auto [value, name] : names)
    if (value == (code & 0xff)) return name;
  return fmt::format("SQLITE_{}", code);
}

std::string quote_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace crucible::sqlite
