// One database reached through ODBC: a scratch database (dropped with the object) or an existing
// one opened for reading.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "harness/engines/engine.h"
#include "harness/engines/odbc/odbc_connection.h"

namespace crucible::odbc {

class OdbcDatabase : public Database {
 public:
  // `drop` (may be empty) drops the database once the connection is closed.
  OdbcDatabase(EngineKind kind, std::string name, std::string connection_string,
               std::string label, const Dsn& dsn, std::function<void()> drop);
  ~OdbcDatabase() override;

  const std::string& name() const override { return name_; }
  ExecResult execute(const Script& script) override;
  catalog::Catalog snapshot() override;
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  // Array binds: odbc_bulk_load.cc.
  int64_t bulk_load(const std::string& table, const std::vector<std::string>& columns,
                    RowSource& rows, const std::function<void(int64_t)>& progress) override;
  std::unique_ptr<Database> open_session() override;

  // --strict-dml (EngineOptions): a script statement that touched no row fails the script.
  void set_strict_dml(bool on) { strict_dml_ = on; }

 private:
  ExecResult run_script(const Script& script);
  ExecResult run_nested(const Script& script);
  bool nests_transactions() const;
  void end(bool commit);

  EngineKind kind_;
  std::string name_;
  std::string connection_string_;
  std::string label_;
  Dsn dsn_;
  std::unique_ptr<Connection> connection_;
  std::function<void()> drop_;
  bool strict_dml_ = false;
  int depth_ = 0;  // begin() calls not yet ended; beyond 1, savepoints
};

}  // namespace crucible::odbc
