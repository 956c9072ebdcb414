// What differs between the DBMSs behind the ODBC engine: the SQL that marks a run live, makes the
// per-run login, and creates, lists and drops scratch databases. Chosen by SQL_DBMS_NAME; the
// names and markers are the native engines' own (postgres_run_role.h, mysql_login.h), so
// `crucible cleanup` treats an ODBC run's leftovers like a native run's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/engines/odbc/odbc_connection.h"
#include "harness/engines/odbc/odbc_connection_string.h"

namespace crucible::odbc {

class DbmsAdmin {
 public:
  virtual ~DbmsAdmin() = default;

  // Marks this run live on the admin session for as long as it lasts.
  virtual void mark_live(Connection& admin) = 0;
  // Creates the per-run login with `password`; returns its name.
  virtual std::string create_login(Connection& admin, const std::string& password) = 0;
  virtual void drop_login(Connection& admin, const std::string& login) = 0;
  // Creates `name`, reachable by `login` ("" when migrations run as the admin login) only.
  virtual void create_database(Connection& admin, const std::string& name,
                               const std::string& login) = 0;
  virtual void drop_database(Connection& admin, const std::string& name) = 0;
  virtual std::vector<std::string> list_databases(Connection& admin) = 0;
  // The connection string that reaches database `name` (as `login`/`password` when given).
  virtual std::string connection_string_for(const std::string& admin_string,
                                            const std::string& name, const std::string& login,
                                            const std::string& password) const;
};

// The admin SQL for `kind` (DB2's: db2/db2_admin.h); throws crucible::Error for a DBMS without
// one (SQLite).
std::unique_ptr<DbmsAdmin> make_dbms_admin(EngineKind kind, const std::string& label);

}  // namespace crucible::odbc
