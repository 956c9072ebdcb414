// Connections to a PostgreSQL server, opened from a Dsn. Every failure becomes a crucible::Error
// that names the engine, the redacted DSN and the database — never the password.
#pragma once

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "harness/common/dsn.h"

namespace crucible::postgres {

// throwaway: read_write, but commits do not wait for the WAL to reach the disk
// (synchronous_commit=off) — for a scratch database that is dropped at the end of the run, where
// a crash loses nothing a check needs (EngineOptions::throwaway_commits).
enum class Access { read_write, read_only, throwaway };

// The libpq keyword/value connection string for `database` on the server `dsn` names. Sessions
// only report warnings and errors (client_min_messages=warning), give up connecting after
// 5 seconds, and with Access::read_only refuse every write (default_transaction_read_only). A
// `statement_timeout` sets the server's own as a first line of defence, a second later than
// Crucible's watchdog (which a migration cannot switch off) so that the watchdog's message wins.
// A DSN parameter that is neither a libpq connection keyword nor a session parameter (which
// parse_dsn already took out) throws crucible::Error naming it and the known ones.
std::string connection_string(const Dsn& dsn, const std::string& database, Access access,
                              std::chrono::milliseconds statement_timeout = {});

// Opens a connection; throws crucible::Error when the server cannot be reached or refuses.
std::unique_ptr<pqxx::connection> open_connection(const Dsn& dsn, const std::string& database,
                                                  Access access = Access::read_write,
                                                  std::chrono::milliseconds statement_timeout = {});

// Runs the DSN's session statements (Dsn::session) on a connection that runs migrations, in
// order. Throws crucible::Error naming `where` and the statement that failed.
void apply_session(pqxx::connection& connection, const Dsn& dsn, const std::string& where);

// `prologue`'s statements and then `sql` as one query string: control statements of Crucible's
// own (BEGIN, savepoints) that would each be a round trip, sent in one. Only for statements
// that cannot fail to parse: a user's statement goes alone, so its error names it. `sql` may
// be empty: the prologue alone.
std::string with_prologue(const std::vector<std::string>& prologue, const std::string& sql);

// The database to connect to for server-level work: the DSN's, or `postgres` when it names none.
std::string admin_database(const Dsn& dsn);

// Drops `name` through a fresh connection to the admin database, disconnecting any session
// still attached (AdminSession::drop_database on a session of its own). For the Ctrl-C cleanup,
// which may run while other threads hold the engines' sessions; throws crucible::Error.
void drop_database(const Dsn& dsn, const std::string& name);

// An exception's text without the trailing newline libpq appends.
std::string message_of(const std::exception& error);

// The error's SQLSTATE. libpqxx 6.4 throws a refused right (42501) as insufficient_privilege
// without its code, which left the report's `sqlstate` empty and the refusal unrecognised.
std::string sqlstate_of(const pqxx::sql_error& error);

// "postgres (postgresql://crucible:***@host:5432/postgres)": the prefix of every error message.
std::string describe_server(const Dsn& dsn);

}  // namespace crucible::postgres
