// The fuzz targets link the engine registry (engine names, dialects and other facts come from it)
// but none of the engines: they fuzz parsers and never connect. These definitions satisfy the
// registry's `connect` entries and refuse, so a fuzz input that somehow reached a connection
// would fail loudly instead of linking a database client into the fuzzer.
#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_engine.h"
#include "harness/engines/odbc/odbc_engine.h"
#include "harness/engines/odbc/odbc_probe.h"
#include "harness/engines/postgres/postgres_engine.h"
#include "harness/engines/sqlite/sqlite_engine.h"

namespace crucible {
namespace {

[[noreturn]] std::unique_ptr<Engine> refuse() {
  throw Error("fuzz targets are built without engines and cannot connect");
}

}  // namespace

std::unique_ptr<Engine> make_sqlite_engine(const Dsn&, const EngineOptions&) { refuse(); }
std::unique_ptr<Engine> make_postgres_engine(const Dsn&, const EngineOptions&) { refuse(); }
std::unique_ptr<Engine> make_mysql_engine(const Dsn&, const EngineOptions&) { refuse(); }
std::unique_ptr<Engine> make_odbc_engine(const Dsn&, const EngineOptions&) { refuse(); }

// Asking an ODBC data source which DBMS it is means connecting: an odbc:DSN=name that names no
// driver is an error here.
EngineKind odbc::probe_kind(const std::string&) {
  throw Error("fuzz targets are built without engines and cannot connect");
}

}  // namespace crucible
