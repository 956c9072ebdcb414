// Views, sequences, triggers, routines, user types and extensions: one query each.
#include <fmt/format.h>

#include "harness/catalog/sql_normalize.h"
#include "harness/engines/postgres/postgres_catalog_sql.h"

namespace crucible::postgres::sql {
namespace {

// The FROM/WHERE of relations of the given relkinds in user schemas, not owned by an extension;
// `c` is the relation's pg_class row, `n` its namespace.
std::string user_relations(const std::string& relkinds) {
  return fmt::format(
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ({}) AND {} AND {}",
      relkinds, user_object("c.oid", "n.nspname"), not_in_extension("pg_class", "c.oid"));
}

}  // namespace

void read_views(CatalogTx& tx, catalog::Catalog& out) {
  std::string query = fmt::format(
      "SELECT {} AS name, c.relkind = 'm' AS materialized, "
      "  pg_get_viewdef(c.oid, true) AS definition {}",
      qualified("n.nspname", "c.relname"), user_relations("'v', 'm'"));
  for (const auto& row : tx.query("crucible_views", query))
    out.views.push_back(catalog::View{text(row["name"]), text(row["definition"]),
                                      row["materialized"].as<bool>()});
}

void read_sequences(CatalogTx& tx, catalog::Catalog& out) {
  // Identity columns' sequences (deptype 'i') belong to their column, which says "identity".
  // A SERIAL's sequence is OWNED BY its column (deptype 'a'): owned_by names it.
  std::string query = fmt::format(
      "SELECT {name} AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart, "
      "  s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, "
      "  (SELECT {owner} || '.' || a.attname FROM pg_depend d "
      "     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
      "     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
      "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
      "     AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1) AS owned_by "
      "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE {user} AND {not_ext} "
      "  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
      "                    AND d.objid = c.oid AND d.deptype = 'i')",
      fmt::arg("name", qualified("n.nspname", "c.relname")),
      fmt::arg("owner", qualified("tn.nspname", "t.relname")),
      fmt::arg("user", user_object("s.seqrelid", "n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_class", "c.oid")));
  for (const auto& row : tx.query("crucible_sequences", query)) {
    catalog::Sequence sequence;
    sequence.name = text(row["name"]);
    sequence.type = text(row["type"]);
    sequence.start = row["seqstart"].as<int64_t>();
    sequence.increment = row["seqincrement"].as<int64_t>();
    sequence.min_value = row["seqmin"].as<int64_t>();
    sequence.max_value = row["seqmax"].as<int64_t>();
    sequence.cycle = row["seqcycle"].as<bool>();
    sequence.owned_by = text(row["owned_by"]);
    out.sequences.push_back(std::move(sequence));
  }
}

void read_triggers(CatalogTx& tx, catalog::Catalog& out) {
  // tgisinternal: the triggers that implement foreign keys are the constraints' business.
  std::string query = fmt::format(
      "SELECT t.tgname, {table} AS table_name, pg_get_triggerdef(t.oid, true) AS definition "
      "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT t.tgisinternal AND {user} AND {not_ext} "
      "ORDER BY t.tgname, 2",
      fmt::arg("table", qualified("n.nspname", "c.relname")),
      fmt::arg("user", user_object("t.tgrelid", "n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_class", "c.oid")));
  for (const auto& row : tx.query("crucible_triggers", query))
    out.triggers.push_back(
        catalog::Trigger{text(row["tgname"]), text(row["table_name"]), text(row["definition"])});
}

namespace {

// pg_get_functiondef is canonical except for the body, which the server keeps exactly as written.
// The body is normalised by tokens, so that a reverse migration that re-creates the previous
// version of a function with other indentation, comments or keyword case is not a difference.
std::string routine_definition(const std::string& functiondef, const std::string& body) {
  size_t at = body.empty() ? std::string::npos : functiondef.rfind(body);
  if (at == std::string::npos) return functiondef;  // SQL-standard bodies are already parsed
  catalog::NormalizeOptions options;
  options.fold_identifiers = false;
  options.strip_outer_parens = false;
  return functiondef.substr(0, at) + normalize_sql(body, Dialect::postgres, options) +
         functiondef.substr(at + body.size());
}

}  // namespace

void read_routines(CatalogTx& tx, catalog::Catalog& out) {
  // Functions and procedures; the identity arguments tell overloads apart. Aggregates and window
  // functions have no pg_get_functiondef.
  std::string query = fmt::format(
      "SELECT {name} || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, "
      "  p.prokind, pg_get_functiondef(p.oid) AS definition, p.prosrc "
      "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.prokind IN ('f', 'p') AND {user} AND {not_ext}",
      fmt::arg("name", qualified("n.nspname", "p.proname")),
      fmt::arg("user", user_object("p.oid", "n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_proc", "p.oid")));
  for (const auto& row : tx.query("crucible_routines", query)) {
    std::string kind = text(row["prokind"]) == "p" ? "procedure" : "function";
    out.routines.push_back(catalog::Routine{
        text(row["name"]), kind, routine_definition(text(row["definition"]), text(row["prosrc"]))});
  }
}

namespace {

// The definition of each kind of user type, as one line of text:
//   enum       'new', 'paid', 'shipped'            (labels in their sort order)
//   domain     integer NOT NULL DEFAULT 0 CONSTRAINT positive CHECK (VALUE > 0)
//   composite  x integer, y integer
//   range      subtype numeric
constexpr const char* kTypeDefinition =
    "CASE t.typtype"
    " WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
    "                FROM pg_enum e WHERE e.enumtypid = t.oid)"
    " WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)"
    "   || CASE WHEN t.typcollation <> bt.typcollation"
    "           THEN ' COLLATE ' || (SELECT quote_ident(co.collname) FROM pg_collation co"
    "                                WHERE co.oid = t.typcollation) ELSE '' END"
    "   || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END"
    "   || COALESCE(' DEFAULT ' || pg_get_expr(t.typdefaultbin, 0, true), '')"
    "   || COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(x.conname) || ' '"
    "                                  || pg_get_constraintdef(x.oid, true), '' ORDER BY x.conname)"
    "                FROM pg_constraint x WHERE x.contypid = t.oid), '')"
    " WHEN 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' '"
    "                                  || format_type(a.atttypid, a.atttypmod), ', '"
    "                                  ORDER BY a.attnum)"
    "                FROM pg_attribute a"
    "                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)"
    " WHEN 'r' THEN (SELECT 'subtype ' || format_type(r.rngsubtype, NULL) FROM pg_range r"
    "                WHERE r.rngtypid = t.oid)"
    " END";

std::string type_kind(const std::string& typtype) {
  if (typtype == "e") return "enum";
  if (typtype == "d") return "domain";
  if (typtype == "c") return "composite";
  return "range";
}

}  // namespace

void read_types(CatalogTx& tx, catalog::Catalog& out) {
  // Composite types only when standalone (relkind 'c'): every table has a row type too.
  std::string query = fmt::format(
      "SELECT {name} AS name, t.typtype, {definition} AS definition "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
      "LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
      "WHERE t.typtype IN ('e', 'd', 'r', 'c') "
      "  AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c') "
      "  AND {user} AND {not_ext}",
      fmt::arg("name", qualified("n.nspname", "t.typname")),
      fmt::arg("definition", kTypeDefinition), fmt::arg("user", user_object("t.oid", "n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_type", "t.oid")));
  for (const auto& row : tx.query("crucible_types", query))
    out.types.push_back(catalog::UserType{text(row["name"]), type_kind(text(row["typtype"])),
                                          text(row["definition"])});
}

void read_extensions(CatalogTx& tx, catalog::Catalog& out) {
  // plpgsql is installed in every database: it says nothing about the migrations.
  for (const auto& row :
       tx.query("crucible_extensions", "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'"))
    out.extensions.push_back(catalog::Extension{text(row["extname"])});
}

void read_schemas(CatalogTx& tx, catalog::Catalog& out) {
  // An empty schema a down forgot to drop is a leftover like any other object.
  std::string query = fmt::format(
      "SELECT n.nspname FROM pg_namespace n WHERE {user} AND {not_ext}",
      fmt::arg("user", in_user_schema("n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_namespace", "n.oid")));
  for (const auto& row : tx.query("crucible_schemas", query))
    out.schemas.push_back(catalog::Schema{text(row["nspname"])});
}

}  // namespace crucible::postgres::sql
