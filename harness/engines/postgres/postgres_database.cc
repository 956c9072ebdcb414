#include "harness/engines/postgres/postgres_database.h"

#include <cstdio>
#include <utility>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/cleanup_failures.h"
#include "harness/engines/postgres/postgres_admin.h"
#include "harness/engines/postgres/postgres_catalog.h"
#include "harness/engines/postgres/postgres_catalog_sql.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_created_globals.h"
#include "harness/engines/postgres/postgres_run_role.h"
#include "harness/engines/postgres/postgres_script.h"
#include "harness/engines/scratch.h"

namespace crucible::postgres {
namespace {

std::string registry_key_of(const std::string& name) { return "postgres:" + name; }

}  // namespace

std::string register_scratch_drop(const ScratchContext& context, const std::string& name) {
  std::string key = registry_key_of(name);
  // The action copies what it needs: it may run on the signal thread after the engine is gone.
  // While the engine lives it drops through the engine's admin session, whose mutex makes it
  // wait for a CREATE DATABASE in flight (a drop before the create commits finds nothing).
  std::weak_ptr<AdminSession> weak_admin = context.admin;
  ScratchRegistry::instance().add(key, [dsn = context.admin->dsn(), name, weak_admin] {
    if (auto admin = weak_admin.lock())
      admin->drop_database(name);
    else
      drop_database(dsn, name);
  });
  return key;
}

void create_scratch_database(const ScratchContext& context, const std::string& name,
                             const std::string& template_name) {
  std::string key = register_scratch_drop(context, name);
  try {
    context.admin->exec([&](pqxx::connection& admin) {
      std::string sql = fmt::format("CREATE DATABASE {}", admin.quote_name(name));
      if (!template_name.empty()) sql += " TEMPLATE " + admin.quote_name(template_name);
      if (context.role) sql += " OWNER " + admin.quote_name(context.role->name());
      return sql;
    });
    // Only the owner (the run's login, or the admin login under --privileged) may connect.
    context.admin->exec([&](pqxx::connection& admin) {
      return fmt::format("REVOKE ALL ON DATABASE {} FROM PUBLIC", admin.quote_name(name));
    });
  } catch (...) {
    try {
      context.admin->drop_database(name);
      ScratchRegistry::instance().remove(key);
    } catch (...) {
      // Still registered: Ctrl-C or `crucible cleanup` gets it.
    }
    throw;
  }
}

PostgresDatabase::PostgresDatabase(const Dsn& dsn, std::string name, Ownership ownership,
                                   std::shared_ptr<ScratchContext> context)
    : dsn_(dsn),
      login_dsn_(context && context->role ? context->role->login_dsn(dsn) : dsn),
      name_(std::move(name)),
      ownership_(ownership),
      context_(std::move(context)),
      catalog_statements_(std::make_unique<sql::CatalogStatements>()) {
  if (context_) time_limits().statement = context_->options.statement_timeout;
  // Someone else's database may change while a snapshot reads it: its snapshots keep one
  // repeatable-read transaction. Only the session taking them changes a scratch database.
  catalog_statements_->implicit_transaction = ownership_ != Ownership::existing;
  if (ownership_ != Ownership::scratch) {  // not ours to drop: nothing registered
    connection();
    return;
  }
  registry_key_ = registry_key_of(name_);  // registered by create_scratch_database()
  ++context_->live_databases;
  try {
    connection();
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
  std::vector<std::string> failures;
  try {
    context_->admin->drop_database(name_);
    ScratchRegistry::instance().remove(registry_key_);
  } catch (const std::exception& e) {
    // Still registered: a signal-time cleanup retries, and `crucible cleanup` finds it later.
    failures.push_back(e.what());
  }
  try {
    if (--context_->live_databases == 0 && context_->created_globals)
      for (std::string& failure : context_->created_globals->drop_created(*context_->admin))
        failures.push_back(std::move(failure));
  } catch (const std::exception& e) {
    failures.push_back(e.what());
  }
  for (const std::string& failure : failures) {
    std::fprintf(stderr, "crucible: warning: %s\n", redact_secrets(failure).c_str());
    record_cleanup_failure(dsn_.redacted(), failure);
  }
}

std::string PostgresDatabase::describe() const {
  return fmt::format("{} database \"{}\"", describe_server(dsn_), name_);
}

Access PostgresDatabase::access() const {
  if (ownership_ == Ownership::existing) return Access::read_only;
  const bool throwaway = !context_ || context_->options.throwaway_commits;
  return throwaway ? Access::throwaway : Access::read_write;
}

pqxx::connection& PostgresDatabase::connection() {
  std::vector<std::string> prologue;
  pqxx::connection& session = connection_with(prologue);
  if (!prologue.empty()) send_control(session, prologue, "");
  return session;
}

pqxx::connection& PostgresDatabase::connection_with(std::vector<std::string>& prologue) {
  if (!connection_) {
    connection_ = open_connection(login_dsn_, name_, access(), time_limits().statement);
    // Only migrations' connections: a read-only snapshot of someone's database needs none.
    if (ownership_ != Ownership::existing) apply_session(*connection_, login_dsn_, describe());
  }
  prologue = std::exchange(deferred_control_, {});
  return *connection_;
}

ExecResult PostgresDatabase::execute(const Script& script) {
  refuse_unless_ours();
  if (context_ && context_->created_globals)
    for (const Statement& statement : script.statements)
      context_->created_globals->note(statement.sql);
  if (transaction_depth_ > 0) {
    std::vector<std::string> prologue;
    pqxx::connection& session = connection_with(prologue);
    return run_script_nested(session, script, describe(), time_limits(), prologue);
  }
  return run_script(connection(), script, describe(), time_limits());
}

catalog::Catalog PostgresDatabase::snapshot() {
  try {
    if (transaction_depth_ == 0) return read_catalog(connection(), *catalog_statements_);
    std::vector<std::string> prologue;
    pqxx::connection& session = connection_with(prologue);
    return read_catalog(session, *catalog_statements_, true, prologue, &deferred_control_);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: cannot read the catalog: {}", describe(), message_of(e)));
  }
}

std::optional<std::string> PostgresDatabase::catalog_digest() {
  if (transaction_depth_ > 0) return std::nullopt;
  try {
    return postgres::catalog_digest(connection(), digest_statement_);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: cannot read the catalog digest: {}", describe(), message_of(e)));
  }
}

}  // namespace crucible::postgres
