#include "harness/engines/engine_facts.h"
#include "harness/engines/postgres/postgres_engine.h"

namespace crucible {

const EngineFacts& postgres_facts() {
  static const EngineFacts facts{
      .kind = EngineKind::postgres,
      .name = "postgres",
      .aliases = {"postgresql", "pg"},
      .url_scheme = "postgresql",
      .default_port = 5432,
      .default_url = "postgresql://crucible:crucible@127.0.0.1:5432/postgres",
      .dialect = Dialect::postgres,
      .session_parameters = "search_path, lock_timeout, timezone",
      .transactional_ddl = true,
      .can_clone = true,
      .lock_watch = LockWatchKind::postgres_locks,
      .type_rules = TypeRules::postgres,
      .helium_name = "postgresql",
      .connect = [](const Dsn& dsn, const EngineOptions& options) {
        return make_postgres_engine(dsn, options);
      },
  };
  return facts;
}

}  // namespace crucible
