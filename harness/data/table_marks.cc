#include "harness/data/table_marks.h"

#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/data/sql_names.h"
#include "harness/data/table_rows.h"

namespace crucible::data {
namespace {

// E'…' reads the same whatever standard_conforming_strings a migration set.
std::string literal(const std::string& text) {
  std::string out = "E'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

// The settings a value's text depends on: dates, intervals, time zones, floats, bytea, money,
// XML, the encoding, and the search path.
constexpr const char* kOutputSettings =
    "concat_ws('|', current_setting('DateStyle'), current_setting('IntervalStyle'), "
    "current_setting('TimeZone'), current_setting('extra_float_digits'), "
    "current_setting('bytea_output'), current_setting('lc_monetary'), "
    "current_setting('client_encoding'), current_setting('search_path'), "
    "current_setting('xmlbinary'), current_setting('xmloption'))";

// Built-in types only (oid below FirstNormalObjectId, 16384), and none whose text is a catalog
// object's name (regclass and the other reg* types, aclitem) or an array of one.
constexpr const char* kVouchable =
    "current_setting('track_counts')::bool AND c.relkind = 'r' AND NOT c.relhassubclass "
    "AND NOT c.relrowsecurity AND NOT c.relhasrules AND x.built_in";

// Every column, not only those read: one dropped and added again gets a new attnum, and one the
// forward added and the reverse dropped is gone from the list again.
constexpr const char* kColumns =
    "SELECT bool_and(a.atttypid < 16384 AND a.atttypid::regtype::text !~ '^(reg|aclitem)') "
    "AS built_in, string_agg(concat_ws(':', quote_ident(a.attname), a.attnum, a.atttypid, "
    "a.atttypmod, a.attacl), ',' ORDER BY a.attnum) AS columns FROM pg_attribute a "
    "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped";

constexpr const char* kMark =
    "concat_ws(' ', s.s, c.oid, c.relfilenode, c.relacl, pg_stat_get_xact_tuples_inserted(c.oid), "
    "pg_stat_get_xact_tuples_updated(c.oid), pg_stat_get_xact_tuples_deleted(c.oid), x.columns)";

std::string marks_sql(const std::vector<std::string>& tables, bool count_rows) {
  std::vector<std::string> names, counted;
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string name = quote_name(tables[i], Dialect::postgres);
    names.push_back(literal(name));
    counted.push_back(fmt::format("SELECT {} AS i FROM {}", i + 1, name));
  }
  // The counts as one scan of all tables: 50 scalar subqueries cost 3-4 times as much to plan.
  std::string counts = count_rows ? fmt::format(
      ", counts AS (SELECT i, count(*) AS n FROM ({}) AS u GROUP BY i)",
      fmt::join(counted, " UNION ALL ")) : "";
  return fmt::format(
      "WITH settings(s) AS (SELECT {}){} "
      "SELECT t.i, CASE WHEN {} THEN {} ELSE '' END, {} "
      "FROM unnest(ARRAY[{}]::text[]) WITH ORDINALITY AS t(name, i) CROSS JOIN settings s "
      "LEFT JOIN pg_class c ON c.oid = to_regclass(t.name) "
      "LEFT JOIN LATERAL ({}) x ON true{} ORDER BY t.i",
      kOutputSettings, counts, kVouchable, kMark, count_rows ? "coalesce(counts.n, 0)" : "0",
      fmt::join(names, ", "), kColumns, count_rows ? " LEFT JOIN counts ON counts.i = t.i" : "");
}

// A foreign key whose action writes the table that holds it when its parent changes.
bool acts(const catalog::ForeignKey& fk) {
  auto writes = [](const std::string& action) {
    return action != "NO ACTION" && action != "RESTRICT" && !action.empty();
  };
  return writes(fk.on_delete) || writes(fk.on_update);
}

// For each table of `catalog`, itself and the tables its foreign key actions follow, and theirs,
// and so on: every name whose writes may write it.
std::vector<std::set<std::string>> written_through(const catalog::Catalog& catalog) {
  std::map<std::string, std::vector<std::string>> parents;
  for (const catalog::Table& table : catalog.tables)
    for (const catalog::ForeignKey& fk : table.foreign_keys)
      if (acts(fk)) parents[table.name].push_back(fk.ref_table);
  std::vector<std::set<std::string>> out;
  for (const catalog::Table& table : catalog.tables) {
    std::set<std::string> names{table.name};
    std::vector<std::string> next{table.name};
    while (!next.empty()) {
      std::string name = std::move(next.back());
      next.pop_back();
      for (const std::string& parent : parents[name])
        if (names.insert(parent).second) next.push_back(parent);
    }
    out.push_back(std::move(names));
  }
  return out;
}

// SQLite: the marks from the connection's write counts; the row counts in one statement.
std::optional<TableMarks> write_marks(Database& db, const catalog::Catalog& catalog,
                                      bool count_rows) {
  std::vector<std::set<std::string>> through = written_through(catalog);
  std::set<std::string> all;
  for (const auto& names : through) all.insert(names.begin(), names.end());
  std::vector<std::string> names(all.begin(), all.end());
  std::optional<std::vector<uint64_t>> writes = db.table_writes(names);
  if (!writes) return std::nullopt;
  std::map<std::string, uint64_t> writes_to;
  for (size_t i = 0; i < names.size(); ++i) writes_to[names[i]] = (*writes)[i];
  TableMarks out;
  for (const std::set<std::string>& table : through) {
    std::vector<uint64_t> counts;
    for (const std::string& name : table) counts.push_back(writes_to[name]);
    out.marks.push_back(fmt::format("{}", fmt::join(counts, " ")));
  }
  out.rows.assign(catalog.tables.size(), 0);
  if (!count_rows || catalog.tables.empty()) return out;
  std::vector<std::string> counted;
  for (const catalog::Table& table : catalog.tables)
    counted.push_back(fmt::format("(SELECT count(*) FROM {})", quote_name(table.name, Dialect::sqlite)));
  QueryResult r = db.query(Statement{fmt::format("SELECT {}", fmt::join(counted, ", ")),
                                     SourceLocation{"<table marks>", 0}});
  if (!r.ok() || r.rows.size() != 1 || r.rows[0].size() != counted.size()) return std::nullopt;
  for (size_t t = 0; t < counted.size(); ++t) {
    std::optional<int64_t> rows = integer_of(r.rows[0][t]);
    if (!rows) return std::nullopt;
    out.rows[t] = *rows;
  }
  return out;
}

// PostgreSQL: the marks of `tables` (as the catalog names them) from the server.
std::optional<TableMarks> server_marks(Database& db, const std::vector<std::string>& tables,
                                       bool count_rows) {
  TableMarks out;
  if (tables.empty()) return out;
  // The marks decide which tables are not read, on the session the migrations run on: with only
  // pg_catalog (then pg_temp) on the search path, no view, function or operator a migration
  // made (a temporary pg_class, a public concat_ws that matches better) can stand in for the
  // server's. The migration's own search path is put back afterwards.
  const SourceLocation where{"<table marks>", 0};
  QueryResult saved =
      db.query(Statement{"SELECT pg_catalog.current_setting('search_path')", where});
  const auto* path = saved.ok() && saved.rows.size() == 1 && saved.rows[0].size() == 1
                         ? std::get_if<std::string>(&saved.rows[0][0])
                         : nullptr;
  if (!path) return std::nullopt;
  QueryResult r = db.query(Statement{
      "SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true); " +
          marks_sql(tables, count_rows),
      where});
  QueryResult put_back = db.query(Statement{
      fmt::format("SELECT pg_catalog.set_config('search_path', {}, true)", literal(*path)), where});
  if (!put_back.ok()) return std::nullopt;
  if (!r.ok() || r.rows.size() != tables.size()) return std::nullopt;
  for (const auto& row : r.rows) {
    const auto* mark = row.size() == 3 ? std::get_if<std::string>(&row[1]) : nullptr;
    std::optional<int64_t> rows = row.size() == 3 ? integer_of(row[2]) : std::nullopt;
    if (!mark || !rows) return std::nullopt;
    out.marks.push_back(*mark);
    out.rows.push_back(*rows);
  }
  return out;
}

}  // namespace

std::optional<TableMarks> mark_tables(Database& db, EngineKind kind,
                                      const catalog::Catalog& catalog, bool count_rows) {
  if (kind == EngineKind::postgres) {
    std::vector<std::string> names;
    for (const catalog::Table& table : catalog.tables) names.push_back(table.name);
    return server_marks(db, names, count_rows);
  }
  return write_marks(db, catalog, count_rows);
}

bool unchanged(const TableMarks& a, const TableMarks& b, size_t t) {
  return t < a.marks.size() && t < b.marks.size() && !a.marks[t].empty() &&
         a.marks[t] == b.marks[t];
}

}  // namespace crucible::data
