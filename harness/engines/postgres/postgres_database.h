// One PostgreSQL database with its own connection: either a scratch database Crucible created
// (dropped when this object goes away, and on Ctrl-C through ScratchRegistry) or an existing
// database opened read-only for `crucible snapshot`.
#pragma once

#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "harness/engines/engine.h"

namespace crucible::postgres {

class AdminSession;
namespace sql {
struct CatalogStatements;
}

enum class Ownership {
  scratch,   // created by Crucible: may be modified, dropped on destruction
  existing,  // someone else's: read-only, never modified or dropped
  session,   // a second connection to a scratch database: may modify it, never drops it
};

class PostgresDatabase : public Database {
 public:
  // For Ownership::scratch the database must already exist; from here on this object owns it,
  // even if connecting to it fails (then it is dropped before the constructor throws). `admin`
  // is the session its clones are made and it is dropped on (the engine's); without one, a
  // session of its own is opened when first needed.
  PostgresDatabase(const Dsn& dsn, std::string name, Ownership ownership,
                   std::shared_ptr<AdminSession> admin = nullptr);
  ~PostgresDatabase() override;

  const std::string& name() const override { return name_; }
  ExecResult execute(const Script& script) override;
  catalog::Catalog snapshot() override;
  // postgres_query.cc
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  // postgres_clone.cc: CREATE DATABASE … TEMPLATE. Closes this connection for the copy; the
  // next use of this database reopens it.
  std::unique_ptr<Database> clone() override;
  // postgres_session.cc: another connection to this scratch database (Ownership::session)
  std::unique_ptr<Database> open_session() override;
  // postgres_bulk_load.cc: COPY … FROM STDIN in one transaction
  int64_t bulk_load(const std::string& table, const std::vector<std::string>& columns,
                    RowSource& rows, const std::function<void(int64_t)>& progress) override;

 private:
  std::string describe() const;
  // This database's session, reopened if a clone closed it.
  pqxx::connection& connection();
  AdminSession& admin();
  void control(const char* sql);  // BEGIN / COMMIT / ROLLBACK; throws crucible::Error
  void drop_now() noexcept;

  Dsn dsn_;
  std::string name_;
  Ownership ownership_;
  std::string registry_key_;
  std::unique_ptr<pqxx::connection> connection_;
  std::shared_ptr<AdminSession> admin_;
  std::unique_ptr<sql::CatalogStatements> catalog_statements_;  // what snapshots prepared
};

}  // namespace crucible::postgres
