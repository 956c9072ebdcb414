// A SQLite database file opened by Crucible: a scratch file it owns (deleted on destruction) or
// an existing file opened read-only.
#pragma once

#include <string>
#include <vector>

#include "harness/engines/engine.h"
#include "harness/engines/sqlite/sqlite_containment.h"
#include "harness/engines/sqlite/sqlite_handle.h"

namespace crucible::sqlite {

class SqliteDatabase : public Database {
 public:
  // `owned`: Crucible created the file and deletes it (and its journal) on destruction; a
  // database that is not owned is opened read-only. `foreign_keys` turns on enforcement, which
  // SQLite leaves off by default. `contained`: statements may reach nothing outside the file
  // (sqlite_containment.h); false under --privileged.
  SqliteDatabase(std::string path, bool owned, bool foreign_keys, bool contained);
  ~SqliteDatabase() override;

  const std::string& name() const override { return path_; }
  ExecResult execute(const Script& script) override;
  catalog::Catalog snapshot() override;
  // Under containment only (its authorizer sees the writes), and never with a virtual table.
  std::optional<std::vector<uint64_t>> table_writes(const std::vector<std::string>& tables) override;
  // sqlite_query.cc
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  // SQLite undoes DDL with the rest; not while foreign keys are enforced, where a deferred
  // violation a script leaves surfaces at the caller's COMMIT instead of as the script's error.
  bool undoes_scripts() const override;
  std::unique_ptr<Database> clone() override;  // sqlite_clone.cc: the backup API
  // sqlite_session.cc: another connection to this file; it writes, never deletes the file.
  // SQLite locks the whole file, so from then on both wait up to kBusyTimeoutMs for each other.
  std::unique_ptr<Database> open_session() override;
  static constexpr int kBusyTimeoutMs = 10000;
  // Runs the session statements (Dsn::session: --session) on this connection, under the
  // authorizer, and keeps them for clone() and open_session(). Throws crucible::Error naming the
  // statement that failed.
  void apply_session(const std::vector<std::string>& statements);
  // sqlite_bulk_load.cc: one transaction around one prepared INSERT
  int64_t bulk_load(const std::string& table, const std::vector<std::string>& columns,
                    RowSource& rows, const std::function<void(int64_t)>& progress) override;

 private:
  struct SessionOf {};
  SqliteDatabase(const SqliteDatabase& owner, SessionOf);  // sqlite_session.cc
  ExecResult run_script(const Script& script);
  ExecResult run_in_savepoint(const Script& script);  // inside the caller's begin()
  std::optional<StatementError> run_statement(const Statement& statement);
  void run_control(const char* sql);  // BEGIN / COMMIT / ROLLBACK
  void control_or_throw(const char* sql);  // the same, for callers' own transactions
  int64_t insert_rows(sqlite3_stmt* stmt, const std::string& table, size_t columns,
                      RowSource& rows, const std::function<void(int64_t)>& progress);

  // The error for a statement that failed, saying why when Crucible refused or cancelled it.
  StatementError statement_error(const Statement& statement, const StatementTimer& timer);

  std::string path_;
  bool owned_;
  bool contained_;
  WriteLog writes_;          // before db_: the connection's authorizer writes to it
  Containment containment_;  // before db_: the connection's authorizer points at it
  Connection db_;
  bool session_ = false;  // a second connection (open_session()): never deletes the file
  std::vector<std::string> session_statements_;  // apply_session()'s, for clones and sessions
  // Savepoints begin() opened inside the caller's transaction (see SqliteDatabase::begin()).
  int savepoints_ = 0;
};

// Binds `value` to parameter `index` (1-based). SQLITE_STATIC for text that outlives the
// statement's next step (bulk_load's row buffer), SQLITE_TRANSIENT otherwise.
void bind_value(sqlite3_stmt* stmt, int index, const SqlValue& value,
                sqlite3_destructor_type lifetime = SQLITE_TRANSIENT);

// Deletes a database file with its -journal, -wal and -shm companions.
void remove_database_files(const std::string& path);

}  // namespace crucible::sqlite
