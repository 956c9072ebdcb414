// Splits a script into statements, per dialect, never inside a literal, quoted identifier,
// comment, PostgreSQL dollar-quoted body, or a BEGIN … END compound body (triggers, MySQL
// procedures, PostgreSQL BEGIN ATOMIC). Honours MySQL `DELIMITER xx` lines. Statements that are
// only comments or whitespace are dropped. Every statement keeps the line of its first token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible::sql {

// `file` and `first_line` locate the text: a section of a file starts at first_line.
std::vector<Statement> split_statements(std::string_view text, Dialect dialect,
                                        const std::string& file, int first_line = 1);

}  // namespace crucible::sql
