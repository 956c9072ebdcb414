// One PostgreSQL database with its own connection: either a scratch database Crucible created
// (dropped when this object goes away, and on Ctrl-C through ScratchRegistry) or an existing
// database opened read-only for `crucible snapshot`.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "harness/engines/engine.h"
#include "harness/engines/postgres/postgres_catalog_digest.h"
#include "harness/engines/postgres/postgres_connection.h"

namespace crucible::postgres {

class AdminSession;
class CreatedGlobals;
class RunRole;
namespace sql {
struct CatalogStatements;
}

enum class Ownership {
  scratch,   // created by Crucible: may be modified, dropped on destruction
  existing,  // someone else's: read-only, never modified or dropped
  session,   // a second connection to a scratch database: may modify it, never drops it
};

// What the scratch databases of one engine share with it.
struct ScratchContext {
  std::shared_ptr<AdminSession> admin;  // creates, clones and drops them
  std::shared_ptr<RunRole> role;        // the login migrations run as; null under --privileged
  // --privileged only; dropped when the last scratch database goes (a restore's clone going
  // must not take a database a later migration still uses).
  std::shared_ptr<CreatedGlobals> created_globals;
  std::atomic<int> live_databases{0};
  EngineOptions options;
};

// Registers the drop of scratch database `name` with ScratchRegistry before it is created, so
// that Ctrl-C during CREATE DATABASE still drops it: the action waits for the statement in flight
// on the admin session and copes with a database that never came to be. Returns the key.
std::string register_scratch_drop(const ScratchContext& context, const std::string& name);

// CREATE DATABASE `name` (TEMPLATE `template_name` when given) owned by the run's login, which
// alone may connect; registered for dropping first. Throws crucible::Error.
void create_scratch_database(const ScratchContext& context, const std::string& name,
                             const std::string& template_name = "");

class PostgresDatabase : public Database {
 public:
  // For Ownership::scratch the database must already exist (made by create_scratch_database);
  // from here on this object owns it, even if connecting to it fails (then it is dropped before
  // the constructor throws). `context` (required for scratch databases and their sessions) says
  // which login to connect as and which admin session drops it; `dsn` is the admin DSN.
  PostgresDatabase(const Dsn& dsn, std::string name, Ownership ownership,
                   std::shared_ptr<ScratchContext> context = nullptr);
  ~PostgresDatabase() override;

  const std::string& name() const override { return name_; }
  ExecResult execute(const Script& script) override;
  catalog::Catalog snapshot() override;
  // postgres_catalog_digest.cc; nullopt inside a caller's transaction
  std::optional<std::string> catalog_digest() override;
  // postgres_query.cc
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  bool undoes_scripts() const override { return true; }
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
  // This database's session, reopened if a clone closed it, with every deferred control
  // statement sent: what runs next sees the transaction state the caller asked for.
  pqxx::connection& connection();
  // The session for a caller that sends `prologue` (the deferred control statements, moved out
  // of this object) at the head of its first round trip: a script's savepoint, a snapshot's.
  pqxx::connection& connection_with(std::vector<std::string>& prologue);
  Access access() const;  // what the session may do, and whether its commits wait for the disk
  // BEGIN / COMMIT / ROLLBACK / savepoints, sent with what is deferred; throws crucible::Error
  void control(const std::string& sql);
  // Sends `prologue` and then `sql` (either may be empty) in one query; throws crucible::Error.
  void send_control(pqxx::connection& session, const std::vector<std::string>& prologue,
                    const std::string& sql);
  void refuse_unless_ours() const;  // throws for a database Crucible did not create
  void drop_now() noexcept;

  Dsn dsn_;        // the admin DSN: names the server in messages
  Dsn login_dsn_;  // what this database's sessions connect as
  std::string name_;
  Ownership ownership_;
  std::string registry_key_;
  std::unique_ptr<pqxx::connection> connection_;
  std::shared_ptr<ScratchContext> context_;
  std::unique_ptr<sql::CatalogStatements> catalog_statements_;  // what snapshots prepared
  DigestStatement digest_statement_;  // what catalog_digest() prepared
  // Transactions the caller opened with begin() and has not ended: 0 none, 1 a transaction,
  // more: savepoints inside it. A COMMIT or ROLLBACK sent through query() (a Lua or Helium
  // program ends its own transaction that way) resets it to 0.
  int transaction_depth_ = 0;
  // Control statements of Crucible's own not sent yet: a BEGIN or savepoint begin() opened, the
  // end of a snapshot's savepoint inside a transaction. Each would be a round trip of its own;
  // they go with the next control statement, script savepoint or snapshot instead (verify's
  // round trip on PostgreSQL: 13 round trips of its own per migration -> 10), and alone before
  // any other use of the session.
  std::vector<std::string> deferred_control_;
};

}  // namespace crucible::postgres
