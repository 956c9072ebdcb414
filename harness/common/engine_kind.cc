#include "harness/common/engine_kind.h"

namespace crucible {

std::string_view engine_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::sqlite: return "sqlite";
    case EngineKind::postgres: return "postgres";
    case EngineKind::mysql: return "mysql";
    case EngineKind::mariadb: return "mariadb";
    case EngineKind::db2: return "db2";
  }
  return "?";
}

std::optional<EngineKind> parse_engine_name(std::string_view name) {
  for (EngineKind kind : all_engine_kinds())
    if (engine_name(kind) == name) return kind;
  if (name == "postgresql" || name == "pg") return EngineKind::postgres;
  return std::nullopt;
}

Dialect dialect_of(EngineKind kind) {
  switch (kind) {
    case EngineKind::sqlite: return Dialect::sqlite;
    case EngineKind::postgres: return Dialect::postgres;
    case EngineKind::mysql:
    case EngineKind::mariadb: return Dialect::mysql;
    case EngineKind::db2: return Dialect::db2;
  }
  return Dialect::sqlite;
}

const std::vector<EngineKind>& all_engine_kinds() {
  static const std::vector<EngineKind> kinds = {EngineKind::sqlite, EngineKind::postgres,
                                                EngineKind::mysql, EngineKind::mariadb,
                                                EngineKind::db2};
  return kinds;
}

}  // namespace crucible
