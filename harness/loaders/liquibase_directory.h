// Liquibase formatted-SQL changelogs (see liquibase_changelog.h for what one file says).
//
// The changelogs are the .sql files directly in the folder; those that another one includes
// (`--include file:` / `--includeAll path:`) are read where they are included, the others in
// file-name order. An included path is looked up next to the including file, then in the folder
// the user named (Liquibase's search path). Each changeset is one migration, in changelog order:
//   version  its position, zero-padded (0001, 0002, …), so reports and --shard sort as Liquibase
//            runs them
//   name     author:id (file::author:id when two files use the same author:id)
// Per changeset: dbms (postgresql, mysql, mariadb, sqlite, db2; `!name` excludes; mysql also
// covers MariaDB, as Crucible's mysql variants do) limits the engines, the others are skipped
// with the reason; runInTransaction:false runs it outside a transaction; endDelimiter cuts its
// statements (text at the end of a line, or a regular expression); splitStatements:false makes
// it one statement; context and labels are kept as a note (Crucible runs every changeset);
// preconditions and ignore:true skip it on every engine, naming the precondition; the rollback
// is the reverse, `--rollback empty` / `not required` declares it irreversible, and no rollback
// at all is a missing reverse. Crucible's `-- crucible:` markers work inside a changeset.
// XML, YAML and JSON changelogs are refused as out of scope.
#pragma once

#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// True when a .sql file directly in `root` is Liquibase formatted SQL.
bool is_liquibase_folder(const std::string& root);

// Throws crucible::Error naming the file and line for a file that is not formatted SQL, a
// malformed changelog, a missing included file, an include cycle, a file included twice, or an
// XML/YAML/JSON changelog in the folder.
MigrationSet load_liquibase_directory(const std::string& root,
                                      const std::vector<EngineKind>& engines);

}  // namespace crucible
