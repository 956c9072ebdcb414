// Catalog snapshots of a PostgreSQL database, read from pg_catalog (never information_schema,
// whose constraint views are far too slow on large schemas).
//
// A fixed number of queries covers the whole database, one per kind of object, so the cost does
// not grow with the number of round trips: a 1,000-table schema snapshots in well under a second.
// Every user schema is read (not pg_catalog, information_schema, pg_toast*, pg_temp*); names are
// unqualified in `public` and `schema.name` elsewhere; objects that belong to an extension are
// left out (the extension itself is listed). docs/CATALOG.md, section PostgreSQL, has the rules.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "harness/catalog/catalog.h"
#include "harness/engines/text_rows.h"

namespace crucible::postgres {

namespace sql {
struct CatalogStatements;
struct PackedCatalogMemory;
}

// Reads the catalog in one read-only transaction: repeatable-read, or, for a batch on a
// database only this connection changes (statements.implicit_transaction), the implicit
// transaction of one query string. `statements` belongs to the connection (what its snapshots
// have prepared) and is kept between calls. `inside_transaction`: the connection holds a
// transaction open (Database::begin); the snapshot then reads what that transaction sees, in a
// read-only savepoint it rolls back, leaving the transaction as it was. There, `prologue`
// (control statements the caller deferred, see with_prologue) goes ahead of the savepoint, and
// with `deferred_end` the savepoint's end is not sent but added to it, for the caller to send
// with its next statement of its own; a snapshot that fails ends its savepoint at once. Throws
// pqxx exceptions.
catalog::Catalog read_catalog(pqxx::connection& connection, sql::CatalogStatements& statements,
                              bool inside_transaction = false,
                              const std::vector<std::string>& prologue = {},
                              std::vector<std::string>* deferred_end = nullptr);

// The same snapshot through another transport (the ODBC engine): the same queries in the
// transaction `source` has open; the caller ends it (rolls back: nothing was written), which
// also ends the SET LOCAL search_path. With `fresh_transaction`, nothing has run in that
// transaction yet and it becomes repeatable-read and read-only as the native one; otherwise
// (the caller's own transaction, inside a savepoint) the snapshot sees what that transaction
// sees. `memory` belongs to the transport's session, as `statements` above: with it, the
// session's snapshots after the first fetch every fixed query in one round trip and one row
// (postgres_catalog_packed.h). Throws what `source` throws.
catalog::Catalog read_catalog(TextQueries& source, bool fresh_transaction,
                              sql::PackedCatalogMemory* memory = nullptr);

}  // namespace crucible::postgres
