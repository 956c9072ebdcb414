// Reads the facts SQLite keeps only in the CREATE text of sqlite_schema (its PRAGMAs do not
// report CHECK constraints, generated-column expressions, collations, AUTOINCREMENT or
// constraint names). Works on tokens, so SQLite's own rewrites of that text on ALTER TABLE
// (quoting renamed columns, appending added columns) do not matter.
#pragma once

#include <string>
#include <vector>

namespace crucible::sqlite {

struct CheckDefinition {
  std::string name;        // "" when unnamed
  std::string expression;  // normalised
};

struct ColumnDefinition {
  std::string name;        // folded to lower case
  std::string collation;   // "" when none given
  std::string generated;   // "stored <expr>" / "virtual <expr>", or ""
  bool autoincrement = false;
};

struct TableDefinition {
  std::vector<ColumnDefinition> columns;
  std::vector<CheckDefinition> checks;  // column-level and table-level
  std::string options;                  // "WITHOUT ROWID", "STRICT", "STRICT, WITHOUT ROWID"
};

TableDefinition parse_create_table(const std::string& sql);

struct IndexDefinition {
  std::vector<std::string> key_texts;  // each indexed term as normalised text, in order
  std::string predicate;               // normalised WHERE clause, "" when none
};

IndexDefinition parse_create_index(const std::string& sql);

// The normalised text after the first top-level AS (view bodies).
std::string view_body(const std::string& sql);

}  // namespace crucible::sqlite
