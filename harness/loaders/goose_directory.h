// The goose loader: a folder of VERSION_name.sql files with `-- +goose Up` / `-- +goose Down`
// sections (harness/loaders/annotations.h) and VERSION_name.go migrations. Versions are numbers
// (00001 or a timestamp) and order as numbers, as goose orders them. A Go migration cannot run
// here: it becomes a migration every engine skips, with the reason, so that the versions around
// it are still verified. Other .go files (main.go, *_test.go, the package's helpers) are ignored.
#pragma once

#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// True when one of the .sql `files` of `root` has a `-- +goose Up` or `Down` line.
bool is_goose_folder(const std::string& root, const std::vector<std::string>& files);

// Throws crucible::Error naming the file (and line) for a .sql name that is not VERSION_name.sql,
// two files of one version, a section error (see split_annotated_sections), an unknown marker,
// or a folder without migrations.
MigrationSet load_goose_directory(const std::string& root, const std::vector<EngineKind>& engines);

}  // namespace crucible
