#include "harness/checks/rows_free_schema.h"

#include <array>
#include <string_view>

#include "harness/sql/lexer.h"

namespace crucible {
namespace {

// Statements that run SQL chosen at run time, set the session, or leave the database.
constexpr std::array<std::string_view, 13> kFirstWords = {
    "prepare", "execute", "deallocate", "call", "begin", "if",  "case",
    "loop",    "while",   "repeat",     "for",  "set",   "use"};

bool statement_is_rows_free(const Statement& statement, Dialect dialect) {
  std::vector<sql::Token> tokens = sql::significant_tokens(statement.sql, dialect);
  if (tokens.empty()) return true;
  for (std::string_view word : kFirstWords)
    if (sql::is_word(tokens.front(), word)) return false;
  // A label before a compound statement: `outer: LOOP …`.
  if (tokens.size() > 1 && tokens[1].kind == sql::TokenKind::op && tokens[1].text == ":")
    return false;
  for (const sql::Token& token : tokens) {
    if (token.kind == sql::TokenKind::op && token.text.find('@') != std::string_view::npos)
      return false;  // a user variable, or a setting read into the statement
    // An event runs on the server's schedule; a temporary table is the session's own, and
    // hides the table of its name from later DDL in that session only.
    if (sql::is_word(token, "event") || sql::is_word(token, "temporary")) return false;
  }
  return true;
}

bool script_is_rows_free(const Script& script, Dialect dialect) {
  if (script.defect) return false;
  for (const Statement& statement : script.statements)
    if (!statement_is_rows_free(statement, dialect)) return false;
  return true;
}

}  // namespace

bool schema_effect_is_rows_free(const EngineScripts& scripts, Dialect dialect) {
  if (scripts.program || scripts.verify) return false;
  if (!script_is_rows_free(scripts.forward, dialect)) return false;
  return !scripts.reverse || script_is_rows_free(*scripts.reverse, dialect);
}

}  // namespace crucible
