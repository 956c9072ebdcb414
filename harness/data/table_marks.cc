#include "harness/data/table_marks.h"

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

}  // namespace

std::optional<TableMarks> mark_tables(Database& db, EngineKind kind,
                                      const std::vector<std::string>& tables, bool count_rows) {
  if (kind != EngineKind::postgres) return std::nullopt;
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

bool unchanged(const TableMarks& a, const TableMarks& b, size_t t) {
  return t < a.marks.size() && t < b.marks.size() && !a.marks[t].empty() &&
         a.marks[t] == b.marks[t];
}

}  // namespace crucible::data
