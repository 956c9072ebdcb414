#include "harness/engines/placeholders.h"

#include "harness/sql/lexer.h"

namespace crucible {
namespace {

// Calls on_text(piece) for the text between placeholders and on_placeholder() for each `?`.
// Operators are runs of punctuation (`=?`, `(?`), so each run is searched character by character.
template <typename OnText, typename OnPlaceholder>
void walk(std::string_view sql, Dialect dialect, OnText on_text, OnPlaceholder on_placeholder) {
  for (const sql::Token& token : sql::tokenize(sql, dialect)) {
    if (token.kind != sql::TokenKind::op) {
      on_text(token.text);
      continue;
    }
    size_t start = 0;
    for (size_t i = 0; i < token.text.size(); ++i) {
      if (token.text[i] != '?') continue;
      on_text(token.text.substr(start, i - start));
      on_placeholder();
      start = i + 1;
    }
    on_text(token.text.substr(start));
  }
}

}  // namespace

int count_placeholders(std::string_view sql, Dialect dialect) {
  int count = 0;
  walk(sql, dialect, [](std::string_view) {}, [&] { ++count; });
  return count;
}

std::string number_placeholders(std::string_view sql, Dialect dialect) {
  std::string out;
  int n = 0;
  walk(sql, dialect, [&](std::string_view text) { out += text; },
       [&] { out += "$" + std::to_string(++n); });
  return out;
}

}  // namespace crucible
