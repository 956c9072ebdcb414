// What Crucible knows about an engine before connecting to it: its names, its DSNs, the dialect
// its scripts are split in, and what it can do. Each engine folder defines one EngineFacts; the
// registry (registry.h) lists them, and every place that used to switch on the engine asks it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/engine_kind.h"

namespace crucible {

class Engine;
struct Dsn;
struct EngineOptions;

// How `crucible bench --load` watches the locks a migration holds (harness/bench/).
enum class LockWatchKind { none, postgres_locks, mysql_metadata_locks };

// Which rules map a column type onto generated values (harness/data/column_type.h).
enum class TypeRules { sqlite, postgres, mysql };

struct EngineFacts {
  EngineKind kind;
  std::string_view name;                  // as in --engine NAME and the reports: "postgres"
  std::vector<std::string_view> aliases;  // other names --engine and DSN schemes accept
  std::string_view url_scheme;            // as redacted DSNs print it: "postgresql"
  int default_port = 0;                   // 0: not a server
  std::string_view default_url;           // without $CRUCIBLE_<NAME>_URL
  Dialect dialect;                        // statement splitting and SQL normalisation
  // The engine whose script files this one runs when it has none of its own (MariaDB: MySQL's).
  std::vector<EngineKind> script_fallbacks;
  // DSN ?key=value parameters that become session statements, for messages ("" for none).
  std::string_view session_parameters = "";  // .data() is printed as a C string
  // True when `statement` commits the open transaction (MySQL/MariaDB DDL); nullptr: none does.
  bool (*commits_implicitly)(std::string_view statement) = nullptr;
  bool transactional_ddl = false;  // a failed script is rolled back completely
  bool can_clone = false;          // Database::clone() is cheaper than replaying migrations
  LockWatchKind lock_watch = LockWatchKind::none;
  TypeRules type_rules = TypeRules::postgres;
  std::string_view helium_name;  // the engine's name in Helium designs (database_<name>.lua)
  // Connects; throws crucible::Error (exit 2) when the server cannot be reached.
  std::unique_ptr<Engine> (*connect)(const Dsn& dsn, const EngineOptions& options) = nullptr;
};

}  // namespace crucible
