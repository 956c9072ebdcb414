#include "harness/data/sql_names.h"

namespace crucible::data {

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

std::string quote_name(const std::string& name, Dialect dialect) {
  size_t dot = name.find('.');
  // Only PostgreSQL's catalog qualifies names with a schema; elsewhere a dot belongs to the name.
  if (dialect != Dialect::postgres || dot == std::string::npos) return quote_identifier(name, dialect);
  return quote_identifier(name.substr(0, dot), dialect) + "." +
         quote_identifier(name.substr(dot + 1), dialect);
}

}  // namespace crucible::data
