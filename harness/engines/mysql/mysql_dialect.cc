#include "harness/engines/mysql/mysql_dialect.h"

#include <algorithm>

namespace crucible::mysql {
namespace {

// Plain string comparison, not std::regex: this runs for every CHECK and foreign key of every
// snapshot, and compiling a regex each time was most of the client's time in a MariaDB verify.
bool is_prefix_and_number(std::string prefix, const std::string& table,
                          const std::string& name) {
  if (auto at = prefix.find("{table}"); at != std::string::npos) prefix.replace(at, 7, table);
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return false;
  return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// MariaDB 10.11 (checked against the live server in tests/mysql).
ServerDialect mariadb_dialect() {
  ServerDialect d;
  d.engine = "mariadb";
  d.defaults_are_quoted = true;
  d.statistics_query =
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, "
      "COLLATION, INDEX_TYPE, NULL, IGNORED = 'YES' "
      "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = {schema}";
  // MariaDB keeps the table and whether the CHECK was written on a column (then it is named
  // after the column); every CHECK is enforced.
  d.checks_query =
      "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL = 'Column', 'YES' "
      "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {schema}";
  d.views_query =
      "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ALGORITHM "
      "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {schema}";
  d.hidden_index_word = "ignored";
  d.has_sequences = true;
  d.generated_check_prefix = "CONSTRAINT_";
  d.generated_foreign_key_prefix = "{table}_ibfk_";
  return d;
}

// MySQL 8.0 (from the reference manual: INFORMATION_SCHEMA STATISTICS has EXPRESSION and
// IS_VISIBLE since 8.0.13 / 8.0.0; CHECK_CONSTRAINTS has no TABLE_NAME, so it is joined to
// TABLE_CONSTRAINTS, where ENFORCED says whether the check runs; VIEWS has no ALGORITHM).
ServerDialect mysql8_dialect() {
  ServerDialect d;
  d.engine = "mysql";
  d.session_setup = {"SET SESSION information_schema_stats_expiry = 0"};
  d.defaults_are_quoted = false;
  d.statistics_query =
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, "
      "COLLATION, INDEX_TYPE, EXPRESSION, IS_VISIBLE = 'NO' "
      "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = {schema}";
  d.checks_query =
      "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 0, tc.ENFORCED "
      "FROM information_schema.CHECK_CONSTRAINTS cc "
      "JOIN information_schema.TABLE_CONSTRAINTS tc "
      "ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME "
      "AND tc.CONSTRAINT_TYPE = 'CHECK' "
      "WHERE cc.CONSTRAINT_SCHEMA = {schema} AND tc.TABLE_SCHEMA = {schema}";
  d.views_query =
      "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, '' "
      "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {schema}";
  d.hidden_index_word = "invisible";
  d.has_sequences = false;
  d.generated_check_prefix = "{table}_chk_";
  d.generated_foreign_key_prefix = "{table}_ibfk_";
  return d;
}

}  // namespace

bool ServerDialect::is_generated_check_name(const std::string& table,
                                            const std::string& name) const {
  return is_prefix_and_number(generated_check_prefix, table, name);
}

bool ServerDialect::is_generated_foreign_key_name(const std::string& table,
                                            const std::string& name) const {
  return is_prefix_and_number(generated_foreign_key_prefix, table, name);
}

bool is_mariadb_version(std::string_view version) {
  return version.find("MariaDB") != std::string_view::npos;
}

const ServerDialect& dialect_for_version(std::string_view version) {
  static const ServerDialect mariadb = mariadb_dialect();
  static const ServerDialect mysql8 = mysql8_dialect();
  return is_mariadb_version(version) ? mariadb : mysql8;
}

}  // namespace crucible::mysql
