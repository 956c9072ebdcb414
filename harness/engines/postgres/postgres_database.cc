#include "harness/engines/postgres/postgres_database.h"

#include <cstdio>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/postgres/postgres_admin.h"
#include "harness/engines/postgres/postgres_catalog.h"
#include "harness/engines/postgres/postgres_catalog_sql.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_script.h"
#include "harness/engines/scratch.h"

namespace crucible::postgres {

PostgresDatabase::PostgresDatabase(const Dsn& dsn, std::string name, Ownership ownership,
                                   std::shared_ptr<AdminSession> admin)
    : dsn_(dsn),
      name_(std::move(name)),
      ownership_(ownership),
      admin_(std::move(admin)),
      catalog_statements_(std::make_unique<sql::CatalogStatements>()) {
  if (ownership_ != Ownership::scratch) {  // not ours to drop: nothing to register
    connection_ = open_connection(
        dsn_, name_, ownership_ == Ownership::existing ? Access::read_only : Access::read_write);
    return;
  }
  // Registered before anything else can fail, so that Ctrl-C drops it from now on. The action
  // copies what it needs: it may run on the signal thread after this object is gone.
  registry_key_ = "postgres:" + name_;
  ScratchRegistry::instance().add(registry_key_, [dsn = dsn_, name = name_] {
    drop_database(dsn, name);
  });
  try {
    connection_ = open_connection(dsn_, name_, Access::read_write);
  } catch (...) {
    drop_now();
    throw;
  }
}

PostgresDatabase::~PostgresDatabase() {
  connection_.reset();  // our own session must be gone before the database can be dropped
  if (ownership_ == Ownership::scratch) drop_now();
}

void PostgresDatabase::drop_now() noexcept {
  try {
    admin().drop_database(name_);
    ScratchRegistry::instance().remove(registry_key_);
  } catch (const std::exception& e) {
    // Still registered: a signal-time cleanup retries, and `crucible cleanup` finds it later.
    std::fprintf(stderr, "crucible: warning: %s\n", redact_secrets(e.what()).c_str());
  }
}

std::string PostgresDatabase::describe() const {
  return fmt::format("{} database \"{}\"", describe_server(dsn_), name_);
}

pqxx::connection& PostgresDatabase::connection() {
  if (!connection_)
    connection_ = open_connection(
        dsn_, name_, ownership_ == Ownership::existing ? Access::read_only : Access::read_write);
  return *connection_;
}

AdminSession& PostgresDatabase::admin() {
  if (!admin_) admin_ = std::make_shared<AdminSession>(dsn_);
  return *admin_;
}

ExecResult PostgresDatabase::execute(const Script& script) {
  if (ownership_ == Ownership::existing)
    throw Error(fmt::format("{}: refusing to modify a database Crucible did not create",
                            describe()));
  return run_script(connection(), script, describe());
}

catalog::Catalog PostgresDatabase::snapshot() {
  try {
    return read_catalog(connection(), *catalog_statements_);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: cannot read the catalog: {}", describe(), message_of(e)));
  }
}

}  // namespace crucible::postgres
