// The `diagram` check of Helium designs: a migration's diagram row (query_type_a28 1002, JSON in
// `collection`) must describe the tables its forward left in the live catalog.
//
// Accepted shapes of the JSON (docs/HELIUM.md gives the column fields, not the nesting):
//   [ {"table": "accounts", "columns": [ COLUMN, … ]}, … ]    a list of tables ("name" also works)
//   {"tables": [ … as above … ]}                                 the list wrapped in an object
//   {"table": "accounts", "columns": [ … ]}                      a single table
//   {"accounts": [ COLUMN, … ], …}                               table name → its columns
//   [ {"object_type": "table", "object_id": "table.accounts", "table": [ COLUMN, … ]}, … ]
//                              (list entries with another object_type, e.g. links, are ignored)
//   {"diagram": [ {"object_type": "template", …}, {"object_type": "table", …}, … ]}
//                              the real library's row: the same list in a wrapper
// COLUMN = {"name": "account_id", "datatype": "INTEGER", "nullable": false, "primary_key": true,
//           "unique": false, "lookup": …, "standard": …}. Flags may be booleans, 0/1 or
// "true"/"false"/"yes"/"no". A flag left out is not compared; datatype, lookup and standard are
// informational (types are spelled per engine).
//
// For every declared table: it exists; every declared column exists with the declared
// nullability, primary-key membership and unique flag (true: the column is in the primary key, a
// UNIQUE constraint or a unique index; false: in no single-column UNIQUE constraint or index);
// and every real column of the table is declared. Names compare case-insensitively.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/catalog/catalog.h"

namespace crucible::helium {

struct DiagramColumn {
  std::string name;
  std::optional<bool> nullable, primary_key, unique;
};

struct DiagramTable {
  std::string name;
  std::vector<DiagramColumn> columns;
};

// Control characters written raw inside JSON strings (a template's SVG with real line breaks, as
// SQLite stores it) are read as spaces, not as an error: PostgreSQL's json_ingest escapes them on
// the way in, so a faithful design is not a false alarm on SQLite.
//
// Throws crucible::Error saying what is wrong with the JSON or its shape; for invalid JSON the
// parser's reason, the byte offset in the stored text and the characters around it.
std::vector<DiagramTable> parse_diagram(const std::string& json);

// Every way the catalog disagrees with the diagram, in words; empty when it agrees.
std::vector<std::string> compare_diagram(const std::vector<DiagramTable>& diagram,
                                         const catalog::Catalog& catalog);

}  // namespace crucible::helium
