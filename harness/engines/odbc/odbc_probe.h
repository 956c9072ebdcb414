// Which DBMS an ODBC data source reaches, for DSNs that do not name their driver (odbc:DSN=name).
#pragma once

#include <string>

#include "harness/common/engine_kind.h"

namespace crucible::odbc {

// Connects with `connection_string`, reads SQL_DBMS_NAME and disconnects. Throws crucible::Error
// (exit 2) when the data source cannot be reached or runs a DBMS Crucible has no engine for.
EngineKind probe_kind(const std::string& connection_string);

// Whether the ODBC engine reads `kind`'s catalog with the native engine's queries (PostgreSQL,
// MariaDB, MySQL: the same snapshot as natively) rather than the generic ODBC level, which
// cannot see types, CHECKs and more (odbc_catalog.h). Defined in odbc_native_catalog.cc.
bool has_native_catalog(EngineKind kind);

}  // namespace crucible::odbc
