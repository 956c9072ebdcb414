// SqliteDatabase::open_session(): a second connection to the same scratch file, for the traffic
// of `crucible bench --load`. SQLite locks the whole file: a writer blocks other writers, and
// its commit waits for readers. Both connections therefore get a busy timeout (kBusyTimeoutMs),
// so that traffic waits for the migration — which is what the bench measures — instead of
// failing at once with SQLITE_BUSY; past the timeout the statement fails and is counted.
#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/sqlite/sqlite_database.h"

namespace crucible::sqlite {

SqliteDatabase::SqliteDatabase(const SqliteDatabase& owner, SessionOf)
    : path_(owner.path_),
      owned_(true),
      contained_(owner.contained_),
      db_(open(path_, SQLITE_OPEN_READWRITE)),
      session_(true) {
  if (contained_) containment_.install(db_.get(), &writes_);
  sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
  // The owner's foreign key setting holds for every connection to its file.
  if (foreign_keys_enabled(owner.db_.get()))
    sqlite3_exec(db_.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

std::unique_ptr<Database> SqliteDatabase::open_session() {
  if (!owned_)
    throw Error(fmt::format("sqlite: refusing to open a writable session on {}: Crucible only "
                            "changes databases it created", path_));
  sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
  std::unique_ptr<SqliteDatabase> session(new SqliteDatabase(*this, SessionOf{}));
  session->apply_session(session_statements_);
  return session;
}

}  // namespace crucible::sqlite
