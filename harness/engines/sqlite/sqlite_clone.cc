// SqliteDatabase::clone(): a new scratch file next to this one, filled through SQLite's online
// backup API (a page copy: schema, data and sqlite_sequence exactly as they are). Cheaper than
// replaying migrations, and exact where replay is only equivalent.
#include <filesystem>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/scratch.h"
#include "harness/engines/sqlite/sqlite_database.h"

namespace crucible::sqlite {
namespace {

// Copies every page of `from` into `to` in one step.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& from_path) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup)
    throw Error(fmt::format("sqlite: cannot clone {}: {}", from_path, sqlite3_errmsg(to)));
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    throw Error(fmt::format("sqlite: cannot clone {}: {}", from_path, sqlite3_errstr(rc)));
}

}  // namespace

std::unique_ptr<Database> SqliteDatabase::clone() {
  if (!owned_)
    throw Error(fmt::format("sqlite: refusing to clone {}: Crucible only clones databases it "
                            "created", path_));
  // Scratch files of a run share one folder (`crucible cleanup` looks there).
  std::filesystem::path path = std::filesystem::path(path_).parent_path() / (scratch_name() + ".db");
  auto copy = std::make_unique<SqliteDatabase>(path.string(), /*owned=*/true,
                                               foreign_keys_enabled(db_.get()), contained_);
  copy->time_limits().statement = time_limits().statement;
  copy_pages(db_.get(), copy->db_.get(), path_);
  copy->apply_session(session_statements_);
  return copy;
}

}  // namespace crucible::sqlite
