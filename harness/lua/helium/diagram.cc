#include "harness/lua/helium/diagram.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/common/error.h"

namespace crucible::helium {
namespace {

using nlohmann::json;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool same_name(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

std::optional<bool> flag(const json& column, const char* key) {
  auto it = column.find(key);
  if (it == column.end() || it->is_null()) return std::nullopt;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) {
    std::string text = lower(it->get<std::string>());
    if (text == "true" || text == "yes" || text == "y" || text == "1") return true;
    if (text == "false" || text == "no" || text == "n" || text == "0" || text.empty()) return false;
  }
  throw Error(fmt::format("column flag \"{}\" is {}, not a boolean", key, it->dump()));
}

DiagramColumn parse_column(const json& column, const std::string& table) {
  if (!column.is_object() || !column.contains("name") || !column["name"].is_string())
    throw Error(fmt::format("table {}: a column is not an object with a \"name\": {}", table,
                            column.dump().substr(0, 120)));
  return {column["name"].get<std::string>(), flag(column, "nullable"), flag(column, "primary_key"),
          flag(column, "unique")};
}

DiagramTable parse_table(const std::string& name, const json& columns) {
  if (!columns.is_array())
    throw Error(fmt::format("table {}: \"columns\" is not a list", name));
  DiagramTable table{name, {}};
  for (const json& column : columns) table.columns.push_back(parse_column(column, name));
  return table;
}

std::string string_field(const json& value, const char* key) {
  auto it = value.find(key);
  return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

// {"table"|"name": …, "columns": […]}, or Helium's object form {"object_type": "table",
// "object_id": "table.<name>", "table": […columns…]}.
bool is_table_object(const json& value) {
  if (!value.is_object()) return false;
  if (value.contains("table") && value["table"].is_array()) return true;
  return value.contains("columns") &&
         (!string_field(value, "table").empty() || !string_field(value, "name").empty());
}

// Diagram objects that are not tables (relationships, notes: {"object_type": "link", …}).
bool is_other_object(const json& value) {
  std::string type = value.is_object() ? string_field(value, "object_type") : "";
  return !type.empty() && type != "table";
}

DiagramTable parse_table_object(const json& value) {
  if (value.contains("table") && value["table"].is_array()) {
    std::string name = string_field(value, "name");
    if (name.empty()) name = string_field(value, "table_name");
    if (name.empty()) {
      name = string_field(value, "object_id");
      if (name.starts_with("table.")) name = name.substr(6);
    }
    if (name.empty()) throw Error("a table object has no name (\"object_id\": \"table.<name>\")");
    return parse_table(name, value["table"]);
  }
  std::string name = string_field(value, "table");
  return parse_table(name.empty() ? string_field(value, "name") : name, value["columns"]);
}

// The real library's {"diagram": [ {object_type: …}, … ]}. A map entry for a table named
// "diagram" holds column objects with a "name" and no object_type; it stays a table.
bool is_diagram_wrapper(const json& value) {
  if (!value.is_object() || !value.contains("diagram") || !value["diagram"].is_array())
    return false;
  const json& list = value["diagram"];
  return list.empty() || std::any_of(list.begin(), list.end(), [](const json& entry) {
    return entry.is_object() && (entry.contains("object_type") || is_table_object(entry));
  });
}

// SQLite keeps the JSON as the design wrote it, and real diagrams carry an SVG whose line breaks
// are raw inside the string (PostgreSQL's json_ingest escapes them on the way in). A control
// character inside a string is read as a space: the same length, so parser offsets still point
// into the stored text, and string contents other than names are not compared anyway.
std::string tolerate_raw_controls(std::string text) {
  bool in_string = false, escaped = false;
  for (char& c : text) {
    if (escaped) escaped = false;
    else if (in_string && c == '\\') escaped = true;
    else if (c == '"') in_string = !in_string;
    else if (in_string && static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return text;
}

// A few characters either side of byte `offset`, control characters made visible.
std::string context_at(const std::string& text, size_t offset) {
  constexpr size_t kSide = 24;
  size_t begin = offset > kSide ? offset - kSide : 0;
  std::string out;
  for (char c : text.substr(begin, 2 * kSide)) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else out += c;
  }
  return out;
}

// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error …" → the part
// after the bracketed id.
std::string parser_message(const json::parse_error& e) {
  std::string message = e.what();
  size_t close = message.find("] ");
  return close == std::string::npos ? message : message.substr(close + 2);
}

std::vector<DiagramTable> parse_tables(const json& value) {
  std::vector<DiagramTable> tables;
  if (value.is_array()) {
    for (const json& entry : value) {
      if (is_other_object(entry)) continue;
      if (!is_table_object(entry))
        throw Error(fmt::format("a list entry is not a table ({{\"table\": …, \"columns\": […]}}): {}",
                                entry.dump().substr(0, 120)));
      tables.push_back(parse_table_object(entry));
    }
  } else if (is_table_object(value)) {
    tables.push_back(parse_table_object(value));
  } else if (is_diagram_wrapper(value)) {
    return parse_tables(value["diagram"]);
  } else if (value.is_object() && value.contains("tables")) {
    return parse_tables(value["tables"]);
  } else if (value.is_object()) {
    for (auto& [name, columns] : value.items()) tables.push_back(parse_table(name, columns));
  } else {
    throw Error("neither a list of tables nor an object");
  }
  return tables;
}

// Columns of `table` in its primary key, in UNIQUE constraints or unique indexes, and alone in
// a UNIQUE constraint or unique index.
struct KeyColumns {
  std::vector<std::string> primary, in_unique, alone_unique;

  static bool has(const std::vector<std::string>& list, const std::string& name) {
    return std::any_of(list.begin(), list.end(), [&](auto& c) { return same_name(c, name); });
  }
};

KeyColumns key_columns(const catalog::Table& table, const catalog::Catalog& catalog) {
  KeyColumns keys;
  if (table.primary_key) keys.primary = table.primary_key->columns;
  auto add_unique = [&](const std::vector<std::string>& columns) {
    keys.in_unique.insert(keys.in_unique.end(), columns.begin(), columns.end());
    if (columns.size() == 1) keys.alone_unique.push_back(columns[0]);
  };
  for (const catalog::Key& unique : table.uniques) add_unique(unique.columns);
  for (const catalog::Index& index : catalog.indexes)  // the primary key's own index excluded
    if (index.unique && same_name(index.table, table.name) && index.keys != keys.primary)
      add_unique(index.keys);
  return keys;
}

const catalog::Table* find_table(const catalog::Catalog& catalog, const std::string& name) {
  for (const catalog::Table& table : catalog.tables) {
    std::string bare = table.name.substr(table.name.rfind('.') + 1);
    if (same_name(table.name, name) || same_name(bare, name)) return &table;
  }
  return nullptr;
}

const char* yes_no(bool value) { return value ? "true" : "false"; }

void compare_column(const DiagramColumn& declared, const catalog::Column& real,
                    const KeyColumns& keys, const std::string& where,
                    std::vector<std::string>& problems) {
  auto mismatch = [&](const char* flag, bool said, bool is) {
    problems.push_back(fmt::format("{}: the diagram says {} {}, the database has {}", where, flag,
                                   yes_no(said), yes_no(is)));
  };
  if (declared.nullable && *declared.nullable != real.nullable)
    mismatch("nullable", *declared.nullable, real.nullable);
  bool primary = KeyColumns::has(keys.primary, real.name);
  if (declared.primary_key && *declared.primary_key != primary)
    mismatch("primary_key", *declared.primary_key, primary);
  if (declared.unique) {
    bool unique = *declared.unique ? primary || KeyColumns::has(keys.in_unique, real.name)
                                   : KeyColumns::has(keys.alone_unique, real.name);
    if (unique != *declared.unique) mismatch("unique", *declared.unique, unique);
  }
}

void compare_table(const DiagramTable& declared, const catalog::Table& real,
                   const catalog::Catalog& catalog, std::vector<std::string>& problems) {
  KeyColumns keys = key_columns(real, catalog);
  for (const DiagramColumn& column : declared.columns) {
    auto it = std::find_if(real.columns.begin(), real.columns.end(),
                           [&](auto& c) { return same_name(c.name, column.name); });
    std::string where = fmt::format("column {}.{}", declared.name, column.name);
    if (it == real.columns.end())
      problems.push_back(where + ": in the diagram, not in the database");
    else
      compare_column(column, *it, keys, where, problems);
  }
  for (const catalog::Column& column : real.columns)
    if (std::none_of(declared.columns.begin(), declared.columns.end(),
                     [&](auto& c) { return same_name(c.name, column.name); }))
      problems.push_back(fmt::format("column {}.{}: in the database, not in the diagram",
                                     declared.name, column.name));
}

// A library without BASE64_START/END (the public MySQL one) stores the diagram block as the bare
// base64 text: said in words rather than only "invalid literal".
std::string bare_base64_note(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  size_t last = text.find_last_not_of(" \t\r\n");
  if (first == std::string::npos || last - first + 1 < 16) return "";
  for (size_t i = first; i <= last; ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=') return "";
  }
  return "; the stored text is base64: the engine's macro library defines no "
         "BASE64_START/BASE64_END, so the block was stored undecoded";
}

}  // namespace

std::vector<DiagramTable> parse_diagram(const std::string& text) {
  std::string tolerant = tolerate_raw_controls(text);
  json value;
  // The parser keeps its own stack, but reading the shapes and dump() for a message recurse per
  // level: a value nested a million levels deep (text from a pull request) overflowed the stack.
  // Real diagrams nest four or five levels.
  static constexpr int kMaxDepth = 64;
  auto shallow = [](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth)
      throw Error(fmt::format("the diagram holds a value nested more than {} levels deep",
                              kMaxDepth));
    return true;
  };
  try {
    value = json::parse(tolerant, shallow);
  } catch (const json::parse_error& e) {
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    throw Error(fmt::format("the diagram is not valid JSON: {} (byte {} of {}, near \"{}\"){}",
                            parser_message(e), offset, text.size(), context_at(text, offset),
                            bare_base64_note(text)));
  }
  try {
    return parse_tables(value);
  } catch (const json::exception& e) {
    throw Error(fmt::format("unexpected diagram shape: {}", e.what()));
  }
}

std::vector<std::string> compare_diagram(const std::vector<DiagramTable>& diagram,
                                         const catalog::Catalog& catalog) {
  std::vector<std::string> problems;
  for (const DiagramTable& table : diagram) {
    if (const catalog::Table* real = find_table(catalog, table.name))
      compare_table(table, *real, catalog, problems);
    else
      problems.push_back(fmt::format("table {}: in the diagram, not in the database", table.name));
  }
  return problems;
}

}  // namespace crucible::helium
