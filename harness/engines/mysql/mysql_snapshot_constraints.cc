// Foreign keys and CHECK constraints.
#include <map>

#include "harness/engines/mysql/mysql_snapshot_parts.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

const char* const kForeignKeysQuery =
    "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, "
    "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
    "FROM information_schema.KEY_COLUMN_USAGE k "
    "JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
    "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME "
    "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
    "WHERE k.TABLE_SCHEMA = {schema} AND r.CONSTRAINT_SCHEMA = {schema} "
    "AND k.REFERENCED_TABLE_NAME IS NOT NULL "
    "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";
enum ForeignKeyField { kTable, kName, kColumn, kRefSchema, kRefTable, kRefColumn, kOnUpdate,
                       kOnDelete };

enum CheckField { kCheckTable, kCheckName, kClause, kColumnLevel, kEnforced };

// InnoDB checks foreign keys immediately, always: NO ACTION is RESTRICT (MySQL 8 manual,
// "FOREIGN KEY Constraints"). MariaDB shows whichever was written; both mean the same.
std::string canonical_rule(const std::string& rule) {
  return rule == "NO ACTION" ? "RESTRICT" : rule;
}

bool is_column_of(const catalog::Table& table, const std::string& name) {
  const std::string lower = sql::ascii_lower(name);
  for (const catalog::Column& column : table.columns)
    if (sql::ascii_lower(column.name) == lower) return true;
  return false;
}

}  // namespace

void read_foreign_keys(SnapshotReader& reader, catalog::Catalog& catalog) {
  // (table, constraint) -> position in that table's foreign_keys (which grows, so no pointers).
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (const Row& row : reader.rows(kForeignKeysQuery, "foreign keys")) {
    catalog::Table* table = reader.table(row.text(kTable));
    if (!table) continue;
    auto [it, inserted] = seen.emplace(std::make_pair(table->name, row.text(kName)),
                                       table->foreign_keys.size());
    if (inserted) {
      catalog::ForeignKey fk;
      fk.name = row.text(kName);
      fk.generated_name = reader.dialect().is_generated_foreign_key_name(table->name, fk.name);
      fk.ref_table = row.text(kRefSchema) == reader.schema()
                         ? row.text(kRefTable)
                         : row.text(kRefSchema) + "." + row.text(kRefTable);
      fk.on_update = canonical_rule(row.text(kOnUpdate));
      fk.on_delete = canonical_rule(row.text(kOnDelete));
      table->foreign_keys.push_back(std::move(fk));
    }
    catalog::ForeignKey& fk = table->foreign_keys[it->second];
    fk.columns.push_back(row.text(kColumn));
    fk.ref_columns.push_back(row.text(kRefColumn));
  }
}

// A CHECK without a name gets one from the server (MySQL t_chk_1, MariaDB CONSTRAINT_1, or on
// MariaDB the column's name for a CHECK written on the column); those renumber when checks are
// dropped and re-added, so they are compared by expression. NOT ENFORCED (MySQL) is kept: such a
// check does nothing.
void read_checks(SnapshotReader& reader, catalog::Catalog& catalog) {
  for (const Row& row : reader.rows(reader.dialect().checks_query, "CHECK constraints")) {
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
