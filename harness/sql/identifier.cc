#include "harness/sql/identifier.h"

namespace crucible::sql {

std::string quote_identifier(const std::string& name, Dialect dialect) {
  // SQLite takes backquotes too, and needs them: a double-quoted name that matches no column is
  // read as a string literal there, so a column missing after a reverse would read as its name.
  const char quote = dialect == Dialect::postgres || dialect == Dialect::db2 ? '"' : '`';
  std::string out(1, quote);
  for (char c : name) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

std::string quote_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace crucible::sql
