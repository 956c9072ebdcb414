// What differs between MySQL 8 and MariaDB 10.11, in one table per server, so that the rest of
// the engine reads the same catalog rows the same way and never asks "which server is this?".
//
// The table is chosen once, from the server's own version string (MariaDB reports
// "10.11.19-MariaDB-..."), not from the DSN: a mysql:// DSN pointing at a MariaDB server still
// gets the MariaDB table. The MySQL entry follows the MySQL 8.0 reference manual; it is not
// exercised by the test suite (no MySQL server on the build machines, see docs/CATALOG.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crucible::mysql {

struct ServerDialect {
  std::string engine;  // "mysql" or "mariadb": Catalog::engine

  // Statements run on every new connection, e.g. MySQL 8's statistics cache switched off so
  // that information_schema answers from the data dictionary, not from a 24-hour-old copy.
  std::vector<std::string> session_setup;

  // COLUMNS.COLUMN_DEFAULT: MariaDB quotes string literals ('abc') and writes expressions bare
  // (current_timestamp()); MySQL 8 writes literals unquoted and flags expressions with
  // DEFAULT_GENERATED in EXTRA.
  bool defaults_are_quoted = false;

  // Queries with one "{schema}" placeholder (a quoted string literal). Each returns the columns
  // documented next to it in mysql_dialect.cc, in that order, whatever the server calls them;
  // rows come in no particular order (sorting is the client's: see mysql_snapshot_tables.cc).
  std::string statistics_query;  // table, index, non_unique, seq, column, sub_part, collation,
                                 // index_type, expression, hidden
  std::string checks_query;      // table, name, clause, column_level, enforced
  std::string views_query;       // view, definition, check_option, security_type, algorithm

  // What the server calls an index the optimizer must not use (MariaDB IGNORED, MySQL
  // INVISIBLE): kept in Index::method because a migration may switch it.
  std::string hidden_index_word;

  bool has_sequences = false;    // MariaDB: TABLES.TABLE_TYPE = 'SEQUENCE'

  // Names the server makes up for unnamed constraints, e.g. MySQL's t_chk_1, MariaDB's
  // CONSTRAINT_1: this prefix ("{table}" stands for the table's name), then a number.
  std::string generated_check_prefix;
  std::string generated_foreign_key_prefix;

  bool is_generated_check_name(const std::string& table, const std::string& name) const;
  bool is_generated_foreign_key_name(const std::string& table, const std::string& name) const;
};

// The dialect for a server that reports `version` from SELECT VERSION().
const ServerDialect& dialect_for_version(std::string_view version);

bool is_mariadb_version(std::string_view version);

}  // namespace crucible::mysql
