// Catalog snapshots of a PostgreSQL database, read from pg_catalog (never information_schema,
// whose constraint views are far too slow on large schemas).
//
// A fixed number of queries covers the whole database, one per kind of object, so the cost does
// not grow with the number of round trips: a 1,000-table schema snapshots in well under a second.
// Every user schema is read (not pg_catalog, information_schema, pg_toast*, pg_temp*); names are
// unqualified in `public` and `schema.name` elsewhere; objects that belong to an extension are
// left out (the extension itself is listed). docs/CATALOG.md, section PostgreSQL, has the rules.
#pragma once

#include <pqxx/pqxx>

#include "harness/catalog/catalog.h"

namespace crucible::postgres {

namespace sql {
struct CatalogStatements;
}

// Reads the catalog in one read-only, repeatable-read transaction. `statements` belongs to the
// connection (what its snapshots have prepared) and is kept between calls. Throws pqxx
// exceptions.
catalog::Catalog read_catalog(pqxx::connection& connection, sql::CatalogStatements& statements);

}  // namespace crucible::postgres
