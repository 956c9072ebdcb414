// Each row becomes MD5(CONCAT_WS(' ', kind, QUOTE(field), ...)): QUOTE makes every field
// self-delimiting, NULL included. The row hashes are sorted and concatenated before the final
// MD5, so the digest does not depend on the order information_schema returns rows in. Nothing
// in it depends on the database's own name except the texts the server stores with it (view,
// trigger and routine bodies): two databases with such objects digest differently, which only
// costs a snapshot.
#include "harness/engines/mysql/mysql_snapshot_digest.h"

#include <fmt/format.h>

namespace crucible::mysql {
namespace {

constexpr const char* kRowHashes = R"(
  SELECT MD5(CONCAT_WS(' ', 'schema', QUOTE(DEFAULT_CHARACTER_SET_NAME),
                       QUOTE(DEFAULT_COLLATION_NAME))) AS h
  FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'table', QUOTE(TABLE_NAME), QUOTE(TABLE_TYPE), QUOTE(ENGINE),
                       QUOTE(CREATE_OPTIONS), QUOTE(TABLE_COLLATION), QUOTE(TABLE_COMMENT)))
  FROM information_schema.TABLES WHERE TABLE_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'column', QUOTE(TABLE_NAME), QUOTE(COLUMN_NAME),
                       QUOTE(ORDINAL_POSITION), QUOTE(COLUMN_TYPE), QUOTE(DATA_TYPE),
                       QUOTE(IS_NULLABLE), QUOTE(COLUMN_DEFAULT), QUOTE(EXTRA),
                       QUOTE(GENERATION_EXPRESSION), QUOTE(IS_GENERATED),
                       QUOTE(CHARACTER_SET_NAME), QUOTE(COLLATION_NAME), QUOTE(COLUMN_COMMENT)))
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'index', QUOTE(TABLE_NAME), QUOTE(INDEX_NAME), QUOTE(NON_UNIQUE),
                       QUOTE(SEQ_IN_INDEX), QUOTE(COLUMN_NAME), QUOTE(SUB_PART),
                       QUOTE(COLLATION), QUOTE(INDEX_TYPE), QUOTE(IGNORED), QUOTE(PACKED),
                       QUOTE(INDEX_COMMENT)))
  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'key', QUOTE(TABLE_NAME), QUOTE(CONSTRAINT_NAME), QUOTE(COLUMN_NAME),
                       QUOTE(ORDINAL_POSITION),
                       QUOTE(IF(REFERENCED_TABLE_SCHEMA = {schema}, '', REFERENCED_TABLE_SCHEMA)),
                       QUOTE(REFERENCED_TABLE_NAME), QUOTE(REFERENCED_COLUMN_NAME)))
  FROM information_schema.KEY_COLUMN_USAGE
  WHERE TABLE_SCHEMA = {schema} AND REFERENCED_TABLE_NAME IS NOT NULL
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'rule', QUOTE(TABLE_NAME), QUOTE(CONSTRAINT_NAME), QUOTE(UPDATE_RULE),
                       QUOTE(DELETE_RULE), QUOTE(MATCH_OPTION)))
  FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'check', QUOTE(TABLE_NAME), QUOTE(CONSTRAINT_NAME),
                       QUOTE(CHECK_CLAUSE), QUOTE(LEVEL)))
  FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'view', QUOTE(TABLE_NAME), QUOTE(VIEW_DEFINITION), QUOTE(CHECK_OPTION),
                       QUOTE(SECURITY_TYPE), QUOTE(ALGORITHM)))
  FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'trigger', QUOTE(TRIGGER_NAME), QUOTE(EVENT_OBJECT_TABLE),
                       QUOTE(ACTION_TIMING), QUOTE(EVENT_MANIPULATION), QUOTE(ACTION_ORDER),
                       QUOTE(ACTION_STATEMENT)))
  FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'routine', QUOTE(ROUTINE_NAME), QUOTE(ROUTINE_TYPE),
                       QUOTE(DTD_IDENTIFIER), QUOTE(ROUTINE_DEFINITION), QUOTE(IS_DETERMINISTIC),
                       QUOTE(SQL_DATA_ACCESS), QUOTE(SECURITY_TYPE)))
  FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = {schema}
UNION ALL
  SELECT MD5(CONCAT_WS(' ', 'parameter', QUOTE(SPECIFIC_NAME), QUOTE(ROUTINE_TYPE),
                       QUOTE(ORDINAL_POSITION), QUOTE(PARAMETER_MODE), QUOTE(PARAMETER_NAME),
                       QUOTE(DTD_IDENTIFIER)))
  FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = {schema})";

std::string with_schema(std::string sql, const std::string& schema) {
  const std::string literal = quote_literal(schema);
  for (size_t at = sql.find("{schema}"); at != std::string::npos; at = sql.find("{schema}", at)) {
    sql.replace(at, 8, literal);
    at += literal.size();
  }
  return sql;
}

// Sequences keep their options in a one-row table each; information_schema does not show them.
std::string sequence_options(Connection& connection, const std::string& schema) {
  std::vector<Row> names = connection.query(
      with_schema("SELECT TABLE_NAME FROM information_schema.TABLES "
                  "WHERE TABLE_SCHEMA = {schema} AND TABLE_TYPE = 'SEQUENCE'", schema),
      "reading the sequences of database " + schema);
  std::string sql;
  for (const Row& row : names)
    sql += fmt::format("{}SELECT {}, start_value, increment, minimum_value, maximum_value, "
                       "cycle_option, cache_size FROM {}.{}",
                       sql.empty() ? "" : " UNION ALL ", quote_literal(row.text(0)),
                       quote_identifier(schema), quote_identifier(row.text(0)));
  if (sql.empty()) return "";
  std::string text;
  for (const Row& row : connection.query(sql, "reading the sequences of database " + schema)) {
    text += "\n" + quote_literal(row.text(0));
    for (size_t i = 1; i < row.values.size(); ++i) text += " " + row.text(i);
  }
  return text;
}

}  // namespace

std::optional<std::string> catalog_digest(Connection& connection, const std::string& schema) {
  if (connection.dialect().engine != "mariadb") return std::nullopt;
  const std::string sql = with_schema(
      fmt::format("SELECT n, MD5(g), LENGTH(g), sequences FROM ("
                  "SELECT COUNT(*) AS n, GROUP_CONCAT(h ORDER BY h SEPARATOR '') AS g, "
                  "(SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = {{schema}} "
                  "AND TABLE_TYPE = 'SEQUENCE') AS sequences "
                  "FROM ({}) hashes) digest",
                  kRowHashes),
      schema);
  std::vector<Row> rows = connection.query(sql, "reading the catalog digest of database " + schema);
  if (rows.size() != 1) return std::nullopt;
  const Row& row = rows.front();
  // GROUP_CONCAT stops at group_concat_max_len (1 MB by default, about 30,000 rows): a digest
  // of part of the catalog would be wrong, so there is none.
  if (row.integer(2) != 32 * row.integer(0)) return std::nullopt;
  std::string digest = fmt::format("mdb1:{}:{}", row.text(0), row.text(1));
  if (row.integer(3) > 0) digest += sequence_options(connection, schema);
  return digest;
}

}  // namespace crucible::mysql
