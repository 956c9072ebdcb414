// Where a statement of stored Helium code came from in its migration file. The server runs
// text generated from the file (macros expanded, blocks encoded and decoded again), so the line
// is found by matching: each source line becomes a pattern in which every ${NAME} matches
// anything, and the statement's first line is matched against them.
#pragma once

#include <string>

namespace crucible::lua::helium {

enum class CodeKind { forward, reverse };

// The 1-based line of `lua_source` where `statement` starts, or 0 when no line matches. When
// several lines match (forward and reverse code often share a statement's shape), the first one
// after the line naming ${TYPE_FORWARD_MIGRATION} / ${TYPE_REVERSE_MIGRATION} wins.
int locate_statement(const std::string& lua_source, const std::string& statement, CodeKind kind);

}  // namespace crucible::lua::helium
