// The generic catalog level: what the ODBC catalog functions (SQLTables, SQLColumns,
// SQLPrimaryKeys, SQLForeignKeys, SQLStatistics) show of any DBMS. It sees tables and views,
// columns (type name and size, nullability, default text), primary keys, foreign keys with
// their rules, and indexes on plain columns. It cannot see CHECK constraints, triggers,
// routines, sequences, user types, view definitions, generated columns, comments, collations,
// index methods, predicates or expression keys: a change to those is invisible to verify over
// this level, and the engine's run notes say so.
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/engines/odbc/odbc_connection.h"

namespace crucible::odbc {

// What this level cannot see, for the run notes.
extern const char* const kGenericCatalogBlindSpots;

// The catalog of the database `connection` is connected to. `default_schema` is the schema whose
// objects are named unqualified ("public"; "" where the DBMS has catalogs instead, MySQL/MariaDB,
// whose objects are all unqualified). Schemas in `system_schemas` are left out; with
// `only_catalog` set, so is every catalog but that one (MySQL/MariaDB: the database).
catalog::Catalog read_generic_catalog(Connection& connection, const std::string& engine,
                                      const std::string& default_schema,
                                      const std::vector<std::string>& system_schemas,
                                      const std::string& only_catalog = "");

}  // namespace crucible::odbc
