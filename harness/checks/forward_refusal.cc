#include "harness/checks/forward_refusal.h"

#include <regex>
#include <string>
#include <vector>

#include "harness/common/text_regex.h"
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

// Whether `token` names `column`. Case is ignored: a column differing from another only in
// case is rare, and mistaking one for the other only turns a `fail` into a `skip`.
bool names(const sql::Token& token, const std::string& column) {
  return (token.kind == sql::TokenKind::word || token.kind == sql::TokenKind::quoted_id) &&
         sql::ascii_lower(sql::identifier_text(token)) == sql::ascii_lower(column);
}

// Whether `statement` adds column `column` itself: ADD [COLUMN] [IF NOT EXISTS] name. Added in
// an earlier statement, or renamed to it, the column may have been filled from other columns
// before a later one made it NOT NULL (crates.io's tidy_up_version_owner_actions renames
// owner_id to user_id, then sets it NOT NULL).
bool adds_column(const std::vector<sql::Token>& words, const std::string& column) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (!sql::is_word(words[i], "add")) continue;
    size_t at = i + 1;
    if (at < words.size() && sql::is_word(words[at], "column")) ++at;
    if (at + 2 < words.size() && sql::is_word(words[at], "if") &&
        sql::is_word(words[at + 1], "not") && sql::is_word(words[at + 2], "exists"))
      at += 3;
    if (at < words.size() && names(words[at], column)) return true;
  }
  return false;
}

// Whether `statement` is an INSERT whose column list leaves `column` out: INSERT [OR …] INTO
// table (a, b) … . Every row it copies then lacks a value there (kratos's
// create_profile_request_forms copies rows without their NOT NULL created_at). Without a column
// list every column gets a value, which may be a NULL of the rows.
bool inserts_without(const std::vector<sql::Token>& words, const std::string& column) {
  if (words.empty() || !sql::is_word(words[0], "insert")) return false;
  size_t at = 1;
  while (at < words.size() && !sql::is_word(words[at], "into")) ++at;
  at += 2;  // INTO and the table's name
  while (at + 1 < words.size() && words[at].text == ".") at += 2;  // schema.table
  if (at + 1 < words.size() && sql::is_word(words[at], "as")) at += 2;  // PostgreSQL's alias
  if (at >= words.size() || words[at].kind != sql::TokenKind::op ||
      !words[at].text.starts_with("("))
    return false;
  for (++at; at < words.size(); ++at) {
    if (words[at].kind == sql::TokenKind::op) {
      if (words[at].text.find(')') != std::string_view::npos) return true;
      continue;
    }
    if (names(words[at], column)) return false;
  }
  return false;  // no end to the list: not a statement to judge by
}

// The column a NOT NULL refusal names, and whether the failing statement leaves it without a
// value in every row:
//   PostgreSQL  column "sku" of relation "items" contains null values     (ADD COLUMN, SET NOT NULL)
//               null value in column "created_at" of relation "m" violates not-null constraint
//   SQLite      Cannot add a NOT NULL column with default value NULL
//               NOT NULL constraint failed: t.c
// (MariaDB in strict mode refuses such an INSERT even with no rows: the linear run reports it.)
bool leaves_every_row_without(const StatementError& error, Dialect dialect) {
  if (error.message.find("Cannot add a NOT NULL column") != std::string::npos) return true;
  // Messages carry names, which SQLite does not bound in length: text_regex, no backtracking.
  static const std::regex added =
      text_regex(R"re(column "(.+)" of relation "(.+)" contains null values)re");
  static const std::regex inserted =
      text_regex(R"re(null value in column "(.+)" of relation ".+" violates)re");
  static const std::regex sqlite = text_regex(R"re(NOT NULL constraint failed: [^ .]+\.([^ ]+))re");
  std::smatch m;
  const std::vector<sql::Token> words = sql::significant_tokens(error.statement, dialect);
  if (std::regex_search(error.message, m, added)) return adds_column(words, m[1].str());
  if (std::regex_search(error.message, m, inserted) || std::regex_search(error.message, m, sqlite))
    return inserts_without(words, m[1].str());
  return false;
}

}  // namespace

ForwardRefusal classify_forward_refusal(const StatementError& error, Dialect dialect) {
  if (leaves_every_row_without(error, dialect)) return ForwardRefusal::every_row;
  if (refuses_values(error)) return ForwardRefusal::values;
  return ForwardRefusal::other;
}

}  // namespace crucible
