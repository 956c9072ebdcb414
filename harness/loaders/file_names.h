// What a migration file's name says: its layout, version, name, direction and (golang-migrate)
// the engine it is written for.
//   golang-migrate  0003_add_index.up.sql, 0003_add_index.down.sql, 0003_add_index.mysql.up.sql
//   ory/popx        the same, with popx's engine names (sqlite3; cockroach, which Crucible does
//                   not run) and `.autocommit` before `.up`/`.down`: run outside a transaction
//                   (20200317160354000002_x.postgres.autocommit.up.sql)
//   dbmate          20240101120000_add_index.sql (up and down sections inside)
//   sql-migrate     the same names (or 20240101120000-add_index.sql), `-- +migrate Up` inside:
//                   the two are told apart by their contents
//   Flyway          V1.1__add_index.sql, U1.1__add_index.sql (the undo)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "harness/common/engine_kind.h"

namespace crucible::loaders {

enum class Layout { golang_migrate, dbmate, sql_migrate, flyway };
enum class Direction { up, down };

std::string_view layout_name(Layout layout);  // "golang-migrate", "dbmate", "sql-migrate", "Flyway"

// Both directions in one file, in sections.
inline bool single_file(Layout layout) {
  return layout == Layout::dbmate || layout == Layout::sql_migrate;
}

struct MigrationFileName {
  std::string file;  // the file name, e.g. "0003_add_index.mysql.up.sql"
  Layout layout;
  std::string version;               // as written: "0003", "1.1", "2_1"
  std::string name;                  // "add_index"
  std::optional<EngineKind> engine;  // a per-engine variant; nullopt for the generic file
  Direction direction;               // dbmate files hold both directions and say `up`
  std::string other_engine = {};     // a variant for an engine Crucible does not run (cockroach)
  bool autocommit = false;           // popx's `.autocommit`: run outside a transaction
};

// Parses the name of a .sql file; nullopt when it fits no layout. Single-file names say
// Layout::dbmate until the contents tell. Throws crucible::Error naming `path` for names that fit
// a layout Crucible does not support (Flyway's R__ repeatables) or an unknown engine
// (0003_x.postgress.up.sql).
std::optional<MigrationFileName> parse_migration_file_name(std::string_view file,
                                                           const std::string& path);

// The names each layout expects, for error messages.
std::string_view expected_file_names();

}  // namespace crucible::loaders
