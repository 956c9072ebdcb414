// Loaders turn a folder of migrations into a MigrationSet. The SQL directory loader understands
// three layouts, recognised by file names:
//   golang-migrate  VERSION_name.up.sql / VERSION_name.down.sql, with per-engine variants
//                   VERSION_name.ENGINE.up.sql (mariadb falls back to mysql, then to generic)
//   dbmate          VERSION_name.sql with `-- migrate:up` / `-- migrate:down` sections
//   Flyway          V<ver>__<desc>.sql with U<ver>__<desc>.sql as the undo
// Per-file markers (SQL comments anywhere in the file):
//   -- crucible:no-transaction   (or dbmate's `-- migrate:up transaction:false`)
//   -- crucible:irreversible <reason>
// A missing down file (or dbmate down section) gives no reverse at all (nullopt); an empty one,
// or one with only comments, gives a reverse with no statements. Both are reported by the runner.
// A transactional script that wraps itself in a transaction (first statement BEGIN / BEGIN
// TRANSACTION / START TRANSACTION, last COMMIT / END) loses those two statements: the engine runs
// it in a transaction of its own. Non-.sql files and subfolders are ignored.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/checks/helium_options.h"
#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// Loads a folder of SQL migrations for the given engines (statements split with each engine's
// dialect). Throws crucible::Error naming the file (and line) for duplicate versions, a down
// without an up, unreadable files, a .sql name of no layout, mixed layouts, Flyway repeatables
// (R__), unknown markers, or a folder that does not exist or holds no migrations.
MigrationSet load_sql_directory(const std::string& root, const std::vector<EngineKind>& engines);

// Detects the format of `root` (format "auto") or uses the one given ("sql", "lua", "helium")
// and loads it. `defines` (--define NAME=VALUE) are seen by Lua code through os.getenv, before
// the environment, and fill Helium's ${NAME} macros. `helium` applies to Helium designs only.
MigrationSet load_migrations(const std::string& root, const std::vector<EngineKind>& engines,
                             const std::string& format = "auto",
                             const std::map<std::string, std::string>& defines = {},
                             const helium::DesignOptions& helium = {});

}  // namespace crucible
