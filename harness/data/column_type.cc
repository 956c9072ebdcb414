#include "harness/data/column_type.h"

#include "harness/engines/registry.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace crucible::data {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// A type text split into its parts: "decimal(10,2) unsigned" -> base "decimal", args "10,2",
// rest "unsigned". Lower case, spaces collapsed.
struct TypeText {
  std::string base;
  std::string args;  // inside the first parentheses, as written
  std::string rest;  // after them
  bool has_args = false;
};

std::string lower_collapsed(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

// Finds the parenthesis closing the one at `open`, skipping quoted enum labels.
size_t closing_paren(const std::string& s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\'') {
      for (++i; i < s.size(); ++i) {
        if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') ++i;
        else if (s[i] == '\'') break;
      }
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string::npos;
}

TypeText split_type(const std::string& raw) {
  TypeText t;
  // Enum labels keep their case: split on the original text, lower-case only outside quotes.
  std::string text = trim(raw);
  size_t open = text.find('(');
  size_t close = open == std::string::npos ? std::string::npos : closing_paren(text, open);
  if (close == std::string::npos) {
    t.base = lower_collapsed(text);
    return t;
  }
  t.base = trim(lower_collapsed(text.substr(0, open)));
  t.args = text.substr(open + 1, close - open - 1);
  t.rest = trim(lower_collapsed(text.substr(close + 1)));
  t.has_args = true;
  return t;
}

std::optional<int64_t> parse_int(std::string s) {
  s = trim(lower_collapsed(s));
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// "10,2" -> {10, 2}; "80" -> {80}.
std::vector<int64_t> int_args(const std::string& args) {
  std::vector<int64_t> out;
  size_t start = 0;
  while (start <= args.size()) {
    size_t comma = args.find(',', start);
    if (comma == std::string::npos) comma = args.size();
    if (auto v = parse_int(args.substr(start, comma - start))) out.push_back(*v);
    start = comma + 1;
  }
  return out;
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}
bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

ColumnType integer(int64_t min, int64_t max) {
  ColumnType t;
  t.kind = ValueKind::integer;
  t.min = min;
  t.max = max;
  return t;
}

ColumnType of_kind(ValueKind kind) {
  ColumnType t;
  t.kind = kind;
  return t;
}

ColumnType text(std::optional<int64_t> max_length, bool fixed = false, bool bytes = false) {
  ColumnType t;
  t.kind = ValueKind::text;
  t.max_length = max_length;
  t.fixed_length = fixed;
  t.length_in_bytes = bytes;
  return t;
}

ColumnType binary(std::optional<int64_t> max_length) {
  ColumnType t = text(max_length, false, true);
  t.kind = ValueKind::binary;
  return t;
}

ColumnType decimal(const TypeText& t) {
  ColumnType c = of_kind(ValueKind::decimal);
  auto args = int_args(t.args);
  if (!args.empty()) c.precision = static_cast<int>(args[0]);
  if (args.size() > 1) c.scale = static_cast<int>(args[1]);
  return c;
}

std::optional<int64_t> first_arg(const TypeText& t) {
  auto args = int_args(t.args);
  if (args.empty()) return std::nullopt;
  return args[0];
}

// Signed integer bounds by name, shared by the engines that spell them alike.
std::optional<ColumnType> named_integer(const std::string& base, bool is_unsigned) {
  struct Bounds { std::string_view name; int bits; };
  static constexpr Bounds kBounds[] = {
      {"tinyint", 8}, {"smallint", 16}, {"mediumint", 24}, {"int", 32}, {"integer", 32},
      {"bigint", 64}, {"int2", 16}, {"int4", 32}, {"int8", 64}};
  for (const auto& b : kBounds) {
    if (base != b.name) continue;
    if (b.bits == 64) return is_unsigned ? integer(0, kInt64Max) : integer(kInt64Min, kInt64Max);
    int64_t half = int64_t{1} << (b.bits - 1);
    return is_unsigned ? integer(0, 2 * half - 1) : integer(-half, half - 1);
  }
  return std::nullopt;
}

// --- SQLite: declared types are free text; affinity decides what sticks (datatype3.html §3.1).
// Lengths are not enforced by SQLite but are honoured, so generated data also fits elsewhere.
ColumnType classify_sqlite(const TypeText& t) {
  const std::string& b = t.base;
  if (b.empty()) return text(std::nullopt);  // no type: any value is kept as given
  if (b == "boolean" || b == "bool") return of_kind(ValueKind::boolean);
  if (contains(b, "int")) {
    if (auto named = named_integer(b, false); named && b != "int" && b != "integer") return *named;
    return integer(kInt64Min, kInt64Max);
  }
  if (contains(b, "char") || contains(b, "clob") || contains(b, "text")) return text(first_arg(t));
  if (contains(b, "blob")) return binary(std::nullopt);
  if (contains(b, "real") || contains(b, "floa") || contains(b, "doub")) {
    return of_kind(ValueKind::floating);
  }
  if (b == "date") return of_kind(ValueKind::date);
  if (b == "time") return of_kind(ValueKind::time);
  if (starts_with(b, "datetime") || starts_with(b, "timestamp")) {
    return of_kind(ValueKind::timestamp);
  }
  if (b == "json" || b == "jsonb") return of_kind(ValueKind::json);
  if (b == "uuid") return of_kind(ValueKind::uuid);
  if (b == "numeric" || b == "decimal") return decimal(t);
  return of_kind(ValueKind::unknown);
}

// --- PostgreSQL: format_type() text, e.g. "character varying(80)", "timestamp(3) with time zone".
ColumnType classify_postgres(const TypeText& t) {
  const std::string& b = t.base;
  if (!t.rest.empty() && contains(t.rest, "[]")) return of_kind(ValueKind::unknown);
  if (contains(b, "[]")) return of_kind(ValueKind::unknown);
  if (auto named = named_integer(b, false); named && b != "tinyint" && b != "mediumint") {
    return *named;
  }
  if (b == "numeric" || b == "decimal") return decimal(t);
  if (b == "real" || b == "double precision" || b == "float4" || b == "float8") {
    return of_kind(ValueKind::floating);
  }
  if (b == "character varying" || b == "varchar") return text(first_arg(t));
  if (b == "character" || b == "char" || b == "bpchar") {
    return text(t.has_args ? first_arg(t) : std::optional<int64_t>(1), true);
  }
  if (b == "text" || b == "citext" || b == "name") return text(b == "name" ? 63 : std::optional<int64_t>());
  if (b == "boolean") return of_kind(ValueKind::boolean);
  if (b == "date") return of_kind(ValueKind::date);
  std::string whole = trim(b + " " + t.rest);  // "timestamp(3) with time zone" -> base+rest
  if (starts_with(whole, "timestamp")) return of_kind(ValueKind::timestamp);
  if (starts_with(whole, "time ") || whole == "time") {
    return contains(whole, "with time zone") ? of_kind(ValueKind::unknown)
                                             : of_kind(ValueKind::time);
  }
  if (b == "json" || b == "jsonb") return of_kind(ValueKind::json);
  if (b == "uuid") return of_kind(ValueKind::uuid);
  if (b == "bytea") return binary(std::nullopt);
  return of_kind(ValueKind::unknown);
}

// --- MySQL / MariaDB: COLUMN_TYPE text, e.g. "int(10) unsigned", "enum('a','b')".
// TEXT/BLOB limits are in bytes; VARCHAR/CHAR limits are in characters.
ColumnType classify_mysql(const TypeText& t) {
  std::string b = t.base;
  std::string rest = t.rest;
  if (!t.has_args) {  // "int unsigned" (MySQL 8 drops display widths): split the words
    size_t space = b.find(' ');
    if (space != std::string::npos) {
      rest = b.substr(space + 1);
      b = b.substr(0, space);
    }
  }
  bool is_unsigned = contains(rest, "unsigned");
  if (b == "tinyint" && first_arg(t) == 1) return of_kind(ValueKind::boolean);
  if (b == "boolean" || b == "bool") return of_kind(ValueKind::boolean);
  if (auto named = named_integer(b, is_unsigned)) return *named;
  if (b == "year") return integer(1901, 2155);
  if (b == "decimal" || b == "numeric") {
    ColumnType c = decimal(t);
    c.non_negative = is_unsigned;
    return c;
  }
  if (b == "float" || b == "double" || b == "real") {
    ColumnType c = of_kind(ValueKind::floating);
    c.non_negative = is_unsigned;
    return c;
  }
  if (b == "varchar") return text(first_arg(t));
  if (b == "char") return text(t.has_args ? first_arg(t) : std::optional<int64_t>(1), true);
  if (b == "tinytext") return text(255, false, true);
  if (b == "text") return text(65535, false, true);
  if (b == "mediumtext") return text(16777215, false, true);
  if (b == "longtext") return text(4294967295, false, true);
  if (b == "tinyblob") return binary(255);
  if (b == "blob") return binary(65535);
  if (b == "mediumblob") return binary(16777215);
  if (b == "longblob") return binary(4294967295);
  if (b == "varbinary") return binary(first_arg(t));
  if (b == "binary") {
    ColumnType c = binary(t.has_args ? first_arg(t) : std::optional<int64_t>(1));
    c.fixed_length = true;
    return c;
  }
  if (b == "enum" || b == "set") {
    ColumnType c = of_kind(ValueKind::enumeration);
    c.enum_values = quoted_labels(t.args);
    return c;
  }
  if (b == "date") return of_kind(ValueKind::date);
  if (b == "time") return of_kind(ValueKind::time);
  if (b == "datetime" || b == "timestamp") return of_kind(ValueKind::timestamp);
  if (b == "json") return of_kind(ValueKind::json);
  if (b == "uuid") return of_kind(ValueKind::uuid);
  return of_kind(ValueKind::unknown);
}

}  // namespace

std::vector<std::string> quoted_labels(const std::string& list) {
  std::vector<std::string> out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] != '\'') continue;
    std::string label;
    for (++i; i < list.size(); ++i) {
      if (list[i] == '\'' && i + 1 < list.size() && list[i + 1] == '\'') {
        label += '\'';
        ++i;
      } else if (list[i] == '\'') {
        break;
      } else {
        label += list[i];
      }
    }
    out.push_back(label);
  }
  return out;
}

ColumnType classify_type(const std::string& type, EngineKind engine) {
  TypeText t = split_type(type);
  // MariaDB appends " invisible" to an invisible column's type (docs/CATALOG.md).
  for (std::string* part : {&t.base, &t.rest}) {
    if (*part == "invisible") part->clear();
    else if (part->ends_with(" invisible")) part->resize(part->size() - 10);
  }
  switch (engine_facts(engine).type_rules) {
    case TypeRules::sqlite: return classify_sqlite(t);
    case TypeRules::postgres: return classify_postgres(t);
    case TypeRules::mysql: return classify_mysql(t);
  }
  return of_kind(ValueKind::unknown);
}

}  // namespace crucible::data
