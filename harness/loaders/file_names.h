// What a migration file's name says: its layout, version, name, direction and (golang-migrate)
// the engine it is written for.
//   golang-migrate  0003_add_index.up.sql, 0003_add_index.down.sql, 0003_add_index.mysql.up.sql
//   dbmate          20240101120000_add_index.sql (up and down sections inside)
//   Flyway          V1.1__add_index.sql, U1.1__add_index.sql (the undo)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "harness/common/engine_kind.h"

namespace crucible::loaders {

enum class Layout { golang_migrate, dbmate, flyway };
enum class Direction { up, down };

std::string_view layout_name(Layout layout);  // "golang-migrate", "dbmate", "Flyway"

struct MigrationFileName {
  std::string file;  // the file name, e.g. "0003_add_index.mysql.up.sql"
  Layout layout;
  std::string version;               // as written: "0003", "1.1", "2_1"
  std::string name;                  // "add_index"
  std::optional<EngineKind> engine;  // a per-engine variant; nullopt for the generic file
  Direction direction;               // dbmate files hold both directions and say `up`
};

// Parses the name of a .sql file; nullopt when it fits no layout. Throws crucible::Error naming
// `path` for names that fit a layout Crucible does not support (Flyway's R__ repeatables) or an
// unknown engine (0003_x.postgress.up.sql).
std::optional<MigrationFileName> parse_migration_file_name(std::string_view file,
                                                           const std::string& path);

// The names each layout expects, for error messages.
std::string_view expected_file_names();

}  // namespace crucible::loaders
