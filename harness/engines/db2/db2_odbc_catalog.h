// The DB2 catalog reader over the ODBC engine's connection (IBM's CLI driver).
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/engines/odbc/odbc_connection.h"

namespace crucible::db2 {

// The catalog of `schema` (as DB2 stores it) on the database `connection` is connected to.
catalog::Catalog read_catalog_over_odbc(odbc::Connection& connection, const std::string& schema);

}  // namespace crucible::db2
