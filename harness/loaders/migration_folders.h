// The folder-per-migration loader: one subfolder per migration holding up.sql and (optionally)
// down.sql, named VERSION_name. Diesel's folders (2024-01-01-000002_create_users, and its
// 00000000000000_diesel_initial_setup, a migration like the others) and the `<N>_<name>/up.sql`
// layouts of Go projects. The migration id is the version part with Diesel's dashes dropped
// (20240101000002), and versions order as the tools order them: Diesel's dated ones as strings,
// numbered ones as numbers. A `metadata.toml` with
// `run_in_transaction = false` (Diesel) runs both scripts outside a transaction; crucible
// markers in either file keep working. Files directly in the folder, and subfolders whose names
// are not VERSION_name, are ignored.
#pragma once

#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// The subfolders of `root` named VERSION_name that hold an up.sql, by name; none when `root` is
// not a folder.
std::vector<std::string> migration_folder_names(const std::string& root);

// Throws crucible::Error naming the folder or file (and line) for a migration folder without
// up.sql, two folders of one version, an unreadable metadata.toml, an unknown marker, or a
// folder without migrations.
MigrationSet load_migration_folders(const std::string& root, const std::vector<EngineKind>& engines);

}  // namespace crucible
