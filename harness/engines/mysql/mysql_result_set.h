// A result set of the connector as a QueryResult, the one form every MySQL/MariaDB read returns:
// integer and floating-point columns typed, everything else as the server's text, NULL as
// nullptr. query() and read_committed() share it, so that a table read either way hashes alike.
#pragma once

#include "harness/engines/engine.h"

namespace sql {
class ResultSet;
}

namespace crucible::mysql {

// Appends the column labels and every row of `rs` to `out`.
void read_result_set(::sql::ResultSet& rs, QueryResult& out);

}  // namespace crucible::mysql
