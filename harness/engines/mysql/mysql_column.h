// A column as information_schema.COLUMNS describes it, turned into the canonical catalog form.
//
// The rules (docs/CATALOG.md, MariaDB/MySQL section):
// - default: nullopt when the column's default is NULL, whether written or implied (a nullable
//   column without DEFAULT behaves exactly like DEFAULT NULL; a NOT NULL column without DEFAULT
//   has none, and `nullable` already tells the two apart). Literals are kept quoted ('abc'),
//   numbers bare (5, 1.50), expressions normalised by tokens (current_timestamp()).
// - ON UPDATE <expr> changes what an UPDATE writes, so it is kept as a suffix of the default:
//   "current_timestamp() on update current_timestamp()" ("NULL on update ..." without default).
// - type: COLUMN_TYPE as the server prints it, plus " invisible" for invisible columns
//   (they drop out of SELECT *).
// - generated: "stored <expr>" / "virtual <expr>"; identity: "auto_increment".
// - collation: only when it differs from the table's default collation.
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/mysql/mysql_dialect.h"
#include "harness/engines/text_rows.h"

namespace crucible::mysql {

// The columns of information_schema.COLUMNS that column_from_row() reads, in order, after
// TABLE_NAME (index 0); a query may select more after them, from index kColumnsSelectWidth on.
extern const char* const kColumnsSelectList;
constexpr size_t kColumnsSelectWidth = 10;

catalog::Column column_from_row(const TextRow& row, const ServerDialect& dialect,
                                const std::string& table_collation);

}  // namespace crucible::mysql
