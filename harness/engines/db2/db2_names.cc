#include "harness/engines/db2/db2_names.h"

#include <cctype>

#include <fmt/format.h>

namespace crucible::db2 {
namespace {

bool is_ordinary_upper(const std::string& name) {
  if (name.empty() || !(std::isupper(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  for (char c : name)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_'))
      return false;
  return true;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool is_character_type(const std::string& type) {
  return type == "CHARACTER" || type == "VARCHAR" || type == "CLOB" || type == "GRAPHIC" ||
         type == "VARGRAPHIC" || type == "DBCLOB";
}

// The length as written in DDL: in string units when the column was declared with them.
std::string length_of(const CatalogRow& column, const std::string& type) {
  std::string units = column.code("TYPESTRINGUNITS");
  if (is_character_type(type) && (units == "CODEUNITS16" || units == "CODEUNITS32"))
    return fmt::format("{} {}", column.number("STRINGUNITSLENGTH"), lower(units));
  return std::to_string(column.number("LENGTH"));
}

}  // namespace

std::string display_name(const std::string& stored) {
  if (is_ordinary_upper(stored)) return lower(stored);
  std::string out = "\"";
  for (char c : stored) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string qualified_name(const std::string& schema, const std::string& name,
                           const std::string& run_schema) {
  if (schema.empty() || schema == run_schema) return display_name(name);
  return display_name(schema) + "." + display_name(name);
}

bool is_generated_name(const std::string& stored) {
  if (stored.size() < 15 || stored.compare(0, 3, "SQL") != 0) return false;
  for (size_t i = 3; i < stored.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(stored[i]))) return false;
  return true;
}

std::string column_type(const CatalogRow& column, const std::string& run_schema) {
  std::string schema = column.code("TYPESCHEMA");
  std::string type = column.code("TYPENAME");
  if (!schema.empty() && schema != "SYSIBM") return qualified_name(schema, type, run_schema);
  bool bit_data = is_character_type(type) && type.find("GRAPHIC") == std::string::npos &&
                  type != "CLOB" && !column.is_null("CODEPAGE") && column.number("CODEPAGE") == 0;
  std::string suffix = bit_data ? " for bit data" : "";
  if (type == "CHARACTER" || type == "VARCHAR" || type == "GRAPHIC" || type == "VARGRAPHIC" ||
      type == "CLOB" || type == "DBCLOB" || type == "BLOB" || type == "BINARY" ||
      type == "VARBINARY")
    return fmt::format("{}({}){}", lower(type), length_of(column, type), suffix);
  if (type == "DECIMAL")
    return fmt::format("decimal({}, {})", column.number("LENGTH"), column.number("SCALE"));
  // LENGTH is the bytes of storage: 8 for DECFLOAT(16), 16 for DECFLOAT(34).
  if (type == "DECFLOAT") return column.number("LENGTH") == 8 ? "decfloat(16)" : "decfloat(34)";
  if (type == "TIMESTAMP") return fmt::format("timestamp({})", column.number("SCALE"));
  return lower(type) + suffix;
}

}  // namespace crucible::db2
