// Foreign keys and CHECK constraints.
#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "harness/engines/mysql/mysql_snapshot_parts.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {

// Two queries rather than one join: each information_schema table opens every table of the
// schema, and a schema without foreign keys (common, and the 1,000-table benchmark) then pays
// for only one of them.
// Ordered by the client (by_key below): ORDER BY made MariaDB sort its temporary copy of the rows.
const char* const kForeignKeyColumnsQuery =
    "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
    "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, ORDINAL_POSITION "
    "FROM information_schema.KEY_COLUMN_USAGE "
    "WHERE TABLE_SCHEMA = {schema} AND REFERENCED_TABLE_NAME IS NOT NULL";

const char* const kForeignKeyRulesQuery =
    "SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE "
    "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {schema}";

namespace {

enum ForeignKeyField { kTable, kName, kColumn, kRefSchema, kRefTable, kRefColumn, kPosition };
enum RuleField { kRuleTable, kRuleName, kOnUpdate, kOnDelete };

enum CheckField { kCheckTable, kCheckName, kClause, kColumnLevel, kEnforced };

// InnoDB checks foreign keys immediately, always: NO ACTION is RESTRICT (MySQL 8 manual,
// "FOREIGN KEY Constraints"). MariaDB shows whichever was written; both mean the same.
std::string canonical_rule(const std::string& rule) {
  return rule == "NO ACTION" ? "RESTRICT" : rule;
}

// The foreign key column rows, each key's together and in the order of its columns.
std::vector<TextRow> by_key(const Rows& rows) {
  using Key = std::tuple<std::string, std::string, int64_t>;
  std::vector<std::pair<Key, TextRow>> keyed;
  for (const TextRow& row : rows)
    keyed.emplace_back(Key{row.text(kTable), row.text(kName), row.integer(kPosition)}, row);
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TextRow> sorted;
  for (auto& [key, row] : keyed) sorted.push_back(row);
  return sorted;
}

bool is_column_of(const catalog::Table& table, const std::string& name) {
  const std::string lower = sql::ascii_lower(name);
  for (const catalog::Column& column : table.columns)
    if (sql::ascii_lower(column.name) == lower) return true;
  return false;
}

}  // namespace

void read_foreign_keys(SnapshotReader& reader, catalog::Catalog& catalog) {
  using TableAndName = std::pair<std::string, std::string>;
  std::vector<std::pair<catalog::Table*, catalog::ForeignKey>> keys;
  const Rows rows = reader.rows(kForeignKeyColumnsQuery, "foreign keys");
  for (const TextRow& row : by_key(rows)) {
    catalog::Table* table = reader.table(row.text(kTable));
    if (!table) continue;
    if (keys.empty() || keys.back().first != table || keys.back().second.name != row.text(kName)) {
      catalog::ForeignKey fk;
      fk.name = row.text(kName);
      fk.generated_name = reader.dialect().is_generated_foreign_key_name(table->name, fk.name);
      fk.ref_table = row.text(kRefSchema) == reader.schema()
                         ? row.text(kRefTable)
                         : row.text(kRefSchema) + "." + row.text(kRefTable);
      keys.emplace_back(table, std::move(fk));
    }
    keys.back().second.columns.push_back(row.text(kColumn));
    keys.back().second.ref_columns.push_back(row.text(kRefColumn));
  }
  if (keys.empty()) return;
  // Pointers into foreign_keys stay valid from here on: every key has been added.
  std::map<TableAndName, catalog::ForeignKey*> by_name;
  for (auto& [table, fk] : keys) table->foreign_keys.push_back(std::move(fk));
  for (catalog::Table& table : catalog.tables)
    for (catalog::ForeignKey& fk : table.foreign_keys) by_name[{table.name, fk.name}] = &fk;
  for (const TextRow& row : reader.rows(kForeignKeyRulesQuery, "foreign key rules")) {
    auto it = by_name.find({row.text(kRuleTable), row.text(kRuleName)});
    if (it == by_name.end()) continue;
    it->second->on_update = canonical_rule(row.text(kOnUpdate));
    it->second->on_delete = canonical_rule(row.text(kOnDelete));
  }
}

void read_checks(SnapshotReader& reader, catalog::Catalog& catalog) {
  for (const TextRow& row : reader.rows(reader.dialect().checks_query, "CHECK constraints")) {
    catalog::Table* table = reader.table(row.text(kCheckTable));
    if (!table) continue;
    catalog::Check check;
    check.name = row.text(kCheckName);
    check.generated_name = (row.flag(kColumnLevel) && is_column_of(*table, check.name)) ||
                           reader.dialect().is_generated_check_name(table->name, check.name);
    check.expression = normalized_definition(row.text(kClause), reader.schema());
    if (!row.flag(kEnforced)) check.expression += " not enforced";
    table->checks.push_back(std::move(check));
  }
}

}  // namespace crucible::mysql
