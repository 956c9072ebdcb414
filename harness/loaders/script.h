// Turns the SQL of one migration file (or dbmate section) into a Script for one dialect.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace crucible::loaders
