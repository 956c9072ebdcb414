#include "benchmarks/support/wide_schema.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::bench {
namespace {

// {0} is the table number. The types are the ones each engine's users would write.
const char* table_template(EngineKind kind) {
  switch (kind) {
    case EngineKind::postgres:
      return "CREATE TABLE t{0} (id integer PRIMARY KEY, code varchar(40) NOT NULL UNIQUE, "
             "name varchar(100), qty integer DEFAULT 0 CHECK (qty >= 0), price numeric(10,2), "
             "created_at timestamp, note text)";
    case EngineKind::mysql:
    case EngineKind::mariadb:
      return "CREATE TABLE t{0} (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL UNIQUE, "
             "name VARCHAR(100), qty INT DEFAULT 0 CHECK (qty >= 0), price DECIMAL(10,2), "
             "created_at DATETIME, note TEXT)";
    default:
      return "CREATE TABLE t{0} (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT, "
             "qty INTEGER DEFAULT 0 CHECK (qty >= 0), price REAL, created_at TEXT, note TEXT)";
  }
}

}  // namespace

Script wide_schema(EngineKind kind, int tables) {
  Script script;
  script.file = "<wide schema>";
  for (int t = 0; t < tables; ++t) {
    script.statements.push_back({fmt::format(fmt::runtime(table_template(kind)), t), {}});
    script.statements.push_back({fmt::format("CREATE INDEX t{0}_name_idx ON t{0}(name)", t), {}});
  }
  return script;
}

WideDatabase::WideDatabase(std::unique_ptr<Engine> connected, int tables)
    : engine(std::move(connected)), db(engine->create_scratch()) {
  ExecResult result = db->execute(wide_schema(engine->kind(), tables));
  if (!result.ok())
    throw Error(fmt::format("building the wide schema on {}: {}", engine_name(engine->kind()),
                            result.error->message));
}

}  // namespace crucible::bench
