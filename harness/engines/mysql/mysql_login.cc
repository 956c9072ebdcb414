#include "harness/engines/mysql/mysql_login.h"

#include <map>
#include <mutex>
#include <random>
#include <regex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/mysql/mysql_admin.h"
#include "harness/engines/scratch.h"

namespace crucible::mysql {
namespace {

// One login per server per process, keyed by where the admin session points.
std::string server_key(const Dsn& dsn) { return fmt::format("{}:{}", dsn.host, dsn.port); }

std::mutex logins_mutex;
std::map<std::string, std::weak_ptr<RunLogin>> logins;

std::string random_password() {
  static const char alphabet[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device device;
  std::uniform_int_distribution<size_t> pick(0, sizeof alphabet - 2);
  std::string password;
  for (int i = 0; i < 32; ++i) password += alphabet[pick(device)];
  return password;
}

std::string account_of(const std::string& user, const std::string& host) {
  return quote_literal(user) + "@" + quote_literal(host);
}

// In GRANT, '_' and '%' in a database name are wildcards: crucible_1a2b3c4d_1 would also grant
// crucibleX1a2b3c4dX1. Escaped, the grant names exactly one database.
std::string grant_pattern(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '_' || c == '%' || c == '\\') out += '\\';
    out += c;
  }
  return quote_identifier(out);
}

}  // namespace

std::string login_name(const std::string& run) { return "crucible_" + run + "_login"; }

std::string run_id_of_login(const std::string& user) {
  static const std::regex shape("crucible_([0-9a-f]{8})_login");
  std::smatch match;
  return std::regex_match(user, match, shape) ? match[1].str() : std::string();
}

void drop_login_accounts(Connection& admin, const std::string& user) {
  if (run_id_of_login(user).empty())
    throw Error(fmt::format("{}: refusing to drop user {}: not a Crucible login", admin.label(),
                            user));
  for (const Row& row : admin.query("SELECT Host FROM mysql.user WHERE User = " +
                                        quote_literal(user),
                                    "looking for login " + user))
    admin.run("DROP USER IF EXISTS " + account_of(user, row.text(0)), "dropping login " + user);
}

std::unique_ptr<RunLogin> RunLogin::create(Connection& admin, const Dsn& admin_dsn) {
  // The host the server sees this client as: the login is created for exactly that host.
  std::string user = admin.query("SELECT USER()", "reading the admin's client host").at(0).text(0);
  Dsn dsn = admin_dsn;
  dsn.user = login_name(scratch_run_id());
  dsn.password = random_password();
  register_secret(dsn.password, dsn.user);
  std::unique_ptr<RunLogin> login(new RunLogin(dsn, user.substr(user.rfind('@') + 1)));
  ScratchRegistry::instance().add(
      "mysql login " + dsn.user,
      [admin_dsn, user = dsn.user] {
        auto connection = open_with_retry(admin_dsn);
        drop_login_accounts(*connection, user);
      },
      DropOrder::login);
  const std::string account = login->account();
  admin.run("DROP USER IF EXISTS " + account, "replacing login " + dsn.user);
  admin.run("CREATE USER " + account + " IDENTIFIED BY " + quote_literal(dsn.password),
            "creating login " + dsn.user);
  return login;
}

std::shared_ptr<RunLogin> RunLogin::acquire(Connection& admin, const Dsn& admin_dsn) {
  std::lock_guard lock(logins_mutex);
  std::weak_ptr<RunLogin>& slot = logins[server_key(admin_dsn)];
  if (auto shared = slot.lock()) return shared;
  std::shared_ptr<RunLogin> login = create(admin, admin_dsn);
  slot = login;
  return login;
}

void RunLogin::release(std::shared_ptr<RunLogin>& login, Connection& admin) noexcept {
  if (!login) return;
  std::lock_guard lock(logins_mutex);  // an acquire() waits until the login is gone or kept
  if (login.use_count() == 1) {
    // If this fails, the registry's drop action (at an interrupt) or `crucible cleanup` removes it.
    login->drop(admin);
    logins.erase(server_key(login->dsn()));
  }
  login.reset();
}

std::string RunLogin::account() const { return account_of(dsn_.user, host_); }

void RunLogin::grant(Connection& admin, const std::string& name) const {
  admin.run(fmt::format("GRANT ALL PRIVILEGES ON {}.* TO {}", grant_pattern(name), account()),
            fmt::format("granting {} the use of {}", dsn_.user, name));
}

bool RunLogin::drop(Connection& admin) noexcept {
  try {
    admin.run("DROP USER IF EXISTS " + account(), "dropping login " + dsn_.user);
    ScratchRegistry::instance().remove("mysql login " + dsn_.user);
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace crucible::mysql
