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
