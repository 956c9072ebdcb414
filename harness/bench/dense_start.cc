#include "harness/bench/dense_start.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "harness/bench/dense_rows.h"
#include "harness/common/error.h"
#include "harness/data/sql_names.h"
#include "harness/sql/lexer.h"

namespace crucible::bench {
namespace {

// The columns whose values must stay distinct. A unique index on an expression (lower(email))
// counts every column it names: the generated text is digits, which such expressions keep.
std::vector<const catalog::Column*> key_columns(const catalog::Table& table,
                                               const catalog::Catalog& catalog,
                                               EngineKind engine) {
  std::set<std::string> names;
  if (table.primary_key) names.insert(table.primary_key->columns.begin(),
                                      table.primary_key->columns.end());
  for (const catalog::Key& unique : table.uniques)
    names.insert(unique.columns.begin(), unique.columns.end());
  for (const catalog::Index& index : catalog.indexes) {
    if (!index.unique || index.table != table.name) continue;
    for (const std::string& key : index.keys)
      for (const sql::Token& token : sql::tokenize(key, dialect_of(engine)))
        names.insert(std::string(sql::identifier_text(token)));
  }
  std::vector<const catalog::Column*> columns;
  for (const catalog::Column& column : table.columns)
    if (names.count(column.name)) columns.push_back(&column);
  return columns;
}

}  // namespace

int64_t first_free_index(Database& db, const catalog::Table& table,
                         const catalog::Catalog& catalog, EngineKind engine) {
  std::vector<const catalog::Column*> keys = key_columns(table, catalog, engine);
  if (keys.empty()) return 0;
  const Dialect dialect = dialect_of(engine);
  std::string select;
  std::vector<data::ColumnType> types;
  for (const catalog::Column* column : keys) {
    select += (select.empty() ? "" : ", ") + data::quote_identifier(column->name, dialect);
    types.push_back(dense_type(table, *column, engine));
  }
  std::string sql = fmt::format("SELECT {} FROM {}", select, data::quote_name(table.name, dialect));
  QueryResult existing = db.query(Statement{sql, {"<bench: keys already in " + table.name + ">", 0}});
  if (!existing.ok())
    throw Error(fmt::format("cannot read the keys already in table {}: {}", table.name,
                            existing.error->message));
  int64_t first = 0;
  for (const std::vector<SqlValue>& row : existing.rows)
    for (size_t i = 0; i < types.size() && i < row.size(); ++i)
      if (auto index = dense_index(types[i], row[i])) first = std::max(first, *index + 1);
  return first;
}

}  // namespace crucible::bench
