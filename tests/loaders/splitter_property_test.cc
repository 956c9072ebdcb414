// Property: statements built from literals, quoted identifiers, comments and (PostgreSQL) dollar
// bodies that all contain `;`, joined with ";\n", split back into exactly those statements, each
// on the line it starts on.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "harness/sql/splitter.h"

namespace crucible::sql {
namespace {

// Characters that tempt a naive splitter. No `*` or `/` (they would make comment delimiters) and
// no `!` (a MySQL /*! comment is code).
const std::string kTricky = "ab ;'\"`$\\#-\n";

rc::Gen<std::string> tricky_text() {
  return rc::gen::container<std::string>(rc::gen::elementOf(kTricky));
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// 'text' with the quote doubled; MySQL also escapes backslashes.
std::string single_quoted(const std::string& text, Dialect dialect) {
  std::string body = dialect == Dialect::mysql ? replace_all(text, "\\", "\\\\") : text;
  return "'" + replace_all(body, "'", "''") + "'";
}

std::string quoted_identifier(const std::string& text, Dialect dialect) {
  std::string quote = dialect == Dialect::mysql ? "`" : "\"";
  std::string body = replace_all(replace_all(text, "\\", "x"), "\n", " ");
  return quote + replace_all(body, quote, quote + quote) + quote;
}

std::string line_comment(const std::string& text, Dialect dialect) {
  std::string prefix = dialect == Dialect::mysql && text.size() % 2 ? "# " : "-- ";
  return prefix + replace_all(text, "\n", " ") + "\n";
}

std::string block_comment(const std::string& text) { return "/* " + text + " */"; }

// $$text$$ or $tag$text$tag$, with any closing tag in the text broken up.
std::string dollar_quoted(const std::string& text, bool tagged) {
  std::string tag = tagged ? "$fn$" : "$$";
  std::string body = replace_all(text, "$", "$ ");
  return tag + body + tag;
}

rc::Gen<std::string> fragment(Dialect dialect) {
  using rc::gen::map;
  std::vector<rc::Gen<std::string>> choices = {
      rc::gen::element<std::string>("a", "col_1", "FROM", "t", "=", "+", "42", "3.5", "x$y"),
      map(tricky_text(), [dialect](const std::string& s) { return single_quoted(s, dialect); }),
      map(tricky_text(), [dialect](const std::string& s) { return quoted_identifier(s, dialect); }),
      map(tricky_text(), [dialect](const std::string& s) { return line_comment(s, dialect); }),
      map(tricky_text(), [](const std::string& s) { return block_comment(s); }),
  };
  if (dialect == Dialect::postgres) {
    choices.push_back(
        map(tricky_text(), [](const std::string& s) { return dollar_quoted(s, false); }));
    choices.push_back(
        map(tricky_text(), [](const std::string& s) { return dollar_quoted(s, true); }));
    choices.push_back(rc::gen::element<std::string>("$1", "($2)"));
  }
  return rc::gen::join(rc::gen::elementOf(choices));
}

// SELECT, some fragments, and a final word so that the statement ends on code.
rc::Gen<std::string> statement(Dialect dialect) {
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(fragment(dialect)),
                      [](const std::vector<std::string>& fragments) {
                        std::string sql = "SELECT";
                        for (const std::string& f : fragments) sql += " " + f;
                        return sql + " z";
                      });
}

void check_round_trip(Dialect dialect) {
  auto statements =
      *rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(statement(dialect)));
  bool trailing_terminator = *rc::gen::arbitrary<bool>();
  std::string text;
  std::vector<int> lines;
  for (size_t i = 0; i < statements.size(); ++i) {
    if (i > 0) text += ";\n";
    lines.push_back(1 + static_cast<int>(std::count(text.begin(), text.end(), '\n')));
    text += statements[i];
  }
  if (trailing_terminator) text += ";\n";

  std::vector<Statement> split = split_statements(text, dialect, "p.sql");
  std::vector<std::string> texts;
  std::vector<int> split_lines;
  for (const Statement& s : split) {
    texts.push_back(s.sql);
    split_lines.push_back(s.where.line);
  }
  RC_ASSERT(texts == statements);
  RC_ASSERT(split_lines == lines);
}

RC_GTEST_PROP(SplitterProperty, SqliteRoundTrip, ()) { check_round_trip(Dialect::sqlite); }
RC_GTEST_PROP(SplitterProperty, PostgresRoundTrip, ()) { check_round_trip(Dialect::postgres); }
RC_GTEST_PROP(SplitterProperty, MysqlRoundTrip, ()) { check_round_trip(Dialect::mysql); }
RC_GTEST_PROP(SplitterProperty, Db2RoundTrip, ()) { check_round_trip(Dialect::db2); }

}  // namespace
}  // namespace crucible::sql
