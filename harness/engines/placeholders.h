// `?` placeholders in a statement, found by tokens so that a `?` inside a literal, a quoted
// identifier or a comment is never taken for one. Shared by the engines' query() code.
#pragma once

#include <string>
#include <string_view>

#include "harness/common/engine_kind.h"

namespace crucible {

// How many `?` placeholders `sql` holds.
int count_placeholders(std::string_view sql, Dialect dialect);

// `sql` with the n-th `?` placeholder replaced by `$n` (PostgreSQL's numbered parameters).
std::string number_placeholders(std::string_view sql, Dialect dialect);

}  // namespace crucible
