// How DB2's stored names and types read in a Crucible catalog (docs/CATALOG.md, "DB2").
#pragma once

#include <string>

#include "harness/engines/db2/db2_catalog_rows.h"

namespace crucible::db2 {

// DB2 stores an unquoted identifier upper-case (`users` -> USERS). Such a name reads lower-case,
// as PostgreSQL's catalog shows unquoted names; any other stored name (written quoted: "Users",
// "order lines") keeps its case and reads in double quotes, so USERS and "users" stay distinct.
std::string display_name(const std::string& stored);

// `name`, or `schema.name` when the object lives outside the run's schema.
std::string qualified_name(const std::string& schema, const std::string& name,
                           const std::string& run_schema);

// Names DB2 generates for unnamed constraints, their indexes and identity sequences:
// SQL<yymmddhhmmssxxx> (IBM: "SQLyymmddhhmmssxxx").
bool is_generated_name(const std::string& stored);

// A SYSCAT.COLUMNS row's type, in DB2's own type names, lower case: `varchar(80)`,
// `decimal(10, 2)`, `timestamp(6)`, `character(16) for bit data`, `varchar(20 codeunits32)`,
// `decfloat(34)`, a distinct type by its (qualified) name.
std::string column_type(const CatalogRow& column, const std::string& run_schema);

}  // namespace crucible::db2
