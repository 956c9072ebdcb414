// DB2's scratch unit is a schema per run, not a database: DB2's CREATE DATABASE is a command of
// the command line processor, not SQL, and needs instance authority. The schema is named like
// the other engines' scratch databases (crucible_<run>_<n>, stored upper-case as DB2 stores an
// unquoted name), so `crucible cleanup` lists and drops DB2 leftovers the same way.
//
// DB2 authenticates logins outside SQL (operating system or LDAP users), so there is no per-run
// login: the ODBC engine on DB2 runs only under --privileged, as the DSN's user.
#pragma once

#include <memory>
#include <string>

#include "harness/engines/odbc/odbc_dbms.h"

namespace crucible::db2 {

// The schema for scratch name `name` ("crucible_0a1b2c3d_1" -> "CRUCIBLE_0A1B2C3D_1").
std::string schema_for(const std::string& name);

// The SQL the DB2 admin runs, as text (tested without a server).
std::string mark_live_sql(const std::string& run_id);
std::string create_schema_sql(const std::string& name);
std::string drop_schema_sql(const std::string& name);
std::string list_schemas_sql();
// The admin's connection string with the run's schema as CURRENT SCHEMA and first in CURRENT
// PATH (CLI keywords CurrentSchema and CurrentFunctionPath: SET SCHEMA and SET PATH on every
// connect, including the extra sessions Crucible opens), so unqualified names land in it.
std::string schema_connection_string(const std::string& admin_string, const std::string& name);

std::unique_ptr<odbc::DbmsAdmin> make_admin(const std::string& label);

}  // namespace crucible::db2
