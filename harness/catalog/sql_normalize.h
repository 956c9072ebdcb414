// Normalises SQL text by tokens, so that formatting, comments, keyword case and identifier
// quoting do not count, and everything with meaning (literals, operators, order) does.
// Used for CHECK expressions, view and trigger definitions, index predicates and defaults
// wherever an engine hands back text as written rather than a canonical form (SQLite).
#pragma once

#include <string>
#include <string_view>

#include "harness/common/engine_kind.h"

namespace crucible::catalog {

struct NormalizeOptions {
  // Fold unquoted words and quoted identifiers to lower case and drop the quotes of identifiers
  // that need none. Right for SQLite and MySQL, whose identifiers are case-insensitive; for
  // PostgreSQL the server already hands back canonical text.
  bool fold_identifiers = true;
  // Remove one pair of parentheses around the whole text: "(a > 0)" == "a > 0".
  bool strip_outer_parens = true;
};

std::string normalize_sql(std::string_view text, Dialect dialect, NormalizeOptions options = {});

}  // namespace crucible::catalog
