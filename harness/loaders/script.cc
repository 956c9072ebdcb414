#include "harness/loaders/script.h"

#include <cctype>
#include <optional>

#include "harness/sql/lexer.h"
#include "harness/sql/splitter.h"

namespace crucible::loaders {
namespace {

bool opens_transaction(const Statement& statement, Dialect dialect) {
  return sql::is_phrase(statement.sql, dialect,
                        {{"BEGIN"},
                        {"BEGIN", "TRANSACTION"},
                        {"BEGIN", "WORK"},
                        {"START", "TRANSACTION"},
                        {"BEGIN", "DEFERRED"},
                        {"BEGIN", "IMMEDIATE"},
                        {"BEGIN", "EXCLUSIVE"},
                        {"BEGIN", "DEFERRED", "TRANSACTION"},
                        {"BEGIN", "IMMEDIATE", "TRANSACTION"},
                        {"BEGIN", "EXCLUSIVE", "TRANSACTION"}});
}

bool closes_transaction(const Statement& statement, Dialect dialect) {
  return sql::is_phrase(statement.sql, dialect,
                        {{"COMMIT"},
                        {"COMMIT", "TRANSACTION"},
                        {"COMMIT", "WORK"},
                        {"END"},
                        {"END", "TRANSACTION"},
                        {"END", "WORK"}});
}

void drop_transaction_wrapper(std::vector<Statement>& statements, Dialect dialect) {
  if (statements.size() < 2 || !opens_transaction(statements.front(), dialect) ||
      !closes_transaction(statements.back(), dialect))
    return;
  statements.pop_back();
  statements.erase(statements.begin());
}

// Adds the piece as one statement: from its first token to its last, less a final `;`. Nothing
// when it holds only comments.
void add_verbatim(Script& script, const ScriptPiece& piece, Dialect dialect) {
  std::vector<sql::Token> tokens = sql::tokenize(piece.text, dialect);
  const sql::Token* first = nullptr;
  const sql::Token* last = nullptr;
  for (const sql::Token& token : tokens) {
    int line = piece.first_line + token.line - 1;
    if (!token.unterminated.empty() && !script.defect)
      script.defect = ScriptDefect{std::string(token.unterminated), {script.file, line}};
    if (token.kind == sql::TokenKind::whitespace || token.kind == sql::TokenKind::comment) continue;
    if (!first) first = &token;
    last = &token;
  }
  if (!first) return;
  size_t begin = first->offset, end = last->offset + last->text.size();
  if (last->kind == sql::TokenKind::op && last->text.ends_with(";")) --end;
  std::string sql(piece.text.substr(begin, end - begin));
  while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.back()))) sql.pop_back();
  script.statements.push_back(
      Statement{std::move(sql), SourceLocation{script.file, piece.first_line + first->line - 1}});
}

}  // namespace

Script make_script(std::string_view text, Dialect dialect, const std::string& file, int first_line,
                   bool transactional) {
  return make_script({ScriptPiece{text, first_line}}, dialect, file, transactional);
}

Script make_script(const std::vector<ScriptPiece>& pieces, Dialect dialect,
                   const std::string& file, bool transactional) {
  Script script;
  script.file = file;
  script.transactional = transactional;
  for (const ScriptPiece& piece : pieces) {
    // MySQL and MariaDB take one statement per query: a block of several (real sql-migrate
    // projects wrap whole files in one) runs only through the driver's multiStatements, which
    // the server splits as the splitter does, compound bodies included.
    if (piece.verbatim && dialect != Dialect::mysql) {
      add_verbatim(script, piece, dialect);
      continue;
    }
    sql::SplitScript split = sql::split_script(piece.text, dialect, file, piece.first_line);
    for (Statement& statement : split.statements) script.statements.push_back(std::move(statement));
    if (split.defect && !script.defect) script.defect = std::move(split.defect);
  }
  if (transactional) drop_transaction_wrapper(script.statements, dialect);
  return script;
}

}  // namespace crucible::loaders
