// One ODBC connection (unixODBC's driver manager): statements with `?` parameters bound natively,
// transactions, and the driver's diagnostics — SQLSTATE, native error and every message — in
// every error. Nothing here knows which DBMS is behind the driver.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sql.h>
#include <sqlext.h>

#include "harness/engines/engine.h"
#include "harness/engines/postgres/postgres_catalog_packed.h"

namespace crucible::odbc {

// A driver's diagnostic records for one handle: "message (SQLSTATE 42P01, native 7)", joined by
// "; ", and the first record's SQLSTATE.
struct Diagnostics {
  std::string sqlstate;
  std::string message;
};
Diagnostics diagnostics_of(SQLSMALLINT handle_type, SQLHANDLE handle);

class Connection {
 public:
  // Connects with SQLDriverConnect. `label` names the engine and the redacted DSN in messages
  // ("postgres (odbc:Driver=…;Pwd=***)"). Throws crucible::Error with the diagnostics.
  Connection(const std::string& connection_string, std::string label);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& label() const { return label_; }
  // SQLGetInfo text: SQL_DBMS_NAME, SQL_DBMS_VER, SQL_DRIVER_NAME, …
  std::string info(SQLUSMALLINT what);

  // One statement. A statement error is the result's error (not thrown); a statement cancelled by
  // `limits` reports the limit. Throws crucible::Error only when no statement handle can be made.
  QueryResult run(const Statement& statement, const std::vector<SqlValue>& params,
                  const TimeLimits& limits);
  // Whether the last run() was a searched UPDATE/DELETE/INSERT/MERGE that touched no row: the
  // driver returned SQL_NO_DATA from SQLExecDirect (SQLSTATE 02000; DB2's SQLCODE +100).
  bool touched_no_row() const { return touched_no_row_; }
  // Integer parameters go as text the server types from context, as libpq's do natively:
  // psqlODBC sends an SQL_BIGINT as int8, which a boolean column refuses (0/1 are how generated
  // rows write booleans on every engine).
  void set_integers_as_text(bool on) { integers_as_text_ = on; }
  // A statement that must succeed (transaction control, admin SQL); throws crucible::Error.
  void must_run(const std::string& sql, const std::string& what);

  // Autocommit off starts a transaction that end_transaction() ends; throws crucible::Error.
  void set_autocommit(bool on);
  bool autocommit() const { return autocommit_; }
  void end_transaction(bool commit);

  // Cancels the statement running on this connection (SQLCancel), from any thread.
  void cancel();

  // The connection handle, for the catalog functions (SQLTables, SQLColumns, …).
  SQLHDBC handle() { return dbc_; }

  // Whether the driver's narrow text (SQL_C_CHAR) is the server's UTF-8 byte for byte, once a
  // DBMS-specific probe has found out (odbc_native_catalog.cc): it holds for the connection's
  // life, as the driver decides it when connecting. nullopt: not asked yet.
  std::optional<bool> narrow_text_is_utf8() const { return narrow_text_is_utf8_; }
  void set_narrow_text_is_utf8(bool is) { narrow_text_is_utf8_ = is; }

  // What the PostgreSQL catalog reader learnt about this session's snapshots, kept for the
  // connection's life (postgres_catalog_packed.h).
  postgres::sql::PackedCatalogMemory& postgres_catalog_memory() { return postgres_catalog_; }

 private:
  std::string label_;
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  bool autocommit_ = true;
  bool touched_no_row_ = false;
  bool integers_as_text_ = false;
  std::optional<bool> narrow_text_is_utf8_;
  postgres::sql::PackedCatalogMemory postgres_catalog_;
  std::mutex running_mutex_;
  SQLHSTMT running_ = SQL_NULL_HSTMT;
};

// Reads every row of the result on `stmt` into `result` (columns, rows), then drains further
// result sets. Values come back as int64 for integer columns, double for floating ones, text
// otherwise. Returns false with `error` set when fetching fails.
bool fetch_all(SQLHSTMT stmt, QueryResult& result, Diagnostics& error);

}  // namespace crucible::odbc
