// PostgresDatabase::clone(): CREATE DATABASE <new> TEMPLATE <this> OWNER <run login>, on the
// engine's admin session.
// PostgreSQL copies a template only while no other session is attached to it, and our own
// session counts: it is closed for the copy and reopened when this database is next used (a
// cached template usually is not: it is only cloned again).
#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_admin.h"
#include "harness/engines/postgres/postgres_database.h"
#include "harness/engines/scratch.h"

namespace crucible::postgres {

std::unique_ptr<Database> PostgresDatabase::clone() {
  if (ownership_ != Ownership::scratch)
    throw Error(fmt::format("{}: refusing to clone a database Crucible did not create",
                            describe()));
  std::string copy = scratch_name();
  if (connection_ && !deferred_control_.empty()) connection();  // sent before the session goes
  connection_.reset();
  // Owned by the run's login like its template; an error names the server and both databases.
  create_scratch_database(*context_, copy, name_);
  // Owned (and dropped) like any scratch database from here on.
  return std::make_unique<PostgresDatabase>(dsn_, copy, Ownership::scratch, context_);
}

}  // namespace crucible::postgres
