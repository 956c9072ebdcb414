// The catalog of one MySQL/MariaDB database, read from information_schema.
//
// A fixed number of queries for the whole schema (never one per table), filtered on the
// schema name; only MariaDB sequences cost one small query each. docs/CATALOG.md lists what is
// normalised and why.
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/text_rows.h"

namespace crucible::mysql {

catalog::Catalog read_catalog(Connection& connection, const std::string& schema);

// The same catalog through another transport (the ODBC engine), connected to `schema` on a
// server that `dialect` describes; `label` names the connection in errors.
catalog::Catalog read_catalog(TextQueries& source, const ServerDialect& dialect,
                              const std::string& label, const std::string& schema);

}  // namespace crucible::mysql
