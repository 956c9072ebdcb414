// The DB2 catalog reader over the ODBC engine's connection (IBM's CLI driver).
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/engines/odbc/odbc_connection.h"

namespace crucible::db2 {

// The schema that is Crucible's database `name` on DB2 (a scratch unit is a schema), as DB2
// stores it: upper-case, as if written unquoted.
std::string schema_of(const std::string& name);

// The catalog of `schema` (as DB2 stores it) on the database `connection` is connected to.
catalog::Catalog read_catalog_over_odbc(odbc::Connection& connection, const std::string& schema);

}  // namespace crucible::db2
