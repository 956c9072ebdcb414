// PostgresDatabase::open_session(): a second connection to the same scratch database, for the
// traffic and the lock watcher of `crucible bench --load`, as the same login. It may write (it is still Crucible's
// scratch database) but is Ownership::session: its destructor only closes the connection. The
// owner drops the database WITH (FORCE), which ends any session still attached.
#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_database.h"

namespace crucible::postgres {

std::unique_ptr<Database> PostgresDatabase::open_session() {
  if (ownership_ == Ownership::existing)
    throw Error(fmt::format("{}: refusing to open a writable session on a database Crucible did "
                            "not create", describe()));
  return std::make_unique<PostgresDatabase>(dsn_, name_, Ownership::session, context_);
}

}  // namespace crucible::postgres
