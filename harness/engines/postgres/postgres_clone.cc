// PostgresDatabase::clone(): CREATE DATABASE <new> TEMPLATE <this>. PostgreSQL copies a template
// only while no other session is attached to it, and our own session counts: the connection is
// closed around the copy and reopened afterwards, whether the copy succeeded or not.
#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_database.h"
#include "harness/engines/scratch.h"

namespace crucible::postgres {
namespace {

// Creates `copy` from `source` through a connection to the admin database.
void create_from_template(const Dsn& dsn, const std::string& source, const std::string& copy) {
  auto admin = open_connection(dsn, admin_database(dsn));
  try {
    pqxx::nontransaction tx(*admin);
    tx.exec(fmt::format("CREATE DATABASE {} TEMPLATE {}", tx.quote_name(copy),
                        tx.quote_name(source)));
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: cannot clone database \"{}\": {}", describe_server(dsn), source,
                            message_of(e)));
  }
}

}  // namespace

std::unique_ptr<Database> PostgresDatabase::clone() {
  if (ownership_ != Ownership::scratch)
    throw Error(fmt::format("{}: refusing to clone a database Crucible did not create",
                            describe()));
  std::string copy = scratch_name();
  connection_.reset();
  try {
    create_from_template(dsn_, name_, copy);
  } catch (...) {
    connection_ = open_connection(dsn_, name_, Access::read_write);
    throw;
  }
  // Owned (and dropped) like any scratch database from here on, even if reconnecting fails.
  auto clone = std::make_unique<PostgresDatabase>(dsn_, copy, Ownership::scratch);
  connection_ = open_connection(dsn_, name_, Access::read_write);
  return clone;
}

}  // namespace crucible::postgres
