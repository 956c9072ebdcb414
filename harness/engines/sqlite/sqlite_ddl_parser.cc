#include "harness/engines/sqlite/sqlite_ddl_parser.h"

#include "harness/catalog/sql_normalize.h"
#include "harness/sql/lexer.h"

namespace crucible::sqlite {
namespace {

using sql::Token;
using Tokens = std::vector<Token>;

Tokens significant(const std::string& text) {
  return sql::significant_tokens(text, Dialect::sqlite);
}

bool is_op(const Token& t, std::string_view op) {
  return t.kind == sql::TokenKind::op && t.text == op;
}

// Index just past the ")" matching the "(" at `open` (or the end).
size_t skip_parens(const Tokens& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (is_op(tokens[i], "(")) ++depth;
    if (is_op(tokens[i], ")") && --depth == 0) return i + 1;
  }
  return tokens.size();
}

// The source text covering tokens [first, last), normalised.
std::string normalized_span(const std::string& sql, const Tokens& tokens, size_t first, size_t last) {
  if (first >= last) return "";
  size_t begin = tokens[first].offset;
  size_t end = tokens[last - 1].offset + tokens[last - 1].text.size();
  return catalog::normalize_sql(std::string_view(sql).substr(begin, end - begin), Dialect::sqlite);
}

std::string identifier(const Token& t) {
  if (t.kind == sql::TokenKind::quoted_id) return sql::ascii_lower(t.text.substr(1, t.text.size() - 2));
  if (t.kind == sql::TokenKind::string) return sql::ascii_lower(t.text.substr(1, t.text.size() - 2));
  return sql::ascii_lower(t.text);
}

// Splits the tokens in [first, last) at top-level commas.
std::vector<std::pair<size_t, size_t>> split_commas(const Tokens& tokens, size_t first, size_t last) {
  std::vector<std::pair<size_t, size_t>> parts;
  size_t start = first;
  for (size_t i = first; i < last; ++i) {
    if (is_op(tokens[i], "(")) {
      i = skip_parens(tokens, i) - 1;
    } else if (is_op(tokens[i], ",")) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < last) parts.emplace_back(start, last);
  return parts;
}

size_t first_open_paren(const Tokens& tokens, size_t from = 0) {
  for (size_t i = from; i < tokens.size(); ++i)
    if (is_op(tokens[i], "(")) return i;
  return tokens.size();
}

class DefinitionReader {
 public:
  DefinitionReader(const std::string& sql, const Tokens& tokens, TableDefinition& table)
      : sql_(sql), tokens_(tokens), table_(table) {}

  void read(size_t first, size_t last) {
    static const char* constraint_starts[] = {"constraint", "primary", "unique", "check", "foreign"};
    for (const char* keyword : constraint_starts)
      if (sql::is_word(tokens_[first], keyword)) return read_clauses(first, last, nullptr);
    ColumnDefinition column;
    column.name = identifier(tokens_[first]);
    read_clauses(first + 1, last, &column);
    table_.columns.push_back(std::move(column));
  }

 private:
  // Walks column or table constraint clauses; `column` is null for a table constraint.
  void read_clauses(size_t i, size_t last, ColumnDefinition* column) {
    std::string pending_name;
    while (i < last) {
      const Token& t = tokens_[i];
      if (sql::is_word(t, "constraint") && i + 1 < last) {
        pending_name = identifier(tokens_[i + 1]);
        i += 2;
      } else if (sql::is_word(t, "check") && i + 1 < last && is_op(tokens_[i + 1], "(")) {
        size_t close = skip_parens(tokens_, i + 1);
        table_.checks.push_back({pending_name, normalized_span(sql_, tokens_, i + 2, close - 1)});
        pending_name.clear();
        i = close;
      } else if (column && sql::is_word(t, "as") && i + 1 < last && is_op(tokens_[i + 1], "(")) {
        size_t close = skip_parens(tokens_, i + 1);
        bool stored = close < last && sql::is_word(tokens_[close], "stored");
        column->generated = (stored ? "stored " : "virtual ") +
                            normalized_span(sql_, tokens_, i + 2, close - 1);
        i = close;
      } else if (column && sql::is_word(t, "collate") && i + 1 < last) {
        column->collation = identifier(tokens_[i + 1]);
        i += 2;
      } else if (column && sql::is_word(t, "autoincrement")) {
        column->autoincrement = true;
        ++i;
      } else if (is_op(t, "(")) {
        i = skip_parens(tokens_, i);
      } else {
        ++i;
      }
    }
  }

  const std::string& sql_;
  const Tokens& tokens_;
  TableDefinition& table_;
};

}  // namespace

TableDefinition parse_create_table(const std::string& sql) {
  TableDefinition table;
  Tokens tokens = significant(sql);
  size_t open = first_open_paren(tokens);
  if (open == tokens.size()) return table;  // CREATE TABLE … AS SELECT: PRAGMAs tell all
  size_t close = skip_parens(tokens, open);
  DefinitionReader reader(sql, tokens, table);
  for (auto [first, last] : split_commas(tokens, open + 1, close - 1)) reader.read(first, last);
  for (auto [first, last] : split_commas(tokens, close, tokens.size())) {
    std::string option = normalized_span(sql, tokens, first, last);
    if (!option.empty()) table.options += (table.options.empty() ? "" : ", ") + option;
  }
  return table;
}

IndexDefinition parse_create_index(const std::string& sql) {
  IndexDefinition index;
  Tokens tokens = significant(sql);
  size_t on = 0;
  while (on < tokens.size() && !sql::is_word(tokens[on], "on")) ++on;
  size_t open = first_open_paren(tokens, on);
  if (open == tokens.size()) return index;
  size_t close = skip_parens(tokens, open);
  for (auto [first, last] : split_commas(tokens, open + 1, close - 1))
    index.key_texts.push_back(normalized_span(sql, tokens, first, last));
  if (close < tokens.size() && sql::is_word(tokens[close], "where"))
    index.predicate = normalized_span(sql, tokens, close + 1, tokens.size());
  return index;
}

std::string view_body(const std::string& sql) {
  Tokens tokens = significant(sql);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (is_op(tokens[i], "(")) i = skip_parens(tokens, i) - 1;
    else if (sql::is_word(tokens[i], "as")) return normalized_span(sql, tokens, i + 1, tokens.size());
  }
  return catalog::normalize_sql(sql, Dialect::sqlite);
}

}  // namespace crucible::sqlite
