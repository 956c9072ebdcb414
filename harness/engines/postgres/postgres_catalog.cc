#include "harness/engines/postgres/postgres_catalog.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/engines/postgres/postgres_catalog_sql.h"

namespace crucible::postgres {
namespace sql {

std::string qualified(const std::string& schema_column, const std::string& name_column) {
  return fmt::format("CASE WHEN {0} = 'public' THEN {1}::text ELSE {0} || '.' || {1} END",
                     schema_column, name_column);
}

std::string in_user_schema(const std::string& schema_column) {
  return fmt::format(
      "{0} NOT IN ('pg_catalog', 'information_schema') AND {0} NOT LIKE 'pg\\_toast%' "
      "AND {0} NOT LIKE 'pg\\_temp\\_%'",
      schema_column);
}

std::string not_in_extension(const std::string& catalog_table, const std::string& oid_column) {
  return fmt::format(
      "NOT EXISTS (SELECT 1 FROM pg_depend ext WHERE ext.classid = '{}'::regclass "
      "AND ext.objid = {} AND ext.deptype = 'e')",
      catalog_table, oid_column);
}

CatalogTx::CatalogTx(pqxx::transaction_base& tx) : tx_(tx) {
  for (const auto& row : tx_.exec("SELECT name FROM pg_prepared_statements "
                                  "WHERE name LIKE 'crucible\\_%'"))
    prepared_.insert(row[0].c_str());
}

pqxx::result CatalogTx::query(const std::string& name, const std::string& sql) {
  // Plain PREPARE / EXECUTE rather than libpqxx's prepared statements: libpqxx remembers what it
  // prepared and cannot learn that a migration deallocated it.
  if (prepared_.insert(name).second) tx_.exec(fmt::format("PREPARE {} AS {}", name, sql));
  return tx_.exec("EXECUTE " + name);
}

std::string text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

std::vector<std::string> strings(const pqxx::field& field) {
  if (field.is_null()) return {};
  return nlohmann::json::parse(field.c_str()).get<std::vector<std::string>>();
}

}  // namespace sql

catalog::Catalog read_catalog(pqxx::connection& connection) {
  // One consistent view of the catalog across all queries, and nothing written.
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
  // format_type, pg_get_expr and friends qualify names that are not visible on the search path:
  // with only public on it, they follow the same naming rule as the objects themselves, and a
  // migration's own SET search_path cannot change the snapshot.
  tx.exec("SET LOCAL search_path TO public");
  sql::CatalogTx catalog_tx(tx);

  catalog::Catalog out;
  out.engine = "postgres";
  sql::read_tables(catalog_tx, out);
  sql::read_indexes(catalog_tx, out);
  sql::read_views(catalog_tx, out);
  sql::read_sequences(catalog_tx, out);
  sql::read_triggers(catalog_tx, out);
  sql::read_routines(catalog_tx, out);
  sql::read_types(catalog_tx, out);
  sql::read_extensions(catalog_tx, out);
  sql::read_schemas(catalog_tx, out);
  tx.commit();
  out.canonicalize();
  return out;
}

}  // namespace crucible::postgres
