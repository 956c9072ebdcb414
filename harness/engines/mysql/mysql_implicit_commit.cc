#include "harness/engines/mysql/mysql_implicit_commit.h"

#include <set>
#include <string>
#include <vector>

#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

// The first few words of the statement, lower-cased, comments and punctuation skipped.
std::vector<std::string> leading_words(std::string_view statement, size_t count) {
  std::vector<std::string> words;
  for (const sql::Token& token : sql::tokenize(statement, crucible::Dialect::mysql)) {
    if (token.kind == sql::TokenKind::word) words.push_back(sql::ascii_lower(token.text));
    if (words.size() == count) break;
  }
  return words;
}

bool contains(const std::vector<std::string>& words, std::string_view word) {
  for (const auto& w : words)
    if (w == word) return true;
  return false;
}

// CREATE [OR REPLACE] TEMPORARY TABLE and DROP TEMPORARY TABLE stay inside the transaction.
bool is_temporary_table_statement(const std::vector<std::string>& words) {
  size_t at = 1;
  if (words.size() > 2 && words[1] == "or" && words[2] == "replace") at = 3;
  return words.size() > at && words[at] == "temporary";
}

}  // namespace

bool commits_implicitly(std::string_view statement) {
  static const std::set<std::string, std::less<>> always = {
      "alter",   "rename",  "truncate", "grant",   "revoke",  "install", "uninstall",
      "lock",    "unlock",  "analyze",  "optimize", "repair", "flush",   "reset",
      "begin",   "commit",  "xa",       "cache",   "call",    "change",  "purge",
  };
  std::vector<std::string> words = leading_words(statement, 6);
  if (words.empty()) return false;
  const std::string& first = words[0];
  if (always.count(first)) return true;
  if (first == "create" || first == "drop") return !is_temporary_table_statement(words);
  if (first == "start" || first == "stop")  // START TRANSACTION, START SLAVE / REPLICA
    return true;
  if (first == "rollback") return !contains(words, "to");  // ROLLBACK TO SAVEPOINT stays inside
  if (first == "check") return words.size() > 1 && words[1] == "table";
  if (first == "load") return words.size() > 1 && words[1] == "index";
  if (first == "set") return contains(words, "autocommit") || contains(words, "password");
  return false;
}

}  // namespace crucible::mysql
