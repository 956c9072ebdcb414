#include "harness/engines/postgres/postgres_engine.h"

#include <mutex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_admin.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_created_globals.h"
#include "harness/engines/postgres/postgres_database.h"
#include "harness/engines/postgres/postgres_live_runs.h"
#include "harness/engines/postgres/postgres_run_role.h"
#include "harness/engines/scratch.h"

namespace crucible {
namespace {

using postgres::describe_server;

class PostgresEngine : public Engine {
 public:
  // Connects now, so that an unreachable server is reported when the engine is made; from then
  // on the admin session marks this run live (postgres_live_runs.h).
  PostgresEngine(const Dsn& dsn, const EngineOptions& options)
      : dsn_(dsn), context_(std::make_shared<postgres::ScratchContext>()) {
    context_->admin = std::make_shared<postgres::AdminSession>(dsn_);
    context_->admin->set_on_connect(postgres::live_run_lock_sql(scratch_run_id()));
    context_->options = options;
    context_->admin->exec("SELECT 1");
    if (options.privileged)
      context_->created_globals = std::make_shared<postgres::CreatedGlobals>(*context_->admin);
  }

  EngineKind kind() const override { return EngineKind::postgres; }
  const Dsn& dsn() const override { return dsn_; }

  ServerInfo server_info() override {
    // "15.20 (Debian 15.20-0+deb12u1)" -> "15.20"
    auto row = context_->admin->exec(
        "SELECT current_setting('server_version'), current_user, "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)").at(0);
    std::string version = row[0].as<std::string>();
    version = version.substr(0, version.find(' '));
    ServerInfo info{version, /*transactional_ddl=*/true, /*can_clone=*/true};
    info.containment = containment(row[1].as<std::string>(), row[2].as<bool>(false));
    return info;
  }

  std::unique_ptr<Database> create_scratch() override {
    acquire_role();
    std::string name = scratch_name();
    postgres::create_scratch_database(*context_, name);
    return std::make_unique<postgres::PostgresDatabase>(dsn_, name, postgres::Ownership::scratch,
                                                        context_);
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    return open_existing_postgres_database(dsn_, name);
  }

  // Scratch databases, then run logins, of runs that no session marks live any more.
  std::vector<std::string> list_leftovers() override {
    std::set<std::string> live = postgres::live_runs(*context_->admin);
    std::vector<std::string> databases, roles;
    for (const auto& row :
         context_->admin->exec("SELECT datname FROM pg_database ORDER BY datname")) {
      std::string name = row[0].as<std::string>();
      if (is_scratch_name(name) && !live.count(run_id_of(name))) databases.push_back(name);
    }
    for (const auto& row : context_->admin->exec("SELECT rolname FROM pg_roles ORDER BY rolname")) {
      std::string name = row[0].as<std::string>();
      if (postgres::is_run_role_name(name) && !live.count(postgres::run_id_of_role(name)))
        roles.push_back(name);
    }
    databases.insert(databases.end(), roles.begin(), roles.end());
    return databases;
  }

  void drop_leftover(const std::string& name) override {
    if (postgres::is_run_role_name(name)) {
      postgres::drop_role(*context_->admin, name);
      return;
    }
    if (!is_scratch_name(name))
      throw Error(fmt::format("{}: refusing to drop \"{}\": not a Crucible scratch database "
                              "(crucible_<8 hex digits>_<n>) or run login "
                              "(crucible_<8 hex digits>_login)",
                              describe_server(dsn_), name));
    context_->admin->drop_database(name);
  }

 private:
  void acquire_role() {
    if (context_->options.privileged) return;
    std::lock_guard lock(role_mutex_);
    if (!context_->role) context_->role = postgres::RunRole::acquire(context_->admin);
  }

  std::string containment(const std::string& login, bool superuser) const {
    std::string who = fmt::format("{}{}", login, superuser ? ", a superuser" : "");
    if (context_->options.privileged)
      return fmt::format(
          "containment off (--privileged): migrations run as {}, with all its rights on the "
          "server; databases and roles they create by name are dropped after the run",
          who);
    return fmt::format(
        "migrations run as {} (no superuser, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS), "
        "which owns only this run's scratch databases (PUBLIC may not connect to them); the "
        "admin login {} only creates and drops them",
        postgres::run_role_name(scratch_run_id()), login);
  }

  Dsn dsn_;
  std::shared_ptr<postgres::ScratchContext> context_;  // shared with the scratch databases
  std::mutex role_mutex_;
};

}  // namespace

std::unique_ptr<Database> open_existing_postgres_database(const Dsn& dsn, const std::string& name) {
  return std::make_unique<postgres::PostgresDatabase>(dsn, name, postgres::Ownership::existing);
}

std::unique_ptr<Engine> make_postgres_engine(const Dsn& dsn, const EngineOptions& options) {
  return std::make_unique<PostgresEngine>(dsn, options);
}

}  // namespace crucible
