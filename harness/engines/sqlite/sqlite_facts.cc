#include "harness/engines/engine_facts.h"
#include "harness/engines/sqlite/sqlite_engine.h"

namespace crucible {

const EngineFacts& sqlite_facts() {
  static const EngineFacts facts{
      .kind = EngineKind::sqlite,
      .name = "sqlite",
      .url_scheme = "sqlite",
      .default_url = "sqlite:",
      .dialect = Dialect::sqlite,
      .transactional_ddl = true,
      .can_clone = true,
      .type_rules = TypeRules::sqlite,
      .helium_name = "sqlite",
      .connect = [](const Dsn& dsn, const EngineOptions& options) {
        return make_sqlite_engine(dsn, options);
      },
  };
  return facts;
}

}  // namespace crucible
