// A MySQL/MariaDB database: either a scratch database this process created (dropped when the
// object dies, or on Ctrl-C through ScratchRegistry) or an existing one opened read-only.
#pragma once

#include <memory>
#include <string>

#include "harness/engines/engine.h"
#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

class AdminSession;
class CreatedObjects;
class RunLogin;
class SnapshotConnections;

// How a database is reached: the admin creates, drops and cancels; migrations run as `login`
// (the admin itself under --privileged).
struct Access {
  Dsn admin;
  Dsn login;
  EngineOptions options;
  // Under --privileged: the databases and users migrations create, dropped by the engine.
  std::shared_ptr<CreatedObjects> created;
};

class MysqlDatabase : public Database {
 public:
  // Creates database `name` (CHARACTER SET utf8mb4) through `admin`, grants it to `login`
  // (none under --privileged), and connects to it as access.login. Its drop is registered with
  // ScratchRegistry before CREATE DATABASE is sent, so an interrupt at any moment drops it.
  static std::unique_ptr<MysqlDatabase> create_scratch(const Access& access, AdminSession& admin,
                                                       const RunLogin* login,
                                                       const std::string& name);
  // Connects to an existing database; execute() will refuse to run anything.
  static std::unique_ptr<MysqlDatabase> open_existing(const Access& access, Connection& admin,
                                                      const std::string& name);
  ~MysqlDatabase() override;

  const std::string& name() const override { return name_; }
  ExecResult execute(const Script& script) override;
  catalog::Catalog snapshot() override;
  // mysql_snapshot_digest.cc (MariaDB; nullopt on MySQL)
  std::optional<std::string> catalog_digest() override;
  // mysql_query.cc
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override;
  // mysql_committed_reads.cc (MariaDB; nullopt on MySQL)
  std::optional<std::vector<QueryResult>> read_committed(const std::vector<Statement>& reads) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  std::unique_ptr<Database> open_observer() const;
  // mysql_session.cc: another connection to this scratch database; it never drops it
  std::unique_ptr<Database> open_session() override;
  // mysql_bulk_load.cc: multi-row INSERTs of about 1 MB in one transaction
  int64_t bulk_load(const std::string& table, const std::vector<std::string>& columns,
                    RowSource& rows, const std::function<void(int64_t)>& progress) override;

 private:
  MysqlDatabase(const Access& access, std::string name, bool scratch);
  void drop() noexcept;
  // Cancels the statement `running` (one of this database's connections) is running: KILL QUERY
  // from the admin.
  std::function<void()> canceller(const Connection& running) const;
  // Runs `work`; under --privileged, notes the databases and users that `text` created.
  void noting_created(const std::string& text, const std::function<void()>& work);
  void control(const char* sql);  // START TRANSACTION / COMMIT / ROLLBACK
  int64_t insert_batches(const std::string& table, const std::vector<std::string>& columns,
                         RowSource& rows, const std::function<void(int64_t)>& progress);

  Access access_;
  std::string name_;
  bool scratch_;  // created by this process: the only kind execute() may modify
  bool session_ = false;  // a second connection to a scratch database: never drops it
  std::unique_ptr<Connection> connection_;
  int snapshots_ = 0;
  std::unique_ptr<SnapshotConnections> snapshot_connections_;  // from the second snapshot on
  bool snapshot_connections_failed_ = false;
  std::unique_ptr<Connection> committed_reads_;  // multi-statement, from the first read_committed
  bool committed_reads_failed_ = false;
};

// A second connection to scratch database `db` (a MysqlDatabase) as the admin login, for the
// bench lock watcher: it reads other sessions' locks (PROCESSLIST, METADATA_LOCK_INFO,
// performance_schema), which the run's own login may not. It refuses execute(); never hand it to
// migration code.
std::unique_ptr<Database> open_observer_session(Database& db);

// Drops scratch database `name` from a fresh admin connection (retried for a few seconds when
// the server cannot be reached), first killing the connection `connection_id` that may still be
// running a statement in it (0: none). Used on Ctrl-C and when the database's own connection is
// gone. Throws crucible::Error when it could not.
void drop_scratch_database(const Dsn& admin, const std::string& name, int64_t connection_id);

// KILL QUERY `connection_id` from a fresh admin connection: the statement ends, the connection
// stays usable.
void kill_query(const Dsn& admin, int64_t connection_id);

}  // namespace crucible::mysql
