#include "harness/engines/postgres/postgres_run_role.h"

#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <regex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/cleanup_failures.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/scratch.h"

namespace crucible::postgres {
namespace {

std::string random_password() {
  std::random_device device;
  std::string text;
  for (int i = 0; i < 4; ++i) text += fmt::format("{:08x}", device());
  return text;
}

// One role per server per process: keyed by where the admin session points.
std::string server_key(const Dsn& dsn) { return fmt::format("{}:{}", dsn.host, dsn.port); }

std::mutex roles_mutex;
std::map<std::string, std::weak_ptr<RunRole>> roles;

}  // namespace

std::string run_role_name(const std::string& run_id) {
  return fmt::format("crucible_{}_login", run_id);
}

bool is_run_role_name(const std::string& name) {
  static const std::regex shape("crucible_[0-9a-f]{8}_login");
  return std::regex_match(name, shape);
}

std::string run_id_of_role(const std::string& name) {
  return is_run_role_name(name) ? name.substr(9, 8) : std::string();
}

void drop_role(AdminSession& admin, const std::string& name) {
  // Its scratch databases first: on Ctrl-C one may have been created after the registry's
  // actions were taken, and a role that owns a database cannot be dropped.
  for (const auto& row : admin.exec([&](pqxx::connection& c) {
         return fmt::format("SELECT datname FROM pg_database WHERE datdba = "
                            "(SELECT oid FROM pg_roles WHERE rolname = {})",
                            c.quote(name));
       })) {
    std::string database = row[0].as<std::string>();
    if (is_scratch_name(database)) admin.drop_database(database);
  }
  admin.exec([&](pqxx::connection& c) {
    return fmt::format("DROP ROLE IF EXISTS {}", c.quote_name(name));
  });
}

std::shared_ptr<RunRole> RunRole::acquire(const std::shared_ptr<AdminSession>& admin) {
  std::lock_guard lock(roles_mutex);
  std::string key = server_key(admin->dsn());
  if (auto role = roles[key].lock()) return role;
  std::string name = run_role_name(scratch_run_id());
  std::string password = random_password();
  register_secret(password, name);
  // Registered before it exists, so that Ctrl-C during CREATE ROLE still drops it.
  std::string registry_key = fmt::format("postgres-login:{}:{}", key, name);
  // While the engine lives the action goes through its admin session, so it waits for a CREATE
  // ROLE or CREATE DATABASE in flight there.
  std::weak_ptr<AdminSession> weak_admin = admin;
  ScratchRegistry::instance().add(
      registry_key, [dsn = admin->dsn(), name, weak_admin] {
        if (auto engine_admin = weak_admin.lock()) {
          drop_role(*engine_admin, name);
        } else {
          AdminSession session(dsn);
          drop_role(session, name);
        }
      },
      DropOrder::login);
  try {
    admin->exec([&](pqxx::connection& c) {
      // A statement_timeout of its own is set per session (connection_string), so that engines
      // with different limits can share the role.
      return fmt::format(
          "CREATE ROLE {} LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
          "NOBYPASSRLS",
          c.quote_name(name), c.quote(password));
    });
  } catch (...) {
    ScratchRegistry::instance().remove(registry_key);
    throw;
  }
  auto role = std::make_shared<RunRole>(admin, name, password);
  role->registry_key_ = registry_key;
  roles[key] = role;
  return role;
}

RunRole::RunRole(std::shared_ptr<AdminSession> admin, std::string name, std::string password)
    : admin_(std::move(admin)), name_(std::move(name)), password_(std::move(password)) {}

RunRole::~RunRole() {
  std::lock_guard lock(roles_mutex);  // a new acquire() waits until the old role is gone
  try {
    drop_role(*admin_, name_);
    ScratchRegistry::instance().remove(registry_key_);
  } catch (const std::exception& e) {
    // Still registered for Ctrl-C; `crucible cleanup` lists it once this run is over.
    std::fprintf(stderr, "crucible: warning: %s\n", redact_secrets(e.what()).c_str());
    record_cleanup_failure(admin_->dsn().redacted(), e.what());
  }
}

Dsn RunRole::login_dsn(const Dsn& admin_dsn) const {
  Dsn dsn = admin_dsn;
  dsn.user = name_;
  dsn.password = password_;
  dsn.params.erase("password");
  dsn.params.erase("user");
  return dsn;
}

}  // namespace crucible::postgres
