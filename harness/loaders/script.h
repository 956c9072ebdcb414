// Turns the SQL of one migration file (or dbmate section) into a Script for one dialect.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible::loaders {

// Splits `text` (from `file`, starting at line `first_line`) into statements.
//
// A transactional script that wraps itself in a transaction — first statement BEGIN, BEGIN
// TRANSACTION/WORK or START TRANSACTION, last COMMIT or END — loses those two statements: the
// engine runs every transactional script in a transaction of its own, and a nested BEGIN would
// fail (PostgreSQL warns, SQLite refuses) or commit early (MySQL). A non-transactional script
// keeps them: there the user's own transaction is the only one.
Script make_script(std::string_view text, Dialect dialect, const std::string& file, int first_line,
                   bool transactional);

// A stretch of a script's text. A verbatim piece is one statement whatever its semicolons
// (sql-migrate's `-- +migrate StatementBegin` … `StatementEnd`), without a final `;` — except in
// the MySQL dialect, where the engine runs one statement per query and a block of several runs
// as the server would split it (the driver's multiStatements).
struct ScriptPiece {
  std::string_view text;
  int first_line;
  bool verbatim = false;
};

// As above, for a script made of pieces in order.
Script make_script(const std::vector<ScriptPiece>& pieces, Dialect dialect,
                   const std::string& file, bool transactional);

}  // namespace crucible::loaders
