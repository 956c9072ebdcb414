// Indexes that do not back a constraint (those are represented by their constraint): one query.
#include <fmt/format.h>

#include "harness/engines/postgres/postgres_catalog_sql.h"

namespace crucible::postgres::sql {
namespace {

// Each index column as written in CREATE INDEX, from the server's own text: "email",
// "(lower(email))", "name text_pattern_ops DESC", "INCLUDE total". Sort order comes from
// indoption (bit 1: DESC, bit 2: NULLS FIRST), printed only where it differs from the default
// (ASC NULLS LAST, DESC NULLS FIRST); an operator class only where it is not the type's default.
// For a plain column pg_get_indexdef(index, k, true) prints the table column's name through
// quote_identifier, as quote_ident does; it is only called for expressions, since it opens the
// table on every call (on a fresh backend, building the table's relation cache entry).
constexpr const char* kIndexKeys =
    "array_to_json(ARRAY("
    "  SELECT CASE WHEN k > i.indnkeyatts THEN 'INCLUDE ' ELSE '' END"
    "    || CASE WHEN i.indkey[k - 1] = 0"
    "            THEN '(' || pg_get_indexdef(i.indexrelid, k, true) || ')'"
    "            ELSE (SELECT quote_ident(a.attname) FROM pg_attribute a"
    "                  WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END"
    "    || CASE WHEN NOT oc.opcdefault THEN ' ' || oc.opcname ELSE '' END"
    "    || CASE WHEN k > i.indnkeyatts THEN ''"
    "            ELSE CASE i.indoption[k - 1]::int & 3"
    "                   WHEN 1 THEN ' DESC NULLS LAST' WHEN 2 THEN ' NULLS FIRST'"
    "                   WHEN 3 THEN ' DESC' ELSE '' END END"
    "  FROM generate_series(1, i.indnatts) k"
    "  LEFT JOIN pg_opclass oc ON k <= i.indnkeyatts AND oc.oid = i.indclass[k - 1]"
    "  ORDER BY k))::text";

}  // namespace

void read_indexes(CatalogTx& tx, catalog::Catalog& out) {
  // The constraint-backed indexes are excluded by a NOT IN, which the planner hashes whatever
  // it estimates: as NOT EXISTS, a freshly built database's catalog statistics (still the
  // template's: pg_class "410 rows") made it rescan pg_constraint once per index (1,000
  // tables: 2.7 s instead of 10 ms).
  std::string query = fmt::format(
      "SELECT {index_name} AS name, {table_name} AS table_name, i.indisunique, am.amname, "
      "  pg_get_expr(i.indpred, i.indrelid, true) AS predicate, {keys} AS keys "
      "FROM pg_index i "
      "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
      "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'm') AND {user} AND {not_ext} "
      "  AND i.indexrelid NOT IN (SELECT x.conindid FROM pg_constraint x "
      "                           WHERE x.contype IN ('p', 'u', 'x'))",
      fmt::arg("index_name", qualified("n.nspname", "ic.relname")),
      fmt::arg("table_name", qualified("n.nspname", "c.relname")), fmt::arg("keys", kIndexKeys),
      fmt::arg("user", user_object("c.oid", "n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_class", "c.oid")));
  for (const auto& row : tx.query("crucible_indexes", query)) {
    catalog::Index index;
    index.name = text(row["name"]);
    index.table = text(row["table_name"]);
    index.keys = strings(row["keys"]);
    index.unique = row["indisunique"].as<bool>();
    index.predicate = text(row["predicate"]);
    std::string method = text(row["amname"]);
    index.method = method == "btree" ? "" : method;  // "" is the engine's default
    out.indexes.push_back(std::move(index));
  }
}

}  // namespace crucible::postgres::sql
