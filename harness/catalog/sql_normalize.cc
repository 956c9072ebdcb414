#include "harness/catalog/sql_normalize.h"

#include <cctype>
#include <vector>

#include "harness/sql/lexer.h"

namespace crucible::catalog {
namespace {

bool is_plain_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_'))
      return false;
  return true;
}

// "Name" / `Name` / [Name] -> the identifier, folded or kept quoted as the dialect requires.
std::string normalize_quoted_identifier(std::string_view quoted, bool fold) {
  std::string inner(quoted.substr(1, quoted.size() - 2));
  if (fold) return sql::ascii_lower(inner);
  return is_plain_identifier(inner) ? inner : std::string(quoted);
}

std::vector<std::string> significant_tokens(std::string_view text, Dialect dialect, bool fold) {
  std::vector<std::string> out;
  for (const sql::Token& token : sql::tokenize(text, dialect)) {
    switch (token.kind) {
      case sql::TokenKind::whitespace:
      case sql::TokenKind::comment: break;
      case sql::TokenKind::word: out.push_back(sql::ascii_lower(token.text)); break;
      case sql::TokenKind::quoted_id:
        out.push_back(normalize_quoted_identifier(token.text, fold));
        break;
      default: out.emplace_back(token.text);
    }
  }
  return out;
}

// Index of the ")" matching the "(" at `open`, or npos.
size_t matching_paren(const std::vector<std::string>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i] == "(") ++depth;
    if (tokens[i] == ")" && --depth == 0) return i;
  }
  return std::string::npos;
}

void strip_outer_parens(std::vector<std::string>& tokens) {
  while (tokens.size() >= 2 && tokens.front() == "(" &&
         matching_paren(tokens, 0) == tokens.size() - 1) {
    tokens.erase(tokens.begin());
    tokens.pop_back();
  }
}

bool glue_before(const std::string& token) { return token == ")" || token == "," || token == "."; }
bool glue_after(const std::string& token) { return token == "(" || token == "."; }

}  // namespace

std::string normalize_sql(std::string_view text, Dialect dialect, NormalizeOptions options) {
  std::vector<std::string> tokens = significant_tokens(text, dialect, options.fold_identifiers);
  while (!tokens.empty() && tokens.back() == ";") tokens.pop_back();
  if (options.strip_outer_parens) strip_outer_parens(tokens);
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool glue = i == 0 || glue_before(tokens[i]) || glue_after(tokens[i - 1]) ||
                (tokens[i] == "(" && !tokens[i - 1].empty() &&
                 (std::isalnum(static_cast<unsigned char>(tokens[i - 1].back())) ||
                  tokens[i - 1].back() == '_'));
    if (!glue) out += ' ';
    out += tokens[i];
  }
  return out;
}

}  // namespace crucible::catalog
