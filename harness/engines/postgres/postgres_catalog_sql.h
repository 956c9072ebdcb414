// Internals of the catalog reader shared by its files: SQL fragments that every query uses the
// same way, field helpers, and one reader per kind of object.
#pragma once

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

// A text field, "" when NULL.
std::string text(const pqxx::field& field);
// A field holding a JSON array of strings (array_to_json(ARRAY(...))).
std::vector<std::string> strings(const pqxx::field& field);

// One reader per kind of object; each runs one query (tables: three) and appends to `out`.
void read_tables(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_indexes(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_views(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_sequences(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_triggers(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_routines(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_types(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_extensions(pqxx::transaction_base& tx, catalog::Catalog& out);
void read_schemas(pqxx::transaction_base& tx, catalog::Catalog& out);

}  // namespace crucible::postgres::sql
