#include "harness/loaders/script.h"

#include <initializer_list>

#include "harness/sql/lexer.h"
#include "harness/sql/splitter.h"

namespace crucible::loaders {
namespace {

using Phrase = std::initializer_list<std::string_view>;

// True when `sql` is exactly one of `phrases`, word for word, ignoring case and comments.
bool is_phrase(const std::string& sql, Dialect dialect, std::initializer_list<Phrase> phrases) {
  std::vector<const sql::Token*> words;
  std::vector<sql::Token> tokens = sql::tokenize(sql, dialect);
  for (const sql::Token& token : tokens)
    if (token.kind != sql::TokenKind::whitespace && token.kind != sql::TokenKind::comment)
      words.push_back(&token);
  for (Phrase phrase : phrases) {
    if (phrase.size() != words.size()) continue;
    bool same = true;
    size_t i = 0;
    for (std::string_view word : phrase) same = same && sql::is_word(*words[i++], word);
    if (same) return true;
  }
  return false;
}

bool opens_transaction(const Statement& statement, Dialect dialect) {
  return is_phrase(statement.sql, dialect,
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
  return is_phrase(statement.sql, dialect,
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

}  // namespace

Script make_script(std::string_view text, Dialect dialect, const std::string& file, int first_line,
                   bool transactional) {
  Script script;
  script.file = file;
  script.transactional = transactional;
  sql::SplitScript split = sql::split_script(text, dialect, file, first_line);
  script.statements = std::move(split.statements);
  script.defect = std::move(split.defect);
  if (transactional) drop_transaction_wrapper(script.statements, dialect);
  return script;
}

}  // namespace crucible::loaders
