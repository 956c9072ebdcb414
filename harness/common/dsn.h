// Connection strings. DSNs are URLs (see docs/DESIGN.md "Engines and connections"):
//   sqlite:                      a scratch file in a temporary directory
//   sqlite:///path/file.db       an existing file (only ever opened read-only by `snapshot`)
//   postgresql://user:pass@host:port/admin_db
//   mariadb://user:pass@host:port/   mysql://...   db2://...
//   odbc:Driver={PostgreSQL Unicode};Server=…;Uid=…;Pwd=…   odbc:DSN=name   (the ODBC engine)
// The database in a server DSN is the *admin* database Crucible connects to in order to create
// its own scratch databases; it is never modified.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"

namespace crucible {

struct Dsn {
  EngineKind kind = EngineKind::sqlite;
  std::string user;
  std::string password;
  std::string host;
  int port = 0;
  std::string database;  // admin database (servers) or file path (sqlite); may be empty
  std::map<std::string, std::string> params;  // ?key=value pairs the connector takes
  // Statements every connection that runs migrations executes first (scratch databases, clones,
  // rebuilt databases, data-check and bench sessions; never the admin session that creates and
  // drops databases, so they run as the contained per-run login). In order: the DSN's session
  // parameters (session_parameters()), then each --session statement.
  std::vector<std::string> session;
  // The ODBC connection string when the engine is reached through ODBC (an odbc: DSN, or db2://
  // through IBM's driver); "" for the engine's native connector. `kind` is then the DBMS behind
  // it, which decides the scripts and the dialect.
  std::string odbc;

  // The DSN as text with the password replaced by "***": the only form that may be printed.
  std::string redacted() const;
};

// The ?key=value parameters that are session settings rather than connection options, for
// messages: "search_path, lock_timeout, timezone" for PostgreSQL, "sql_mode, foreign_key_checks,
// time_zone" for MySQL and MariaDB, "" for SQLite (its foreign_keys=on is an engine option).
const char* session_parameters(EngineKind kind);

// Parses a DSN URL; session parameters become statements in Dsn::session. Throws crucible::Error
// naming the (redacted) text when it is malformed, or a session parameter with a bad value.
// An odbc: DSN names its DBMS by the driver (Driver={PostgreSQL Unicode}) or, for DSN=name, by
// asking the server (SQL_DBMS_NAME): that connects, and throws crucible::Error when it cannot.
Dsn parse_dsn(const std::string& url);

// The DSN used for `--engine NAME` without `=DSN`: $CRUCIBLE_<NAME>_URL, else the default
// local server with the crucible/crucible user that ci/start-engines.sh creates.
Dsn default_dsn(EngineKind kind);

}  // namespace crucible
