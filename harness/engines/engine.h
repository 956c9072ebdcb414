// One interface per database engine; one folder per implementation (sqlite/, postgres/,
// mysql/ for MySQL and MariaDB, db2/).
//
// An Engine is a connection to a server (or, for SQLite, a directory of files). It creates
// scratch databases that Crucible names itself (crucible_<run>_<n>) and drops when done, and it
// opens existing databases read-only for `crucible snapshot`. Nothing else is ever modified.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/common/dsn.h"
#include "harness/engines/time_limit.h"
#include "harness/migration/migration.h"

namespace crucible {

struct ServerInfo {
  std::string version;             // the server's own version string, e.g. "15.20"
  bool transactional_ddl = false;  // a failed script is rolled back completely
  bool can_clone = false;          // Database::clone() is cheaper than replaying migrations
  // What migrations can reach, in words, for the report: "migrations run as role crucible_… that
  // owns only its scratch databases". Under --privileged it starts with "containment off", e.g.
  // "containment off (--privileged): migrations run as crucible, a superuser".
  std::string containment;
  // The snapshot sees exact column types and CHECKs, which generating rows a table accepts needs
  // (the data check). False for the ODBC engine's generic catalog level (odbc_catalog.h).
  bool catalog_sees_types_and_checks = true;
  // A second engine on the same server in this process can run migrations at the same time as
  // this one: the two share the run's login (the data check runs beside the linear pass on
  // one). False for the ODBC engine, whose login is its own.
  bool shares_run_login = true;
};

// How an engine runs migrations (README "Security model").
struct EngineOptions {
  // false (the default): migrations run with least privilege, as a login of their own that can
  // reach only the scratch databases of this run (SQLite: an authorizer that refuses ATTACH).
  // true (--privileged): as the DSN's own login, with all its rights; the report says so loudly.
  bool privileged = false;
  // A statement running longer is cancelled by Crucible and reported as an error; 0: no limit.
  std::chrono::milliseconds statement_timeout{0};
  // --strict-dml: over ODBC, a statement the driver reports as touching no row (SQL_NO_DATA,
  // SQLSTATE 02000; DB2's SQLCODE +100) fails its script; otherwise it is a note.
  bool strict_dml = false;
  // true (the default): a scratch database's commits need not wait for the disk. It is dropped at
  // the end of the run and a crash loses nothing a check needs, so durability changes no outcome;
  // on SQLite, the default engine, waiting for the disk was over half of a verify's time.
  // SQLite: synchronous = OFF and the rollback journal in memory (ROLLBACK works as before).
  // PostgreSQL: synchronous_commit = off on the scratch databases' sessions. MariaDB/MySQL have
  // no such setting per session (innodb_flush_log_at_trx_commit is the server's), so none.
  // false: `crucible bench`, which times migrations as a server would run them.
  bool throwaway_commits = true;
};

// A statement the engine rejected.
struct StatementError {
  std::string message;   // the engine's own error text
  std::string sqlstate;  // "" when the engine has none (SQLite: the extended result code name)
  SourceLocation where;  // the statement's file:line
  std::string statement; // the statement text (truncated for display by the reports)
};

struct ExecResult {
  std::optional<StatementError> error;  // nullopt: every statement succeeded
  bool atomic = true;        // ran inside one transaction (all or nothing)
  bool rolled_back = false;  // after an error: the transaction was rolled back, state unchanged
  int statements_run = 0;    // statements that succeeded before the error, or all of them
  std::string note;          // e.g. "ran outside a transaction: CREATE INDEX CONCURRENTLY"

  bool ok() const { return !error.has_value(); }
};

// A value bound to a `?` parameter or read from a result row. Engines bind parameters natively
// (never spliced into the SQL text) and return each column in the closest of these types.
using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

// Rows for Database::bulk_load(), produced one at a time so that millions of rows never sit in
// memory at once.
class RowSource {
 public:
  virtual ~RowSource() = default;
  // Fills `row` (one value per column, in the order given to bulk_load) and returns true, or
  // returns false when there are no more rows.
  virtual bool next(std::vector<SqlValue>& row) = 0;
};

struct QueryResult {
  std::optional<StatementError> error;  // nullopt: the statement succeeded
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
  int64_t rows_affected = 0;
  std::optional<int64_t> last_insert_id;

  bool ok() const { return !error.has_value(); }
};

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  virtual const std::string& name() const = 0;

  // The limits its statements run under: the engine sets `statement` from EngineOptions when it
  // opens the database; the verify loop sets the migration deadline around each migration.
  TimeLimits& time_limits() { return time_limits_; }

  // Runs the script's statements in order, inside one transaction when the script is
  // transactional and the engine can; stops at the first error. Never throws for a statement
  // error (that is a result); throws crucible::Error when the connection itself is lost.
  virtual ExecResult execute(const Script& script) = 0;

  // Reads the catalog of this database from the engine's native catalog tables.
  virtual catalog::Catalog snapshot() = 0;
  // A fingerprint of everything snapshot() compares, computed by the server in one round trip,
  // or nullopt where the engine has none (the default). Two equal digests of one engine mean
  // equal snapshots; two different ones mean nothing (take both snapshots and diff them).
  // Verify does not use it yet: on these servers a digest costs about as much as the snapshot
  // (benchmarks/README.md, "digest-first").
  virtual std::optional<std::string> catalog_digest();

  // One number per table of `tables` that grows with every statement run on this connection
  // that may write the table: equal numbers at two moments mean its rows did not change in
  // between. nullopt where the engine cannot tell (the default; SQLite: sqlite_write_log.h).
  virtual std::optional<std::vector<uint64_t>> table_writes(const std::vector<std::string>& tables);

  // --- For callers that run their own statements (Lua DSL, data checks, Helium emulation) ---
  // One statement with `?` placeholders bound in order by the engine. A statement error is
  // returned, not thrown. Engines that do not implement it yet throw crucible::Error.
  virtual QueryResult query(const Statement& statement, const std::vector<SqlValue>& params = {});
  // Runs `reads` (each one SELECT) as query() would and returns their results in order, in one
  // round trip, on a connection of the engine's own that sees what this database has committed
  // and nothing else: not a migration's temporary tables or session settings. nullopt where it
  // cannot, and the caller reads through query(): the default, and MySQL/MariaDB while this
  // connection has a transaction open (its uncommitted rows are part of what must be read).
  virtual std::optional<std::vector<QueryResult>> read_committed(const std::vector<Statement>& reads);
  // Explicit transaction control around query() calls; execute() manages its own.
  virtual void begin();
  virtual void commit();
  virtual void rollback();
  // Whether scripts execute()d between begin() and rollback() are undone, DDL included, and
  // snapshot() reads what that transaction sees. Verify then runs a round trip in one
  // transaction and rolls a failed one back instead of rebuilding the database. false by
  // default (MySQL and MariaDB commit DDL as it runs); PostgreSQL, and SQLite while it does not
  // enforce foreign keys. (A script's PRAGMA foreign_keys changes nothing inside a transaction,
  // but a script runs in one of its own anyway.)
  virtual bool undoes_scripts() const { return false; }

  // A new scratch database with the same schema and data, made the engine's cheapest way
  // (PostgreSQL: CREATE DATABASE … TEMPLATE; SQLite: the backup API). Engines that cannot
  // clone throw crucible::Error; callers then rebuild by replaying migrations.
  virtual std::unique_ptr<Database> clone();

  // --- Bulk data and concurrent sessions (crucible bench, data checks) ---
  // Inserts every row of `rows` into `table` (columns in the given order) the engine's fastest
  // way: PostgreSQL COPY, MySQL/MariaDB multi-row INSERTs, SQLite one transaction around one
  // prepared statement. `progress` (may be empty) is called now and then with the rows loaded
  // so far. Returns the number of rows loaded; a rejected row throws crucible::Error naming the
  // table, since bulk data is generated to fit and a rejection means the generator is wrong.
  virtual int64_t bulk_load(const std::string& table, const std::vector<std::string>& columns,
                            RowSource& rows,
                            const std::function<void(int64_t)>& progress = {});
  // A second connection to this same database, for traffic that runs while a migration does.
  // It may modify the database (it is still a scratch database Crucible created) but never drops
  // it; it must not outlive this object.
  virtual std::unique_ptr<Database> open_session();

 protected:
  Database() = default;

 private:
  TimeLimits time_limits_;
};

class Engine {
 public:
  virtual ~Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  virtual EngineKind kind() const = 0;
  virtual const Dsn& dsn() const = 0;
  virtual ServerInfo server_info() = 0;

  // Creates an empty scratch database named by scratch_name(). The returned object drops it
  // when destroyed; it is also registered with ScratchRegistry so that Ctrl-C drops it.
  virtual std::unique_ptr<Database> create_scratch() = 0;

  // Opens an existing database for reading only (`crucible snapshot`); it is never modified.
  virtual std::unique_ptr<Database> open_existing(const std::string& name) = 0;

  // Scratch databases left behind by crashed runs (names matching is_scratch_name()).
  virtual std::vector<std::string> list_leftovers() = 0;
  // Drops one leftover; refuses (throws) for any name that is not a Crucible scratch name.
  virtual void drop_leftover(const std::string& name) = 0;

 protected:
  Engine() = default;
};

// Connects to the engine the DSN names. Throws crucible::Error (exit 2) when the server cannot
// be reached or the engine is not built in; the message carries the redacted DSN.
std::unique_ptr<Engine> connect_engine(const Dsn& dsn, const EngineOptions& options = {});

// Opens an existing database for reading only, as Engine::open_existing does, but without an
// engine's admin session where the engine can: `crucible snapshot` is one connection on
// PostgreSQL rather than two (each a backend start and a password exchange).
std::unique_ptr<Database> open_existing_database(const Dsn& dsn, const std::string& name);

}  // namespace crucible
