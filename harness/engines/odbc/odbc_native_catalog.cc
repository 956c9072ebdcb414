#include "harness/engines/odbc/odbc_native_catalog.h"

#include <optional>
#include <string_view>

#include "harness/common/error.h"
#include "harness/engines/db2/db2_admin.h"
#include "harness/engines/db2/db2_odbc_catalog.h"
#include "harness/engines/mysql/mysql_dialect.h"
#include "harness/engines/mysql/mysql_snapshot.h"
#include "harness/engines/odbc/odbc_catalog.h"
#include "harness/engines/odbc/odbc_text_queries.h"
#include "harness/engines/postgres/postgres_catalog.h"

namespace crucible::odbc {
namespace {

// é and 😀 as the server's text, or NULL on a server whose encoding is not UTF-8 (convert_from
// is stable, so it is not folded into an error when planned there), and the same as UTF-8 bytes.
constexpr const char* kNarrowProbe =
    "SELECT CASE WHEN current_setting('server_encoding') = 'UTF8' "
    "THEN convert_from(decode('c3a9f09f9880', 'hex'), 'UTF8') END";
constexpr std::string_view kNarrowProbeText = "\xC3\xA9\xF0\x9F\x98\x80";

// The native reader's repeatable-read, read-only transaction, as ODBC opens one: autocommit off
// (the driver begins the transaction with the first statement) and rolled back at the end, which
// also undoes its SET LOCAL. Inside the caller's own transaction, a savepoint does the same.
catalog::Catalog read_postgres(Connection& connection) {
  OdbcTextQueries source(connection, postgres_narrow_text_is_utf8(connection)
                                         ? TextFetch::narrow_blocks
                                         : TextFetch::wide_blocks);
  bool own_transaction = connection.autocommit();
  if (own_transaction) connection.set_autocommit(false);
  else source.query("SAVEPOINT crucible_snapshot", "starting a snapshot");
  try {
    catalog::Catalog out =
        postgres::read_catalog(source, own_transaction, &connection.postgres_catalog_memory());
    if (own_transaction) {
      connection.end_transaction(false);
      connection.set_autocommit(true);
    } else {
      source.query("ROLLBACK TO SAVEPOINT crucible_snapshot", "ending a snapshot");
      source.query("RELEASE SAVEPOINT crucible_snapshot", "ending a snapshot");
    }
    return out;
  } catch (...) {
    try {
      if (own_transaction) {
        connection.end_transaction(false);
        connection.set_autocommit(true);
      } else {
        source.query("ROLLBACK TO SAVEPOINT crucible_snapshot", "ending a snapshot");
      }
    } catch (...) {  // the connection is gone: the first error is the one to report
    }
    throw;
  }
}

// As the native engine: no transaction (information_schema is not transactional anyway); the
// dialect from the server's own version string, and its session setup before reading.
catalog::Catalog read_mysql(Connection& connection, const std::string& database) {
  OdbcTextQueries source(connection, TextFetch::narrow_values);
  Rows version = source.query("SELECT VERSION()", "reading the server version");
  const mysql::ServerDialect& dialect =
      mysql::dialect_for_version(version.empty() ? "" : version.front().text(0));
  for (const std::string& setup : dialect.session_setup)
    source.query(setup, "setting up the snapshot session");
  return mysql::read_catalog(source, dialect, connection.label(), database);
}

// Whether the probe comes back as UTF-8 narrow text; false when the driver cannot convert it.
bool probe_reads_utf8(Connection& connection) {
  try {
    Rows probe = OdbcTextQueries(connection, TextFetch::narrow_values)
                     .query(kNarrowProbe, "reading how the driver hands over text");
    return probe.size() == 1 && probe.front().text(0) == kNarrowProbeText;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

bool postgres_narrow_text_is_utf8(Connection& connection) {
  if (std::optional<bool> known = connection.narrow_text_is_utf8()) return *known;
  bool is = probe_reads_utf8(connection);
  connection.set_narrow_text_is_utf8(is);
  return is;
}

bool has_native_catalog(EngineKind kind) {
  return kind == EngineKind::postgres || kind == EngineKind::mariadb ||
         kind == EngineKind::mysql;
}

catalog::Catalog read_catalog(Connection& connection, EngineKind kind,
                              const std::string& database) {
  switch (kind) {
    case EngineKind::postgres:
      return read_postgres(connection);
    case EngineKind::mariadb:
    case EngineKind::mysql:
      return read_mysql(connection, database);
    case EngineKind::db2:
      return db2::read_catalog_over_odbc(connection, db2::schema_for(database));
    default:
      return read_generic_catalog(connection, std::string(engine_name(kind)), "public",
                                  {"information_schema", "pg_catalog", "SYSIBM", "SYSCAT",
                                   "SYSSTAT", "SYSTOOLS", "SYSPROC", "SYSIBMADM", "SYSFUN"});
  }
}

}  // namespace crucible::odbc
