#include "harness/checks/mutate/mutators.h"

#include <functional>

#include <fmt/format.h>

#include "harness/sql/lexer.h"

namespace crucible::mutate {
namespace {

using sql::Token;
using sql::TokenKind;

// The tokens of one statement without whitespace and comments: what the mutators look at.
struct Tokens {
  std::string text;
  std::vector<Token> list;

  Tokens(std::string sql, Dialect dialect)
      : text(std::move(sql)), list(sql::significant_tokens(text, dialect)) {}
  bool op(size_t i, std::string_view s) const {
    return i < list.size() && list[i].kind == TokenKind::op && list[i].text == s;
  }
  bool word(size_t i, std::string_view s) const { return i < list.size() && sql::is_word(list[i], s); }
  // The text with tokens [first, last] replaced.
  std::string replace(size_t first, size_t last, std::string_view with) const {
    size_t begin = list[first].offset, end = list[last].offset + list[last].text.size();
    return text.substr(0, begin) + std::string(with) + text.substr(end);
  }
  std::string between(size_t first, size_t last) const {
    return text.substr(list[first].offset,
                       list[last].offset + list[last].text.size() - list[first].offset);
  }
  // Index of the `)` matching the `(` at `open`, or list.size().
  size_t closing(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < list.size(); ++i) {
      if (op(i, "(")) ++depth;
      if (op(i, ")") && --depth == 0) return i;
    }
    return list.size();
  }
};

// A mutated statement text and what was done, before it is wrapped into a Mutant.
struct Edit {
  std::string op, what, sql;
};
using Mutator = std::function<void(const Tokens&, std::vector<Edit>&)>;

// VARCHAR(40) -> VARCHAR(41); DECIMAL(10,2) -> DECIMAL(11,2).
void type_length(const Tokens& t, std::vector<Edit>& out) {
  for (size_t i = 1; i + 2 < t.list.size(); ++i)
    if (t.list[i - 1].kind == TokenKind::word && t.op(i, "(") &&
        t.list[i + 1].kind == TokenKind::number && (t.op(i + 2, ")") || t.op(i + 2, ","))) {
      std::string n(t.list[i + 1].text);
      if (n.find_first_not_of("0123456789") != std::string::npos) continue;
      std::string bigger = std::to_string(std::stoll(n) + 1);
      out.push_back({"type-length", fmt::format("{}({}) -> {}({})", t.list[i - 1].text, n,
                                               t.list[i - 1].text, bigger),
                     t.replace(i + 1, i + 1, bigger)});
    }
}

// DEFAULT 0 -> DEFAULT 1; DEFAULT 'x' -> DEFAULT 'x_'; DEFAULT TRUE -> DEFAULT FALSE.
void default_value(const Tokens& t, std::vector<Edit>& out) {
  for (size_t i = 0; i + 1 < t.list.size(); ++i) {
    if (!t.word(i, "default")) continue;
    const Token& v = t.list[i + 1];
    std::string with;
    if (v.kind == TokenKind::number) with = std::string(v.text) + "1";
    else if (v.kind == TokenKind::string && v.text.size() >= 2 && v.text.front() == '\'')
      with = std::string(v.text.substr(0, v.text.size() - 1)) + "_'";
    else if (t.word(i + 1, "true")) with = "FALSE";
    else if (t.word(i + 1, "false")) with = "TRUE";
    else continue;
    out.push_back({"default", fmt::format("DEFAULT {} -> DEFAULT {}", v.text, with),
                   t.replace(i + 1, i + 1, with)});
  }
}

// NOT NULL -> NULL; a column's explicit NULL -> NOT NULL.
void nullability(const Tokens& t, std::vector<Edit>& out) {
  for (size_t i = 0; i < t.list.size(); ++i) {
    if (t.word(i, "not") && t.word(i + 1, "null"))
      out.push_back({"nullability", "NOT NULL -> NULL", t.replace(i, i + 1, "NULL")});
    else if (t.word(i, "null") && i > 0 && !t.word(i - 1, "not") && !t.word(i - 1, "default") &&
             !t.word(i - 1, "is") && !t.word(i - 1, "set") && !t.op(i - 1, "=") &&
             !t.op(i - 1, "(") && !t.op(i - 1, ","))
      out.push_back({"nullability", "NULL -> NOT NULL", t.replace(i, i, "NOT NULL")});
  }
}

// In CREATE [UNIQUE] INDEX … ON t (a, b): swap the first two columns, or make one column DESC.
void index_column(const Tokens& t, std::vector<Edit>& out) {
  if (!t.word(0, "create")) return;
  size_t i = 1;
  if (t.word(i, "unique")) ++i;
  if (!t.word(i, "index")) return;
  for (; i < t.list.size() && !t.op(i, "("); ++i) {}
  size_t close = t.closing(i);
  if (close >= t.list.size()) return;
  size_t comma = i + 1;
  int depth = 0;
  for (; comma < close; ++comma) {
    if (t.op(comma, "(")) ++depth;
    if (t.op(comma, ")")) --depth;
    if (depth == 0 && t.op(comma, ",")) break;
  }
  if (comma < close) {
    size_t end = comma + 1;
    for (; end < close && !t.op(end, ","); ++end) {}
    std::string first = t.between(i + 1, comma - 1), second = t.between(comma + 1, end - 1);
    out.push_back({"index-column", fmt::format("index columns ({}, {}) -> ({}, {})", first, second,
                                              second, first),
                   t.replace(i + 1, end - 1, second + ", " + first)});
  } else if (close == i + 2 && t.list[i + 1].kind != TokenKind::op) {
    std::string column(t.list[i + 1].text);
    out.push_back({"index-column", fmt::format("index column {} -> {} DESC", column, column),
                   t.replace(i + 1, i + 1, column + " DESC")});
  }
}

// ON DELETE CASCADE -> ON DELETE SET NULL (and back); REFERENCES t (c) gains ON DELETE CASCADE.
void fk_action(const Tokens& t, std::vector<Edit>& out) {
  for (size_t i = 0; i + 2 < t.list.size(); ++i) {
    if (t.word(i, "on") && (t.word(i + 1, "delete") || t.word(i + 1, "update"))) {
      size_t last = i + 2 + ((t.word(i + 2, "set") || t.word(i + 2, "no")) ? 1 : 0);
      if (last >= t.list.size()) continue;
      std::string was = t.between(i + 2, last);
      std::string with = t.word(i + 2, "cascade") ? "SET NULL" : "CASCADE";
      out.push_back({"fk-action", fmt::format("ON {} {} -> ON {} {}", t.list[i + 1].text, was,
                                             t.list[i + 1].text, with),
                     t.replace(i + 2, last, with)});
    }
    if (t.word(i, "references")) {
      size_t open = i + 2;
      if (!t.op(open, "(")) continue;
      size_t close = t.closing(open);
      if (close >= t.list.size() || t.word(close + 1, "on")) continue;
      out.push_back({"fk-action", "REFERENCES … gains ON DELETE CASCADE",
                     t.replace(close, close, ") ON DELETE CASCADE")});
    }
  }
}

// CREATE TABLE t (a …, b …, …): swap the first two column definitions.
void reorder_columns(const Tokens& t, std::vector<Edit>& out) {
  if (!t.word(0, "create")) return;
  size_t open = 0;
  for (size_t i = 1; i < t.list.size() && !open; ++i) {
    if (t.word(i, "table")) {
      for (size_t j = i; j < t.list.size(); ++j)
        if (t.op(j, "(")) { open = j; break; }
    } else if (!t.word(i, "temporary") && !t.word(i, "temp")) {
      return;
    }
  }
  if (!open) return;
  size_t close = t.closing(open);
  std::vector<std::pair<size_t, size_t>> items;  // token ranges of top-level definitions
  size_t start = open + 1;
  int depth = 0;
  for (size_t i = open + 1; i <= close && i < t.list.size(); ++i) {
    if (t.op(i, "(")) ++depth;
    if (t.op(i, ")")) --depth;
    if ((depth == 0 && t.op(i, ",")) || i == close) {
      if (i > start) items.push_back({start, i - 1});
      start = i + 1;
    }
  }
  if (items.size() < 2) return;
  for (const auto& item : {items[0], items[1]})
    for (const char* kw : {"constraint", "primary", "unique", "foreign", "check", "key", "index"})
      if (t.word(item.first, kw)) return;  // table constraints, not columns
  std::string a = t.between(items[0].first, items[0].second);
  std::string b = t.between(items[1].first, items[1].second);
  out.push_back({"reorder-columns",
                 fmt::format("columns {} and {} swapped", t.list[items[0].first].text,
                             t.list[items[1].first].text),
                 t.replace(items[0].first, items[1].second, b + ", " + a)});
}

bool adds_column(const Statement& s, Dialect dialect) {
  Tokens t(s.sql, dialect);
  for (size_t i = 0; i + 1 < t.list.size(); ++i)
    if (t.word(i, "add") && !t.word(i + 1, "constraint") && !t.word(i + 1, "index") &&
        !t.word(i + 1, "primary") && !t.word(i + 1, "unique") && !t.word(i + 1, "foreign") &&
        !t.word(i + 1, "check") && !t.word(i + 1, "key"))
      return t.word(0, "alter");
  return false;
}

class MutantMaker {
 public:
  MutantMaker(const MigrationSet& set, EngineKind kind) : set_(set), kind_(kind) {}

  std::vector<Mutant> run() {
    for (size_t i = 0; i < set_.migrations.size(); ++i) {
      const EngineScripts* scripts = set_.migrations[i].for_engine(kind_);
      if (scripts && scripts->reverse && !scripts->program) mutate_script(i, *scripts->reverse);
    }
    return std::move(mutants_);
  }

 private:
  void add(size_t m, std::string op, const std::string& what, SourceLocation where, Script reverse) {
    mutants_.push_back({m, std::move(op),
                        fmt::format("{} reverse: {} ({})", set_.migrations[m].version, what, where.str()),
                        where, std::move(reverse)});
  }

  void mutate_script(size_t m, const Script& reverse) {
    static const Mutator mutators[] = {type_length, default_value, nullability, index_column,
                                       fk_action, reorder_columns};
    Dialect dialect = dialect_of(kind_);
    for (size_t s = 0; s < reverse.statements.size(); ++s) {
      const Statement& statement = reverse.statements[s];
      Script dropped = reverse;
      dropped.statements.erase(dropped.statements.begin() + s);
      add(m, "drop-statement", fmt::format("statement {} dropped", s + 1), statement.where,
          std::move(dropped));
      std::vector<Edit> edits;
      Tokens tokens(statement.sql, dialect);
      for (const Mutator& mutator : mutators) mutator(tokens, edits);
      for (Edit& edit : edits) {
        Script mutated = reverse;
        mutated.statements[s].sql = std::move(edit.sql);
        add(m, edit.op, edit.what, statement.where, std::move(mutated));
      }
      if (s + 1 < reverse.statements.size() && adds_column(statement, dialect) &&
          adds_column(reverse.statements[s + 1], dialect)) {
        Script swapped = reverse;
        std::swap(swapped.statements[s], swapped.statements[s + 1]);
        add(m, "reorder-columns", fmt::format("ADD COLUMN statements {} and {} swapped", s + 1, s + 2),
            statement.where, std::move(swapped));
      }
    }
  }

  const MigrationSet& set_;
  EngineKind kind_;
  std::vector<Mutant> mutants_;
};

}  // namespace

std::vector<Mutant> mutants_of(const MigrationSet& set, EngineKind kind) {
  return MutantMaker(set, kind).run();
}

MigrationSet with_mutant(const MigrationSet& set, EngineKind kind, const Mutant& mutant) {
  MigrationSet mutated = set;
  mutated.migrations[mutant.migration].scripts[kind].reverse = mutant.reverse;
  return mutated;
}

}  // namespace crucible::mutate
