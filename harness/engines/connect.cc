#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "harness/engines/mysql/mysql_engine.h"
#include "harness/engines/postgres/postgres_engine.h"
#include "harness/engines/sqlite/sqlite_engine.h"

namespace crucible {

std::unique_ptr<Engine> connect_engine(const Dsn& dsn, const EngineOptions& options) {
  switch (dsn.kind) {
    case EngineKind::sqlite: return make_sqlite_engine(dsn, options);
    case EngineKind::postgres: return make_postgres_engine(dsn, options);
    case EngineKind::mysql:
    case EngineKind::mariadb: return make_mysql_engine(dsn, options);
    case EngineKind::db2:
      throw Error(fmt::format(
          "db2 ({}): the DB2 engine is not built into this version of Crucible yet; "
          "see README.md \"What is verified where\"", dsn.redacted()));
  }
  throw Error("unknown engine");
}

std::unique_ptr<Database> open_existing_database(const Dsn& dsn, const std::string& name) {
  if (dsn.kind == EngineKind::postgres) return open_existing_postgres_database(dsn, name);
  return connect_engine(dsn)->open_existing(name);
}

}  // namespace crucible
