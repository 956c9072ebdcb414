// Base tables, their options and their columns.
#include <unordered_map>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_column.h"
#include "harness/engines/mysql/mysql_snapshot_parts.h"

namespace crucible::mysql {

const char* const kSchemaQuery =
    "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {schema}";

const char* const kTablesQuery =
    "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, CREATE_OPTIONS, TABLE_COLLATION, TABLE_COMMENT "
    "FROM information_schema.TABLES WHERE TABLE_SCHEMA = {schema}";

std::string columns_query() {
  return fmt::format("SELECT {} FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {{schema}} "
                     "ORDER BY TABLE_NAME, ORDINAL_POSITION", kColumnsSelectList);
}

namespace {

enum TableField { kName, kType, kEngine, kCreateOptions, kCollation, kComment };

// Options that change behaviour, and only those the table asked for: the storage engine always
// (InnoDB vs MyISAM decides transactions and foreign keys), CREATE_OPTIONS (ROW_FORMAT,
// KEY_BLOCK_SIZE, ... as written — the server lists only explicit ones), the collation when it
// differs from the database's, and system versioning. Row counts, sizes and AUTO_INCREMENT
// counters are state, not schema, and stay out.
std::string table_options(const TextRow& row, const std::string& schema_collation) {
  std::string options = "ENGINE=" + row.text(kEngine);
  if (!row.text(kCreateOptions).empty()) options += " " + row.text(kCreateOptions);
  if (!row.is_null(kCollation) && row.text(kCollation) != schema_collation)
    options += " COLLATE=" + row.text(kCollation);
  if (row.text(kType) == "SYSTEM VERSIONED") options += " WITH SYSTEM VERSIONING";
  return options;
}

bool is_base_table(const std::string& type) {
  return type == "BASE TABLE" || type == "SYSTEM VERSIONED";
}

std::string schema_collation(SnapshotReader& reader) {
  Rows rows = reader.rows(kSchemaQuery, "default collation");
  if (rows.empty())
    throw Error(fmt::format("{}: database {} does not exist", reader.label(),
                            reader.schema()));
  return rows[0].text(0);
}

}  // namespace

void read_tables(SnapshotReader& reader, catalog::Catalog& catalog, OtherRelations& others) {
  const std::string default_collation = schema_collation(reader);
  std::unordered_map<std::string, std::string> collation_of;
  for (const TextRow& row : reader.rows(kTablesQuery, "tables")) {
    const std::string& type = row.text(kType);
    if (type == "SEQUENCE") others.sequence_names.push_back(row.text(kName));
    if (type == "VIEW") others.has_views = true;
    if (!is_base_table(type)) continue;
    catalog::Table table;
    table.name = row.text(kName);
    table.options = table_options(row, default_collation);
    table.comment = row.text(kComment);
    collation_of[table.name] = row.text(kCollation);
    catalog.tables.push_back(std::move(table));
  }

  std::unordered_map<std::string, catalog::Table*> by_name;
  for (catalog::Table& table : catalog.tables) by_name[table.name] = &table;
  for (const TextRow& row : reader.rows(columns_query(), "columns")) {
    auto it = by_name.find(row.text(0));
    if (it == by_name.end()) continue;  // a view's or a sequence's columns
    it->second->columns.push_back(
        column_from_row(row, reader.dialect(), collation_of[it->first]));
  }
}

}  // namespace crucible::mysql
