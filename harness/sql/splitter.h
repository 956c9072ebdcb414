// Splits a script into statements, per dialect, never inside a literal, quoted identifier,
// comment, PostgreSQL dollar-quoted body, or a BEGIN … END compound body (triggers, MySQL
// procedures, PostgreSQL BEGIN ATOMIC). Honours MySQL `DELIMITER xx` lines. Statements that are
// only comments or whitespace are dropped. Every statement keeps the line of its first token.
// Text that ends inside a token, a body or a DELIMITER block is a defect, never silently split.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible::sql {

struct SplitScript {
  std::vector<Statement> statements;
  // Set when the text ends inside a comment, literal, quoted identifier, dollar quote, BEGIN …
  // END body or MySQL DELIMITER block: the statements are then not what the author meant (the
  // rest of the file is one token), and the script must not run.
  std::optional<ScriptDefect> defect;
};

// `file` and `first_line` locate the text: a section of a file starts at first_line.
SplitScript split_script(std::string_view text, Dialect dialect, const std::string& file,
                         int first_line = 1);

// For text that must be complete: the statements, or crucible::Error naming file:line and what
// is unterminated.
std::vector<Statement> split_statements(std::string_view text, Dialect dialect,
                                        const std::string& file, int first_line = 1);

}  // namespace crucible::sql
