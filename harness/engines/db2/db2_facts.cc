// DB2: scripts in DB2's dialect, reached through the ODBC engine with IBM's CLI driver.
#include <fmt/format.h>

#include "harness/common/dsn.h"
#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "harness/engines/engine_facts.h"

namespace crucible {

const EngineFacts& db2_facts() {
  static const EngineFacts facts{
      .kind = EngineKind::db2,
      .name = "db2",
      .url_scheme = "db2",
      .default_port = 50000,
      .default_url = "db2://db2inst1:crucible@127.0.0.1:50000/crucible",
      .dialect = Dialect::db2,
      .transactional_ddl = true,
      .type_rules = TypeRules::postgres,  // SQL-standard type names: the closest rules
      .helium_name = "db2",
      .connect = [](const Dsn& dsn, const EngineOptions&) -> std::unique_ptr<Engine> {
        throw Error(fmt::format(
            "db2 ({}): the DB2 engine is not built into this version of Crucible yet; "
            "see README.md \"What is verified where\"", dsn.redacted()));
      },
  };
  return facts;
}

}  // namespace crucible
