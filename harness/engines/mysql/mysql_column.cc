#include "harness/engines/mysql/mysql_column.h"

#include <optional>
#include <regex>
#include <set>

#include "harness/catalog/sql_normalize.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

enum Field { kTable, kName, kType, kDataType, kNullable, kDefault, kExtra, kGeneration,
             kCollation, kComment };

std::string normalized(const std::string& text) {
  return catalog::normalize_sql(text, crucible::Dialect::mysql);
}

bool has_flag(const std::string& extra_lower, std::string_view flag) {
  return extra_lower.find(flag) != std::string::npos;
}

// MySQL 8 prints literal defaults unquoted; these types print as SQL would write them.
bool prints_as_written(const std::string& data_type, const std::string& value) {
  static const std::set<std::string, std::less<>> numeric = {
      "tinyint", "smallint", "mediumint", "int",  "integer", "bigint", "decimal",
      "numeric", "float",    "double",    "real", "year",    "bit"};
  return numeric.count(data_type) || value.rfind("b'", 0) == 0 || value.rfind("0x", 0) == 0;
}

std::string as_string_literal(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The default as a normalised expression or literal; nullopt for NULL or none.
std::optional<std::string> canonical_default(const TextRow& row, const ServerDialect& dialect,
                                             const std::string& extra_lower) {
  if (row.is_null(kDefault)) return std::nullopt;
  const std::string& value = row.text(kDefault);
  if (dialect.defaults_are_quoted) {
    // MariaDB: 'NULL' (quoted) is the string; bare NULL is the null default.
    if (value == "NULL") return std::nullopt;
    return normalized(value);
  }
  if (has_flag(extra_lower, "default_generated")) return normalized(value);
  if (prints_as_written(sql::ascii_lower(row.text(kDataType)), value)) return normalized(value);
  return as_string_literal(value);
}

// "on update current_timestamp(3)" in EXTRA (MariaDB separates flags with ", ", MySQL with " ").
std::optional<std::string> on_update(const std::string& extra_lower) {
  static const std::regex pattern(R"(on update ([a-z_]+(\([0-9]*\))?))");
  std::smatch match;
  if (!std::regex_search(extra_lower, match, pattern)) return std::nullopt;
  return normalized(match[1].str());
}

std::string generated(const TextRow& row, const std::string& extra_lower) {
  std::string expression = normalized(row.text(kGeneration));
  if (has_flag(extra_lower, "stored generated")) return "stored " + expression;
  if (has_flag(extra_lower, "virtual generated")) return "virtual " + expression;
  return "";
}

}  // namespace

const char* const kColumnsSelectList =
    "TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
    "GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT";

catalog::Column column_from_row(const TextRow& row, const ServerDialect& dialect,
                                const std::string& table_collation) {
  const std::string extra = sql::ascii_lower(row.text(kExtra));
  catalog::Column column;
  column.name = row.text(kName);
  column.type = row.text(kType);
  if (has_flag(extra, "invisible")) column.type += " invisible";
  column.nullable = row.flag(kNullable);
  column.generated = generated(row, extra);
  if (column.generated.empty()) column.default_value = canonical_default(row, dialect, extra);
  if (auto update = on_update(extra))
    column.default_value = column.default_value.value_or("NULL") + " on update " + *update;
  if (has_flag(extra, "auto_increment")) column.identity = "auto_increment";
  if (!row.is_null(kCollation) && row.text(kCollation) != table_collation)
    column.collation = row.text(kCollation);
  column.comment = row.text(kComment);
  return column;
}

}  // namespace crucible::mysql
