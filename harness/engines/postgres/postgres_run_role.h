// The login migrations run as (README "Security model"): crucible_<run>_login, made by the admin
// login for this run with a random password that is never printed, and with none of the
// attributes that reach past its own databases (NOSUPERUSER NOCREATEDB NOCREATEROLE
// NOREPLICATION NOBYPASSRLS). It owns the run's scratch databases and their clones, and PUBLIC
// may not connect to them, so from SQL it reaches nothing else on the server.
//
// Engines of one process on one server share it (the name is per run); the last one to let go
// drops it, after its databases (ScratchRegistry drops logins after databases on Ctrl-C).
#pragma once

#include <memory>
#include <string>

#include "harness/common/dsn.h"
#include "harness/engines/postgres/postgres_admin.h"

namespace crucible::postgres {

class RunRole {
 public:
  // The role of this run on the server `admin` talks to, created when the first engine asks.
  // Throws crucible::Error (e.g. the admin login may not create roles).
  static std::shared_ptr<RunRole> acquire(const std::shared_ptr<AdminSession>& admin);
  ~RunRole();

  const std::string& name() const { return name_; }
  // `admin_dsn` with this role's login and password: how migrations connect.
  Dsn login_dsn(const Dsn& admin_dsn) const;

  RunRole(std::shared_ptr<AdminSession> admin, std::string name, std::string password);

 private:
  std::shared_ptr<AdminSession> admin_;
  std::string name_;
  std::string password_;
  std::string registry_key_;
};

// crucible_<8 hex>_login: the shape `crucible cleanup` recognises as a run login.
std::string run_role_name(const std::string& run_id);
bool is_run_role_name(const std::string& name);
// The <run> part of a run login's name, or "".
std::string run_id_of_role(const std::string& name);

// Drops the scratch databases run login `name` owns, then the login itself, if it exists.
void drop_role(AdminSession& admin, const std::string& name);

}  // namespace crucible::postgres
