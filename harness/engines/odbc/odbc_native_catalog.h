// The catalog level per DBMS behind the ODBC engine. PostgreSQL, MariaDB and MySQL are read by the
// native engines' own readers (postgres_catalog.h, mysql_snapshot.h) through OdbcTextQueries: the
// same SQL, so the same snapshot as the native engine, byte for byte. Any other DBMS gets the
// generic level (odbc_catalog.h) and its blind spots.
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/common/engine_kind.h"
#include "harness/engines/odbc/odbc_connection.h"
#include "harness/engines/odbc/odbc_probe.h"

namespace crucible::odbc {

// The catalog of `database`, which `connection` is connected to, as `kind`'s native engine reads
// it; the generic level for a DBMS without a native reader. Throws crucible::Error.
catalog::Catalog read_catalog(Connection& connection, EngineKind kind,
                              const std::string& database);

}  // namespace crucible::odbc
