#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "harness/engines/odbc/odbc_engine.h"
#include "harness/engines/postgres/postgres_engine.h"
#include "harness/engines/registry.h"

namespace crucible {

std::unique_ptr<Engine> connect_engine(const Dsn& dsn, const EngineOptions& options) {
  if (!dsn.odbc.empty()) return make_odbc_engine(dsn, options);  // the transport, any DBMS
  return engine_facts(dsn.kind).connect(dsn, options);
}

std::unique_ptr<Database> open_existing_database(const Dsn& dsn, const std::string& name) {
  if (dsn.kind == EngineKind::postgres && dsn.odbc.empty()) return open_existing_postgres_database(dsn, name);
  return connect_engine(dsn)->open_existing(name);
}

}  // namespace crucible
