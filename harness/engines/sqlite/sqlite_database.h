// A SQLite database file opened by Crucible: a scratch file it owns (deleted on destruction) or
// an existing file opened read-only.
#pragma once

#include <string>

#include "harness/engines/engine.h"
#include "harness/engines/sqlite/sqlite_handle.h"

namespace crucible::sqlite {

class SqliteDatabase : public Database {
 public:
  // `owned`: Crucible created the file and deletes it (and its journal) on destruction; a
  // database that is not owned is opened read-only. `foreign_keys` turns on enforcement, which
  // SQLite leaves off by default.
  SqliteDatabase(std::string path, bool owned, bool foreign_keys);
  ~SqliteDatabase() override;

  const std::string& name() const override { return path_; }
  ExecResult execute(const Script& script) override;
  catalog::Catalog snapshot() override;
  // sqlite_query.cc
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  std::unique_ptr<Database> clone() override;  // sqlite_clone.cc: the backup API

 private:
  ExecResult run_script(const Script& script);
  std::optional<StatementError> run_statement(const Statement& statement);
  void run_control(const char* sql);  // BEGIN / COMMIT / ROLLBACK
  void control_or_throw(const char* sql);  // the same, for callers' own transactions

  std::string path_;
  bool owned_;
  Connection db_;
};

// Deletes a database file with its -journal, -wal and -shm companions.
void remove_database_files(const std::string& path);

}  // namespace crucible::sqlite
