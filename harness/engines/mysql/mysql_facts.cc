// MySQL and MariaDB share one implementation (mysql_engine.h) and differ in their facts only by
// name, default DSN and script fallback.
#include "harness/engines/engine_facts.h"
#include "harness/engines/mysql/mysql_engine.h"
#include "harness/engines/mysql/mysql_implicit_commit.h"

namespace crucible {
namespace {

EngineFacts mysql_family(EngineKind kind, std::string_view name, std::string_view default_url) {
  return EngineFacts{
      .kind = kind,
      .name = name,
      .url_scheme = name,
      .default_port = 3306,
      .default_url = default_url,
      .dialect = Dialect::mysql,
      .session_parameters = "sql_mode, foreign_key_checks, time_zone",
      .commits_implicitly = &mysql::commits_implicitly,
      .transactional_ddl = false,
      .can_clone = false,
      .lock_watch = LockWatchKind::mysql_metadata_locks,
      .type_rules = TypeRules::mysql,
      .helium_name = name,
      .connect = [](const Dsn& dsn, const EngineOptions& options) {
        return make_mysql_engine(dsn, options);
      },
  };
}

}  // namespace

const EngineFacts& mysql_facts() {
  static const EngineFacts facts =
      mysql_family(EngineKind::mysql, "mysql", "mysql://crucible:crucible@127.0.0.1:3306/");
  return facts;
}

const EngineFacts& mariadb_facts() {
  static EngineFacts facts = [] {
    EngineFacts f =
        mysql_family(EngineKind::mariadb, "mariadb", "mariadb://crucible:crucible@127.0.0.1:3306/");
    f.script_fallbacks = {EngineKind::mysql};
    return f;
  }();
  return facts;
}

}  // namespace crucible
