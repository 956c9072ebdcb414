// The statement splitter of each dialect (the first byte picks it) on arbitrary text.
// Properties beyond "no crash":
//   - every statement and the defect lie on a line of the text;
//   - without a defect, no code is lost: every significant token of the whole text but `;` lies
//     inside a statement, and statements are verbatim pieces of the text, in order (MySQL text
//     with DELIMITER lines excepted: there the delimiter itself is code no statement keeps);
//   - split_statements() throws exactly when split_script() reports a defect.
#include <algorithm>
#include <set>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "harness/common/error.h"
#include "harness/sql/lexer.h"
#include "harness/sql/splitter.h"

namespace {

using namespace crucible;

bool is_kept(const sql::Token& token, Dialect dialect) {
  if (token.kind == sql::TokenKind::whitespace) return false;
  if (token.kind == sql::TokenKind::comment)
    return dialect == Dialect::mysql && token.text.starts_with("/*!");
  return !(token.kind == sql::TokenKind::op && token.text == ";");
}

// Statements are verbatim, in order: each is found at or after its own line's start and after
// the previous one. Every code token of the whole text must lie inside one of them.
bool every_code_token_is_in_a_statement(std::string_view text, Dialect dialect,
                                        const std::vector<Statement>& statements) {
  std::vector<size_t> line_start = {0, 0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_start.push_back(i + 1);
  // A statement starts at a code token: a short one ("T") may also occur inside a comment
  // before it, which is no statement.
  std::vector<sql::Token> tokens = sql::tokenize(text, dialect);
  std::set<size_t> code_starts;
  for (const sql::Token& token : tokens)
    if (is_kept(token, dialect)) code_starts.insert(token.offset);
  std::vector<std::pair<size_t, size_t>> spans;
  size_t cursor = 0;
  for (const Statement& statement : statements) {
    size_t at = text.find(statement.sql, std::max(cursor, line_start[statement.where.line]));
    while (at != std::string_view::npos && !code_starts.count(at))
      at = text.find(statement.sql, at + 1);
    if (at == std::string_view::npos) return false;
    spans.emplace_back(at, at + statement.sql.size());
    cursor = at + statement.sql.size();
  }
  size_t span = 0;
  for (const sql::Token& token : tokens) {
    if (!is_kept(token, dialect)) continue;
    while (span < spans.size() && spans[span].second <= token.offset) ++span;
    if (span == spans.size() || token.offset < spans[span].first ||
        token.offset + token.text.size() > spans[span].second)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Dialect dialects[] = {Dialect::sqlite, Dialect::postgres, Dialect::mysql, Dialect::db2};
  Dialect dialect = dialects[data[0] % 4];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string file = "fuzz.sql";

  sql::SplitScript split;
  try {
    split = sql::split_script(text, dialect, file);
  } catch (const Error&) {
    return 0;  // `DELIMITER` without an argument: a load error, by design
  }
  const int lines = lines_in(text);
  for (const Statement& statement : split.statements) {
    check(statement.where.file == file);
    check(statement.where.line >= 1 && statement.where.line <= lines);
    check(!statement.sql.empty());
  }
  if (split.defect) check(split.defect->where.line >= 1 && split.defect->where.line <= lines);

  bool threw = false;
  try {
    sql::split_statements(text, dialect, file);
  } catch (const Error&) {
    threw = true;
  }
  check(threw == split.defect.has_value());

  bool has_delimiter_lines =
      dialect == Dialect::mysql && sql::ascii_lower(text).find("delimiter") != std::string::npos;
  if (split.defect || has_delimiter_lines) return 0;
  check(every_code_token_is_in_a_statement(text, dialect, split.statements));
  return 0;
}
