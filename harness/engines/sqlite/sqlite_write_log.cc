#include "harness/engines/sqlite/sqlite_write_log.h"

#include <sqlite3.h>

#include "harness/sql/lexer.h"

namespace crucible::sqlite {

void WriteLog::record(int action, const char* arg1, const char* arg2) {
  switch (action) {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE: count(arg1); break;
    case SQLITE_ALTER_TABLE: count(arg2); break;  // arg1 is the schema
    // A module's own statements are compiled once and kept: what they write is never seen.
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE: ++epoch_; break;
    default: break;
  }
}

void WriteLog::count(const char* table) {
  if (!table) {
    ++epoch_;
    return;
  }
  std::string name = sql::ascii_lower(table);
  // Every CREATE, ALTER and DROP writes the schema table; writing it from SQL needs PRAGMA
  // writable_schema, which containment refuses. Any other internal table (sqlite_sequence,
  // sqlite_stat1, an eponymous virtual table) is written by nobody's name: everything may move.
  if (name == "sqlite_master" || name == "sqlite_temp_master") return;
  if (name.starts_with("sqlite_")) {
    ++epoch_;
    return;
  }
  ++writes_[name];
}

uint64_t WriteLog::writes_to(std::string_view table) const {
  auto found = writes_.find(sql::ascii_lower(table));
  return epoch_ + (found == writes_.end() ? 0 : found->second);
}

}  // namespace crucible::sqlite
