// Internals of the catalog reader shared by its files: SQL fragments that every query uses the
// same way, field helpers, and one reader per kind of object.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "harness/catalog/catalog.h"

namespace crucible::postgres::sql {

// `schema.name`, or just `name` in public: the naming rule of every object in the snapshot.
std::string qualified(const std::string& schema_column, const std::string& name_column);
// True for the schemas users own: not pg_catalog, information_schema, pg_toast*, pg_temp*.
std::string in_user_schema(const std::string& schema_column);
// True unless the object is a member of an extension (pg_depend deptype 'e').
std::string not_in_extension(const std::string& catalog_table, const std::string& oid_column);

// The snapshot's transaction. Its fixed queries run as prepared statements: a verify run
// snapshots the same connection hundreds of times, and on a small schema planning these catalog
// joins costs more than running them (≈ 4 ms of planning against ≈ 1 ms of execution for the
// column query). Which statements the session has is read from pg_prepared_statements at the
// start of every snapshot, not remembered, because a migration on the same connection may run
// DEALLOCATE or DISCARD ALL.
class CatalogTx {
 public:
  explicit CatalogTx(pqxx::transaction_base& tx);

  // Runs fixed query `sql` as prepared statement `name` (prepared first if the session lacks it).
  pqxx::result query(const std::string& name, const std::string& sql);
  // Runs `sql` once, unprepared.
  pqxx::result run(const std::string& sql) { return tx_.exec(sql); }
  std::string quote(const std::string& text) { return tx_.quote(text); }

 private:
  pqxx::transaction_base& tx_;
  std::set<std::string> prepared_;
};

// A text field, "" when NULL.
std::string text(const pqxx::field& field);
// A field holding a JSON array of strings (array_to_json(ARRAY(...))).
std::vector<std::string> strings(const pqxx::field& field);

// One reader per kind of object; each runs one query (tables: three) and appends to `out`.
void read_tables(CatalogTx& tx, catalog::Catalog& out);
void read_indexes(CatalogTx& tx, catalog::Catalog& out);
void read_views(CatalogTx& tx, catalog::Catalog& out);
void read_sequences(CatalogTx& tx, catalog::Catalog& out);
void read_triggers(CatalogTx& tx, catalog::Catalog& out);
void read_routines(CatalogTx& tx, catalog::Catalog& out);
void read_types(CatalogTx& tx, catalog::Catalog& out);
void read_extensions(CatalogTx& tx, catalog::Catalog& out);
void read_schemas(CatalogTx& tx, catalog::Catalog& out);

}  // namespace crucible::postgres::sql
