// Tables, their columns and their constraints, and the comments on them: four queries for the
// whole database.
//
// Speed matters here (a snapshot runs after every step of every migration): per-row work in the
// server — sub-selects, pg_depend probes — costs more than the rest of the snapshot together on
// a 1,000-table schema. So the column and constraint queries join nothing they can filter in
// C++: rows of tables the first query did not return (extension members) are skipped here, and
// key columns arrive as attribute numbers that are named from the columns already read.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "harness/engines/postgres/postgres_catalog_sql.h"

namespace crucible::postgres::sql {
namespace {

using Tables = std::unordered_map<std::string, catalog::Table*>;  // by oid (as text)
// Comments on relations (attribute number 0) and their columns, by oid (as text) and number.
using Comments = std::map<std::pair<std::string, int>, std::string>;
// Column names by table oid (as text) and attribute number.
using ColumnNames = std::unordered_map<std::string, std::unordered_map<int, std::string>>;

// Options that change how a table behaves, as one line: "UNLOGGED PARTITION BY RANGE (day)".
std::string table_options(const TextRow& row) {
  std::vector<std::string> parts;
  if (text(row["persistence"]) == "u") parts.push_back("UNLOGGED");
  if (!row["partition_key"].is_null()) parts.push_back("PARTITION BY " + text(row["partition_key"]));
  if (!row["partition_of"].is_null()) parts.push_back("PARTITION OF " + text(row["partition_of"]));
  if (!row["inherits"].is_null()) parts.push_back("INHERITS (" + text(row["inherits"]) + ")");
  if (!row["reloptions"].is_null()) parts.push_back("WITH (" + text(row["reloptions"]) + ")");
  if (row["rls"].as<bool>()) parts.push_back("ROW LEVEL SECURITY");
  if (row["force_rls"].as<bool>()) parts.push_back("FORCE ROW LEVEL SECURITY");
  std::string options;
  for (const auto& part : parts) options += (options.empty() ? "" : " ") + part;
  return options;
}

// All comments on user relations and columns in one query: most have none, and looking one up
// per column cost the column query a fifth of its time (0.19 of 1.1 ms on a 50-table schema).
Comments read_comments(CatalogTx& tx) {
  Comments comments;
  for (const auto& row : tx.query("crucible_comments",
                                  "SELECT d.objoid, d.objsubid, d.description FROM pg_description d "
                                  "WHERE d.classoid = 'pg_class'::regclass AND d.objoid >= 16384"))
    comments[{text(row["objoid"]), row["objsubid"].as<int>()}] = text(row["description"]);
  return comments;
}

std::string comment_on(const Comments& comments, const std::string& relation, int number) {
  auto it = comments.find({relation, number});
  return it == comments.end() ? "" : it->second;
}

Tables read_table_rows(CatalogTx& tx, const Comments& comments, catalog::Catalog& out) {
  // Parents are joined once for all tables (a partition has exactly one) rather than looked up
  // per table: the two sub-selects per table cost three quarters of this query (1,000 tables:
  // 4.7 ms of 5.9).
  std::string parent = qualified("pn.nspname", "p.relname");
  std::string query = fmt::format(
      "SELECT c.oid, {name} AS name, c.relpersistence AS persistence, "
      "  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key, "
      "  CASE WHEN c.relispartition THEN "
      "    inh.parents || ' ' || pg_get_expr(c.relpartbound, c.oid) END AS partition_of, "
      "  CASE WHEN NOT c.relispartition THEN inh.parents END AS inherits, "
      "  array_to_string(c.reloptions, ', ') AS reloptions, "
      "  c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN (SELECT i.inhrelid, string_agg({parent}, ', ' ORDER BY i.inhseqno) AS parents "
      "    FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
      "    JOIN pg_namespace pn ON pn.oid = p.relnamespace GROUP BY i.inhrelid) inh "
      "  ON inh.inhrelid = c.oid "
      "WHERE c.relkind IN ('r', 'p') AND {user} AND {not_ext}",
      fmt::arg("name", qualified("n.nspname", "c.relname")), fmt::arg("parent", parent),
      fmt::arg("user", user_object("c.oid", "n.nspname")),
      fmt::arg("not_ext", not_in_extension("pg_class", "c.oid")));

  Tables by_oid;
  Rows rows = tx.query("crucible_tables", query);
  out.tables.reserve(rows.size());
  for (const auto& row : rows) {
    catalog::Table table;
    table.name = text(row["name"]);
    table.options = table_options(row);
    table.comment = comment_on(comments, text(row["oid"]), 0);
    out.tables.push_back(std::move(table));
  }
  for (size_t i = 0; i < rows.size(); ++i) by_oid[text(rows[i]["oid"])] = &out.tables[i];
  return by_oid;
}

std::string identity_of(const std::string& attidentity) {
  if (attidentity == "a") return "always";
  if (attidentity == "d") return "by default";
  return "";
}

uint32_t number_of(const TextField& field) {
  uint32_t number = 0;
  std::string_view digits = field.c_str();
  std::from_chars(digits.data(), digits.data() + digits.size(), number);
  return number;
}

// The indexes of column rows ordered by table (attrelid) and attribute number (attnum).
std::vector<size_t> in_attribute_order(const Rows& rows) {
  std::vector<std::pair<std::pair<uint32_t, uint32_t>, size_t>> keyed;
  keyed.reserve(rows.size());
  for (size_t at = 0; at < rows.size(); ++at)
    keyed.push_back({{number_of(rows[at]["attrelid"]), number_of(rows[at]["attnum"])}, at});
  std::sort(keyed.begin(), keyed.end());
  std::vector<size_t> order;
  order.reserve(keyed.size());
  for (const auto& entry : keyed) order.push_back(entry.second);
  return order;
}

// How many of the rows from order[from] on are columns of the same table (they are adjacent).
size_t columns_from(const Rows& rows, const std::vector<size_t>& order, size_t from) {
  std::string_view relation = rows[order[from]]["attrelid"].c_str();
  size_t to = from;
  while (to < order.size() && relation == rows[order[to]]["attrelid"].c_str()) ++to;
  return to - from;
}

ColumnNames read_columns(CatalogTx& tx, const Tables& tables, const Comments& comments) {
  // The default and the collation are looked up only for the columns that have one (atthasdef;
  // a collation other than the type's), not joined to every column: 20 % of the query's time.
  //
  // A default cannot name a column (PostgreSQL rejects it), so it is deparsed without its table:
  // pg_get_expr with a relation opens it to name the columns, which on a fresh backend builds
  // the relation's cache entry (1,000 tables: ≈ 90 ms) and on a warm one still costs a lock
  // and a column-name list per default. A generated column's expression does name columns and
  // keeps its table.
  //
  // No ORDER BY: sorting wide rows cost a third of the query; read_columns orders them.
  std::string query = fmt::format(
      "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, "
      "  a.attnotnull, a.attidentity, a.attgenerated, "
      "  CASE WHEN a.atthasdef THEN (SELECT pg_get_expr(ad.adbin, "
      "      CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END, true) "
      "    FROM pg_attrdef ad WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) END "
      "    AS expression, "
      "  CASE WHEN a.attcollation <> 0 AND a.attcollation <> "
      "    (SELECT t.typcollation FROM pg_type t WHERE t.oid = a.atttypid) THEN "
      "    (SELECT {collation} FROM pg_collation co "
      "       JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END "
      "    AS collation "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_attribute a ON a.attrelid = c.oid "
      "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') "
      "  AND {user}",
      fmt::arg("user", user_object("c.oid", "n.nspname")),
      fmt::arg("collation",
               "CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname::text "
               "ELSE cn.nspname || '.' || co.collname END"));
  // Read in attnum order; attnum has gaps after DROP COLUMN, so the position is simply the
  // order of reading (dense), which is what SELECT * and INSERT ... VALUES see.
  ColumnNames names;
  Rows rows = tx.query("crucible_columns", query);
  const std::vector<size_t> order = in_attribute_order(rows);
  for (size_t i = 0; i < order.size(); ++i) {
    TextRow row = rows[order[i]];
    std::string relation = text(row["attrelid"]);
    auto table = tables.find(relation);
    if (table == tables.end()) continue;
    // Sized once: growing each table's columns one by one cost a tenth of the client's time.
    if (table->second->columns.empty())
      table->second->columns.reserve(columns_from(rows, order, i));
    names[relation][row["attnum"].as<int>()] = text(row["attname"]);
    catalog::Column column;
    column.name = text(row["attname"]);
    column.type = text(row["type"]);
    column.nullable = !row["attnotnull"].as<bool>();
    column.identity = identity_of(text(row["attidentity"]));
    // A stored generated column keeps its expression where defaults live (pg_attrdef).
    if (text(row["attgenerated"]) == "s")
      column.generated = "stored " + text(row["expression"]);
    else if (!row["expression"].is_null())
      column.default_value = text(row["expression"]);
    column.collation = text(row["collation"]);
    column.comment = comment_on(comments, relation, row["attnum"].as<int>());
    table->second->columns.push_back(std::move(column));
  }
  return names;
}

std::string action_of(const std::string& code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "NO ACTION";  // 'a'
}

std::string deferrable_of(const TextRow& row) {
  if (!row["condeferrable"].as<bool>()) return "";
  return row["condeferred"].as<bool>() ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE";
}

// The numbers of an int2[] as PostgreSQL prints it: "{1,3}".
std::vector<int> attribute_numbers(const TextField& field) {
  std::vector<int> numbers;
  std::string_view digits = field.is_null() ? "" : field.c_str();
  for (size_t at = 0; at < digits.size();) {
    if (digits[at] < '0' || digits[at] > '9') { ++at; continue; }
    int number = 0;
    at = std::from_chars(digits.data() + at, digits.data() + digits.size(), number).ptr -
         digits.data();
    numbers.push_back(number);
  }
  return numbers;
}

// Names key columns from the columns already read. A referenced table outside the snapshot
// (an extension's) is looked up once, on demand.
class KeyNamer {
 public:
  KeyNamer(CatalogTx& tx, ColumnNames names) : tx_(tx), names_(std::move(names)) {}

  std::vector<std::string> operator()(const std::string& relation, const TextField& keys) {
    auto known = names_.find(relation);
    if (known == names_.end()) known = names_.emplace(relation, load(relation)).first;
    std::vector<std::string> columns;
    for (int number : attribute_numbers(keys)) columns.push_back(known->second[number]);
    return columns;
  }

 private:
  std::unordered_map<int, std::string> load(const std::string& relation) {
    std::unordered_map<int, std::string> columns;
    for (const auto& row : tx_.run(fmt::format(
             "SELECT attnum, attname FROM pg_attribute WHERE attrelid = {}", tx_.quote(relation))))
      columns[row["attnum"].as<int>()] = text(row["attname"]);
    return columns;
  }

  CatalogTx& tx_;
  ColumnNames names_;
};

// Names a referenced table from the tables already read, as they are named there; a table
// outside the snapshot (an extension's) is looked up once, on demand. Naming it in the server
// cost a sub-select per foreign key: a third of the constraint query on a 50-table schema.
class TableNamer {
 public:
  TableNamer(CatalogTx& tx, const Tables& tables) : tx_(tx), tables_(tables) {}

  std::string operator()(const std::string& relation) {
    if (auto known = tables_.find(relation); known != tables_.end()) return known->second->name;
    auto found = others_.find(relation);
    if (found == others_.end()) found = others_.emplace(relation, load(relation)).first;
    return found->second;
  }

 private:
  std::string load(const std::string& relation) {
    Rows rows = tx_.run(fmt::format(
        "SELECT {} AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid = {}",
        qualified("n.nspname", "c.relname"), tx_.quote(relation)));
    return rows.size() == 1 ? text(rows[0]["name"]) : "";
  }

  CatalogTx& tx_;
  const Tables& tables_;
  std::unordered_map<std::string, std::string> others_;
};

void add_constraint(const TextRow& row, catalog::Table& table, KeyNamer& key_names,
                    TableNamer& table_names) {
  std::string type = text(row["contype"]);
  std::string name = text(row["conname"]);
  std::vector<std::string> columns = key_names(text(row["conrelid"]), row["conkey"]);
  // PostgreSQL's default names (t_pkey, t_a_fkey, t_a_check) are deterministic, so a name is
  // compared as a name: generated_name stays false.
  if (type == "p") {
    table.primary_key = catalog::Key{name, false, columns};
  } else if (type == "u") {
    table.uniques.push_back(catalog::Key{name, false, columns});
  } else if (type == "f") {
    catalog::ForeignKey fk;
    fk.name = name;
    fk.columns = columns;
    fk.ref_table = table_names(text(row["confrelid"]));
    fk.ref_columns = key_names(text(row["confrelid"]), row["confkey"]);
    fk.on_delete = action_of(text(row["confdeltype"]));
    fk.on_update = action_of(text(row["confupdtype"]));
    fk.deferrable = deferrable_of(row);
    table.foreign_keys.push_back(std::move(fk));
  } else {
    // CHECK and EXCLUDE: the server's own canonical text ("CHECK (price > 0::numeric)").
    table.checks.push_back(catalog::Check{name, false, text(row["definition"])});
  }
}

void read_constraints(CatalogTx& tx, const Tables& tables, ColumnNames names) {
  // Foreign keys cloned onto partitions (conparentid <> 0) repeat the parent table's constraint,
  // which is reported once, on the table where it was declared. No ORDER BY: a table's
  // constraints are put in order by Catalog::canonicalize (the sort cost a quarter of the query).
  std::string query = fmt::format(
      "SELECT con.conrelid, con.conname, con.contype, con.conkey, con.confrelid, con.confkey, "
      "  con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred, "
      "  CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid, true) END "
      "    AS definition "
      "FROM pg_constraint con "
      "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') "
      "  AND NOT (con.contype = 'f' AND con.conparentid <> 0) "
      "  AND c.relkind IN ('r', 'p') AND {user}",
      fmt::arg("user", user_object("c.oid", "n.nspname")));
  KeyNamer key_names(tx, std::move(names));
  TableNamer table_names(tx, tables);
  for (const auto& row : tx.query("crucible_constraints", query)) {
    auto table = tables.find(text(row["conrelid"]));
    if (table != tables.end()) add_constraint(row, *table->second, key_names, table_names);
  }
}

}  // namespace

void read_tables(CatalogTx& tx, catalog::Catalog& out) {
  Comments comments = read_comments(tx);
  Tables tables = read_table_rows(tx, comments, out);
  read_constraints(tx, tables, read_columns(tx, tables, comments));
}

}  // namespace crucible::postgres::sql
