// Loaders turn a folder of migrations into a MigrationSet. The SQL directory loader understands
// these layouts, recognised by file names (and, for single-file layouts, by contents):
//   golang-migrate  VERSION_name.up.sql / VERSION_name.down.sql, with per-engine variants
//                   VERSION_name.ENGINE.up.sql (mariadb falls back to mysql, then to generic)
//   ory/popx        the same with popx's engines (sqlite3 = sqlite; cockroach variants are not
//                   run) and VERSION_name[.ENGINE].autocommit.up.sql: run outside a transaction
//   dbmate          VERSION_name.sql with `-- migrate:up` / `-- migrate:down` sections
//   sql-migrate     VERSION_name.sql (or VERSION-name.sql) with `-- +migrate Up` / `Down`
//                   sections, `-- +migrate StatementBegin` … `StatementEnd` blocks, and the
//                   `notransaction` option
//   Flyway          V<ver>__<desc>.sql with U<ver>__<desc>.sql as the undo
// Files pair by version alone, as the tools pair them: 30_add_x.up.sql and 30_drop_x.down.sql
// are one migration (the runner notes the different titles). What is wrong within one version —
// a down without an up, two ups an engine would choose between — is a finding of that version
// (Migration::findings), reported as an error while the rest is verified. Layouts of other tools
// (goose, Diesel and sqitch, read by their own loaders; Liquibase, Prisma, Alembic) are recognised
// and refused by name.
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
#include <optional>
#include <string>
#include <vector>

#include "harness/lua/helium/options.h"
#include "harness/common/engine_kind.h"
#include "harness/loaders/file_names.h"
#include "harness/migration/migration.h"

namespace crucible {

// Loads a folder of SQL migrations for the given engines (statements split with each engine's
// dialect). `single_file_layout` (dbmate or sql-migrate) says how single-file migrations are
// read instead of telling by their contents. Throws crucible::Error naming the file (and line)
// for unreadable files, .sql names of no layout (all of them at once), mixed layouts, Flyway
// repeatables (R__), unknown markers, another tool's layout, or a folder that does not exist or
// holds no migrations.
MigrationSet load_sql_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                std::optional<loaders::Layout> single_file_layout = {});

// Detects the format of `root` (format "auto") or uses the one given ("sql", "sql-migrate",
// "goose", "folders", "liquibase", "sqitch", "alembic", "lua", "helium")
// and loads it. `defines` (--define NAME=VALUE) are seen by Lua code through os.getenv, before
// the environment, and fill Helium's ${NAME} macros; for Alembic they are the environment of
// the project's Python. `helium` applies to Helium designs only.
MigrationSet load_migrations(const std::string& root, const std::vector<EngineKind>& engines,
                             const std::string& format = "auto",
                             const std::map<std::string, std::string>& defines = {},
                             const helium::DesignOptions& helium = {});

}  // namespace crucible
