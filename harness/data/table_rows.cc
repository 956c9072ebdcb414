#include "harness/data/table_rows.h"

#include <charconv>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/data/sql_names.h"

namespace crucible::data {

std::vector<bool> tables_with_rows(Database& db, Dialect dialect, const catalog::Catalog& catalog) {
  std::vector<bool> present(catalog.tables.size(), true);
  if (present.empty()) return present;
  std::vector<std::string> exists;
  for (const catalog::Table& t : catalog.tables)
    exists.push_back(fmt::format("EXISTS (SELECT 1 FROM {})", quote_name(t.name, dialect)));
  QueryResult r = db.query(Statement{fmt::format("SELECT {}", fmt::join(exists, ", ")),
                                     SourceLocation{"<which tables hold rows>", 0}});
  if (!r.ok() || r.rows.size() != 1 || r.rows[0].size() != present.size()) return present;
  for (size_t t = 0; t < present.size(); ++t) present[t] = integer_of(r.rows[0][t]) != 0;
  return present;
}

std::set<std::string> module_tables(Database& db, Dialect dialect) {
  std::set<std::string> out;
  if (dialect != Dialect::sqlite) return out;
  // Listing the tables by type costs about a millisecond: only where a virtual table (a table
  // without storage of its own) exists.
  QueryResult any = db.query(Statement{
      "SELECT EXISTS (SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND rootpage = 0)",
      SourceLocation{"<virtual tables' own tables>", 0}});
  if (any.ok() && any.rows.size() == 1 && any.rows[0].size() == 1 &&
      integer_of(any.rows[0][0]) == 0)
    return out;
  QueryResult r = db.query(
      Statement{"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'",
                SourceLocation{"<virtual tables' own tables>", 0}});
  if (!r.ok()) return out;
  for (const auto& row : r.rows)
    if (const auto* name = row.empty() ? nullptr : std::get_if<std::string>(&row[0]))
      out.insert(*name);
  return out;
}

std::optional<int64_t> integer_of(const SqlValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value)) return static_cast<int64_t>(*d);
  const auto* text = std::get_if<std::string>(&value);
  if (!text) return std::nullopt;
  if (*text == "t" || *text == "true") return 1;
  if (*text == "f" || *text == "false") return 0;
  int64_t n = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return n;
}

}  // namespace crucible::data
