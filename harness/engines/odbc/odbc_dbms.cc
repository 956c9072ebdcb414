#include "harness/engines/odbc/odbc_dbms.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/db2/db2_admin.h"
#include "harness/engines/mysql/mysql_admin.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/mysql/mysql_login.h"
#include "harness/engines/postgres/postgres_live_runs.h"
#include "harness/engines/postgres/postgres_run_role.h"
#include "harness/engines/scratch.h"
#include "harness/sql/identifier.h"

namespace crucible::odbc {
namespace {

std::string pg_name(const std::string& name) { return sql::quote_identifier(name, Dialect::postgres); }

std::vector<std::string> first_column(Connection& admin, const std::string& sql) {
  QueryResult r = admin.run(Statement{sql, {}}, {}, TimeLimits{});
  if (!r.ok()) throw Error(fmt::format("{}: {}: {}", admin.label(), sql, r.error->message));
  std::vector<std::string> out;
  for (const auto& row : r.rows)
    if (auto* text = std::get_if<std::string>(&row.at(0))) out.push_back(*text);
  return out;
}

class PostgresAdmin : public DbmsAdmin {
 public:
  // psqlODBC's default "level of rollback on errors" (Protocol=7.4-2) wraps every statement in a
  // savepoint of its own and rolls back to it on error, which loses the caller's own savepoints
  // (the data check's ROLLBACK TO SAVEPOINT crucible_row failed with 3B001) and lets a
  // transaction go on after an error. Level 0 leaves errors to the server, as a native
  // connection: the transaction is aborted until ROLLBACK or ROLLBACK TO SAVEPOINT.
  std::string connection_string_for(const std::string& admin_string, const std::string& name,
                                    const std::string& login,
                                    const std::string& password) const override {
    ConnectionString attributes = ConnectionString::parse(
        DbmsAdmin::connection_string_for(admin_string, name, login, password));
    attributes.set({"Protocol"}, "7.4-0");
    return attributes.text();
  }

  void mark_live(Connection& admin) override {
    admin.must_run(postgres::live_run_lock_sql(scratch_run_id()), "marking the run live");
  }
  std::string create_login(Connection& admin, const std::string& password) override {
    std::string login = postgres::run_role_name(scratch_run_id());
    admin.must_run(fmt::format("CREATE ROLE {} LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB "
                               "NOCREATEROLE NOREPLICATION NOBYPASSRLS",
                               pg_name(login), sql::quote_literal(password)),
                   "creating the run's login");
    return login;
  }
  void drop_login(Connection& admin, const std::string& login) override {
    admin.must_run("DROP ROLE IF EXISTS " + pg_name(login), "dropping the run's login");
  }
  void create_database(Connection& admin, const std::string& name,
                       const std::string& login) override {
    admin.must_run(fmt::format("CREATE DATABASE {}{}", pg_name(name),
                               login.empty() ? "" : " OWNER " + pg_name(login)),
                   "creating scratch database " + name);
    admin.must_run(fmt::format("REVOKE ALL ON DATABASE {} FROM PUBLIC", pg_name(name)),
                   "closing scratch database " + name + " to other logins");
  }
  void drop_database(Connection& admin, const std::string& name) override {
    admin.must_run(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", pg_name(name)),
                   "dropping scratch database " + name);
  }
  std::vector<std::string> list_databases(Connection& admin) override {
    return first_column(admin, "SELECT datname::text FROM pg_database ORDER BY 1");
  }
};

class MysqlAdmin : public DbmsAdmin {
 public:
  void mark_live(Connection& admin) override {
    admin.must_run("SELECT GET_LOCK(" + mysql::quote_literal(mysql::run_marker(scratch_run_id())) +
                       ", 0)",
                   "marking the run live");
  }
  std::string create_login(Connection& admin, const std::string& password) override {
    // The host the server sees this client as: the login is made for exactly that host.
    std::string user = first_column(admin, "SELECT USER()").at(0);
    host_ = user.substr(user.rfind('@') + 1);
    std::string login = mysql::login_name(scratch_run_id());
    admin.must_run(fmt::format("CREATE USER {} IDENTIFIED BY {}", account(login),
                               mysql::quote_literal(password)),
                   "creating the run's login");
    return login;
  }
  void drop_login(Connection& admin, const std::string& login) override {
    admin.must_run("DROP USER IF EXISTS " + account(login), "dropping the run's login");
  }
  void create_database(Connection& admin, const std::string& name,
                       const std::string& login) override {
    admin.must_run("CREATE DATABASE " + mysql::quote_identifier(name),
                   "creating scratch database " + name);
    if (!login.empty())
      admin.must_run(fmt::format("GRANT ALL PRIVILEGES ON {}.* TO {}",
                                 mysql::quote_identifier(name), account(login)),
                     "granting scratch database " + name + " to the run's login");
  }
  void drop_database(Connection& admin, const std::string& name) override {
    admin.must_run("DROP DATABASE IF EXISTS " + mysql::quote_identifier(name),
                   "dropping scratch database " + name);
  }
  std::vector<std::string> list_databases(Connection& admin) override {
    return first_column(admin, "SHOW DATABASES");
  }

 private:
  std::string account(const std::string& login) const {
    return mysql::quote_literal(login) + "@" + mysql::quote_literal(host_.empty() ? "%" : host_);
  }
  std::string host_;
};

}  // namespace

std::string DbmsAdmin::connection_string_for(const std::string& admin_string,
                                             const std::string& name, const std::string& login,
                                             const std::string& password) const {
  ConnectionString attributes = ConnectionString::parse(admin_string);
  attributes.set({"Database", "DB"}, name);
  if (!login.empty()) {
    attributes.set({"Uid", "User", "UserName"}, login);
    attributes.set({"Pwd", "Password"}, password);
  }
  return attributes.text();
}

std::unique_ptr<DbmsAdmin> make_dbms_admin(EngineKind kind, const std::string& label) {
  switch (dialect_of(kind)) {
    case Dialect::postgres: return std::make_unique<PostgresAdmin>();
    case Dialect::mysql: return std::make_unique<MysqlAdmin>();
    case Dialect::db2: return db2::make_admin(label);
    case Dialect::sqlite: break;
  }
  throw Error(fmt::format("{}: the ODBC engine cannot create scratch databases on {} yet "
                          "(README \"What is verified where\")",
                          label, engine_name(kind)));
}

}  // namespace crucible::odbc
