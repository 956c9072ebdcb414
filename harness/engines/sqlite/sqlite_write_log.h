// Which tables the statements compiled on a connection may have written.
//
// SQLite asks the authorizer about every table a statement can change when it compiles the
// statement, whatever rows it then touches: its own target, every trigger it can fire (their
// steps are compiled into it) and every foreign key action, and the implicit DELETE of a DROP
// TABLE. So a table no compiled statement may write since some moment has the rows it had then
// — as long as no statement was compiled before that moment and run after it (Crucible compiles
// each statement when it runs it) and nothing writes beside the authorizer: a virtual table's
// module runs statements it compiled once and keeps, so a database with one is never vouched for
// (SqliteDatabase::table_writes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crucible::sqlite {

class WriteLog {
 public:
  // The authorizer's arguments for one action (sqlite3_set_authorizer).
  void record(int action, const char* arg1, const char* arg2);
  // A number for `table` that grows with every statement compiled that may write it, and with
  // every one that may write a table nobody can name (an epoch): equal at two moments, no
  // statement in between could change its rows.
  uint64_t writes_to(std::string_view table) const;

 private:
  void count(const char* table);

  std::unordered_map<std::string, uint64_t> writes_;  // by name in lower case, as SQLite compares
  uint64_t epoch_ = 0;
};

}  // namespace crucible::sqlite
