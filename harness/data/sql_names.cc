#include "harness/data/sql_names.h"

#include "harness/sql/identifier.h"

namespace crucible::data {

std::string quote_identifier(const std::string& name, Dialect dialect) {
  return sql::quote_identifier(name, dialect);
}

std::string quote_name(const std::string& name, Dialect dialect) {
  size_t dot = name.find('.');
  // Only PostgreSQL's catalog qualifies names with a schema; elsewhere a dot belongs to the name.
  if (dialect == Dialect::sqlite) return "main." + quote_identifier(name, dialect);
  if (dialect != Dialect::postgres) return quote_identifier(name, dialect);
  if (dot == std::string::npos) return "\"public\"." + quote_identifier(name, dialect);
  return quote_identifier(name.substr(0, dot), dialect) + "." +
         quote_identifier(name.substr(dot + 1), dialect);
}

}  // namespace crucible::data
