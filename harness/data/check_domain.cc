#include "harness/data/check_domain.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

#include "harness/sql/lexer.h"

namespace crucible::data {
namespace {

// Words a CHECK's text holds besides column names: its own keywords, and the casts and type
// names PostgreSQL prints into it ('a'::character varying, 0::numeric, ARRAY[…]::text[]).
const std::set<std::string> kNonColumnWords = {
    "check", "and", "or", "in", "between", "any", "array", "text", "character", "varying",
    "varchar", "char", "bpchar", "numeric", "decimal", "integer", "int", "bigint", "smallint",
    "double", "precision", "real", "float", "collate"};

// A CHECK's tokens with the noise taken out: whitespace, comments, brackets and casts. An
// operator run keeps only its comparison or sign characters ("]::" goes, ">=" stays).
struct CheckTokens {
  std::vector<sql::Token> tokens;
  std::set<std::string> columns;  // lower-cased
  bool has_or = false, has_not = false, has_other_op = false;
};

CheckTokens clean(const std::string& expression, Dialect dialect) {
  CheckTokens out;
  for (sql::Token token : sql::tokenize(expression, dialect)) {
    if (token.kind == sql::TokenKind::whitespace || token.kind == sql::TokenKind::comment) continue;
    if (token.kind == sql::TokenKind::op) {
      std::string_view text = token.text;
      while (!text.empty() && std::string_view("()[]:,").find(text.front()) != std::string_view::npos)
        text.remove_prefix(1);
      while (!text.empty() && std::string_view("()[]:,").find(text.back()) != std::string_view::npos)
        text.remove_suffix(1);
      if (text.empty()) continue;
      static const std::set<std::string_view> kKnown = {"=", "<", "<=", ">", ">=", "-"};
      if (!kKnown.count(text)) out.has_other_op = true;  // <>, %, ||, +: a shape not understood
      token.text = text;
    } else if (token.kind == sql::TokenKind::word) {
      std::string word = sql::ascii_lower(token.text);
      if (word == "or") out.has_or = true;
      if (word == "not") out.has_not = true;
      if (!kNonColumnWords.count(word)) out.columns.insert(word);
    } else if (token.kind == sql::TokenKind::quoted_id) {
      out.columns.insert(sql::ascii_lower(sql::identifier_text(token)));
    }
    out.tokens.push_back(token);
  }
  return out;
}

// 'it''s' (and MySQL's 'it\'s') -> it's
std::string unquote(std::string_view literal, Dialect dialect) {
  if (literal.size() < 2 || literal.front() != '\'') return std::string(literal);
  literal = literal.substr(1, literal.size() - 2);
  std::string out;
  for (size_t i = 0; i < literal.size(); ++i) {
    bool escaped = (literal[i] == '\'' && i + 1 < literal.size() && literal[i + 1] == '\'') ||
                   (dialect == Dialect::mysql && literal[i] == '\\' && i + 1 < literal.size());
    out += literal[escaped ? ++i : i];
  }
  return out;
}

std::optional<double> number_at(const std::vector<sql::Token>& tokens, size_t& i) {
  bool negative = i < tokens.size() && tokens[i].kind == sql::TokenKind::op && tokens[i].text == "-";
  size_t at = negative ? i + 1 : i;
  if (at >= tokens.size() || tokens[at].kind != sql::TokenKind::number) return std::nullopt;
  double value = 0;
  std::string_view text = tokens[at].text;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  i = at;
  return negative ? -value : value;
}

bool is_column(const sql::Token& token) {
  return token.kind == sql::TokenKind::word || token.kind == sql::TokenKind::quoted_id;
}

// Whole-number bounds, inclusive.
struct Bounds {
  double low = -INFINITY, high = INFINITY;

  void apply(std::string_view op, double value, bool column_on_left) {
    if (!column_on_left) {  // 0 < n is n > 0
      if (op == "<") op = ">";
      else if (op == "<=") op = ">=";
      else if (op == ">") op = "<";
      else if (op == ">=") op = "<=";
    }
    if (op == ">") low = std::max(low, std::floor(value) + 1);
    if (op == ">=" ) low = std::max(low, std::ceil(value));
    if (op == "<") high = std::min(high, std::ceil(value) - 1);
    if (op == "<=") high = std::min(high, std::floor(value));
    if (op == "=") low = std::max(low, value), high = std::min(high, value);
  }
};

bool is_comparison(const sql::Token& token) {
  return token.kind == sql::TokenKind::op && token.text != "-";
}

// qty >= 1 AND qty <= 100, qty BETWEEN 1 AND 100, 0 < qty: nullopt when the CHECK has another
// shape (an OR, a NOT, arithmetic) or says nothing about the range.
std::optional<Bounds> bounds_of(const CheckTokens& check) {
  if (check.has_or || check.has_not || check.has_other_op) return std::nullopt;
  const std::vector<sql::Token>& t = check.tokens;
  Bounds bounds;
  bool found = false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (is_column(t[i]) && !check.columns.count(sql::ascii_lower(t[i].text)) &&
        t[i].kind != sql::TokenKind::quoted_id)
      continue;  // a keyword
    size_t j = i + 2;
    if (is_column(t[i]) && i + 1 < t.size() && sql::is_word(t[i + 1], "between")) {
      std::optional<double> low = number_at(t, j);
      size_t k = j + 2;
      std::optional<double> high = j + 1 < t.size() && sql::is_word(t[j + 1], "and")
                                       ? number_at(t, k) : std::nullopt;
      if (!low || !high) return std::nullopt;
      bounds.apply(">=", *low, true);
      bounds.apply("<=", *high, true);
      found = true;
      i = k;
    } else if (is_column(t[i]) && i + 1 < t.size() && is_comparison(t[i + 1])) {
      std::optional<double> value = number_at(t, j);
      if (!value) return std::nullopt;
      bounds.apply(t[i + 1].text, *value, true);
      found = true;
      i = j;
    } else if (size_t k = i; std::optional<double> value = number_at(t, k)) {
      if (k + 2 >= t.size() || !is_comparison(t[k + 1]) || !is_column(t[k + 2])) return std::nullopt;
      bounds.apply(t[k + 1].text, *value, false);
      found = true;
      i = k + 2;
    }
  }
  return found ? std::optional<Bounds>(bounds) : std::nullopt;
}

// status IN ('a', 'b'), = ANY (ARRAY['a', 'b']), status = 'a' OR status = 'b': the literals.
std::optional<std::vector<std::string>> value_list(const CheckTokens& check, Dialect dialect) {
  if (check.has_not || check.has_other_op) return std::nullopt;
  std::vector<std::string> values;
  bool listed = false;  // by =, IN or = ANY: qty BETWEEN 1 AND 100 has numbers and is no list
  for (const sql::Token& token : check.tokens) {
    if (token.kind == sql::TokenKind::op && token.text != "=") return std::nullopt;
    if (token.kind == sql::TokenKind::op || sql::is_word(token, "in")) listed = true;
    if (token.kind == sql::TokenKind::string) values.push_back(unquote(token.text, dialect));
    if (token.kind == sql::TokenKind::number) values.emplace_back(token.text);
  }
  if (values.empty() || !listed) return std::nullopt;
  return values;
}

}  // namespace

ColumnType narrow_to_checks(ColumnType type, const std::string& column,
                            const std::vector<catalog::Check>& checks, EngineKind engine) {
  const Dialect dialect = dialect_of(engine);
  for (const catalog::Check& check : checks) {
    CheckTokens tokens = clean(check.expression, dialect);
    if (tokens.columns != std::set<std::string>{sql::ascii_lower(column)}) continue;
    if (auto values = value_list(tokens, dialect)) {
      type.kind = ValueKind::enumeration;
      type.enum_values = *values;
      continue;
    }
    std::optional<Bounds> bounds = bounds_of(tokens);
    bool numeric = type.kind == ValueKind::integer || type.kind == ValueKind::decimal ||
                   type.kind == ValueKind::floating;
    if (!bounds || !numeric) continue;
    ColumnType narrowed = type;
    if (type.kind != ValueKind::integer) {  // whole numbers are legal decimals and floats
      double cap = type.kind == ValueKind::decimal && type.precision > 0
                       ? std::pow(10.0, std::min(type.precision - type.scale, 18)) - 1
                       : 9e15;
      narrowed.kind = ValueKind::integer;
      narrowed.min = static_cast<int64_t>(-cap);
      narrowed.max = static_cast<int64_t>(cap);
    }
    // Compared as doubles, assigned only when tighter: INT64_MAX as a double is 2^63, which
    // does not convert back.
    if (bounds->low > static_cast<double>(narrowed.min)) {
      narrowed.min = static_cast<int64_t>(bounds->low);
      narrowed.min_from_check = true;
    }
    if (bounds->high < static_cast<double>(narrowed.max)) {
      narrowed.max = static_cast<int64_t>(bounds->high);
      narrowed.max_from_check = true;
    }
    if (narrowed.min <= narrowed.max) type = narrowed;
  }
  return type;
}

}  // namespace crucible::data
