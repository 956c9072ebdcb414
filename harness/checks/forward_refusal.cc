#include "harness/checks/forward_refusal.h"

#include <regex>
#include <string>
#include <vector>

#include "harness/sql/lexer.h"

namespace crucible {
namespace {

// A data exception (class 22: too long, out of range, not convertible), a NOT NULL violation,
// MariaDB's "Data truncated" (01000 in strict mode), or SQLite's NOT NULL errors (SQLite has no
// SQLSTATE).
bool refuses_values(const StatementError& error) {
  return error.sqlstate.starts_with("22") || error.sqlstate == "23502" ||
         error.sqlstate == "01000" || error.message.find("NOT NULL") != std::string::npos;
}

// Whether `statement` adds column `column` itself: ADD [COLUMN] [IF NOT EXISTS] name. Added in
// an earlier statement, or renamed to it, the column may have been filled from other columns
// before a later one made it NOT NULL (crates.io's tidy_up_version_owner_actions renames
// owner_id to user_id, then sets it NOT NULL).
bool adds_column(const std::string& statement, const std::string& column) {
  std::vector<sql::Token> words;
  for (const sql::Token& token : sql::tokenize(statement, Dialect::postgres))
    if (token.kind != sql::TokenKind::whitespace && token.kind != sql::TokenKind::comment)
      words.push_back(token);
  auto names = [&](const sql::Token& token) {
    std::string_view name = sql::identifier_text(token);
    return token.kind == sql::TokenKind::quoted_id ? name == column
                                                   : sql::ascii_lower(name) == column;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (!sql::is_word(words[i], "add")) continue;
    size_t at = i + 1;
    if (at < words.size() && sql::is_word(words[at], "column")) ++at;
    if (at + 2 < words.size() && sql::is_word(words[at], "if") &&
        sql::is_word(words[at + 1], "not") && sql::is_word(words[at + 2], "exists"))
      at += 3;
    if (at < words.size() && names(words[at])) return true;
  }
  return false;
}

// PostgreSQL, for a NOT NULL over rows without a value:
//   column "sku" of relation "items" contains null values
// SQLite: "Cannot add a NOT NULL column with default value NULL".
bool adds_required_column(const StatementError& error) {
  if (error.message.find("Cannot add a NOT NULL column") != std::string::npos) return true;
  static const std::regex nulls(R"re(column "(.+)" of relation "(.+)" contains null values)re");
  std::smatch m;
  return error.sqlstate == "23502" && std::regex_search(error.message, m, nulls) &&
         adds_column(error.statement, m[1].str());
}

}  // namespace

ForwardRefusal classify_forward_refusal(const StatementError& error) {
  if (adds_required_column(error)) return ForwardRefusal::every_row;
  if (refuses_values(error)) return ForwardRefusal::values;
  return ForwardRefusal::other;
}

}  // namespace crucible
