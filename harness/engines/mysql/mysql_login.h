// The per-run login migrations run as when containment is on (the default).
//
// 'crucible_<run>_login'@'<the host the admin session connects from>', with a random password
// that is never printed, granted ALL PRIVILEGES on each scratch database of the run and nothing
// else: no global privilege (FILE, SUPER, PROCESS, CREATE USER, …), no GRANT OPTION, no other
// database. Anything else a migration tries is refused by the server with its own message.
#pragma once

#include <memory>
#include <string>

#include "harness/common/dsn.h"
#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

class RunLogin {
 public:
  // The run's login on the admin's server, created through `admin` by the first engine that
  // needs it; engines on the same server share it (the data check's connection beside the
  // linear pass): a second CREATE would replace the login and its grants under the first. Its
  // drop is registered with ScratchRegistry first, so that an interrupt drops it too.
  static std::shared_ptr<RunLogin> acquire(Connection& admin, const Dsn& admin_dsn);
  // Lets go of `login`; the last engine to do so drops it through its `admin`. Never throws.
  static void release(std::shared_ptr<RunLogin>& login, Connection& admin) noexcept;

  // The DSN's server with this login instead of the admin's.
  const Dsn& dsn() const { return dsn_; }
  // `admin_dsn` (one engine's: its own parameters, read_timeout say) with this login's user and
  // password: engines on one server share the login, not their settings.
  Dsn dsn_for(const Dsn& admin_dsn) const {
    Dsn dsn = admin_dsn;
    dsn.user = dsn_.user;
    dsn.password = dsn_.password;
    return dsn;
  }
  // "'crucible_1a2b3c4d_login'@'localhost'"
  std::string account() const;

  // Lets the login use database `name` (which need not exist yet) and nothing more.
  void grant(Connection& admin, const std::string& name) const;
 private:
  RunLogin(Dsn dsn, std::string host) : dsn_(std::move(dsn)), host_(std::move(host)) {}
  static std::unique_ptr<RunLogin> create(Connection& admin, const Dsn& admin_dsn);
  // Drops the login. Never throws; false when it could not.
  bool drop(Connection& admin) noexcept;

  Dsn dsn_;
  std::string host_;
};

// "crucible_<run>_login"
std::string login_name(const std::string& run);
// The <run> of a login name, or "" when `user` is not one.
std::string run_id_of_login(const std::string& user);
// Drops every account named `user` (any host); refuses names that are not login names.
void drop_login_accounts(Connection& admin, const std::string& user);

}  // namespace crucible::mysql
