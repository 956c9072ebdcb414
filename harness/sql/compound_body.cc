#include "harness/sql/compound_body.h"

#include <initializer_list>
#include <string_view>

namespace crucible::sql {
namespace {

using Words = std::initializer_list<std::string_view>;

bool is_any_word(const Token& token, Words words) {
  for (std::string_view word : words)
    if (is_word(token, word)) return true;
  return false;
}

bool is_op(const Token& token, std::string_view text) {
  return token.kind == TokenKind::op && token.text == text;
}

// Index of the next token after `i` that is neither blank nor a comment (tokens.size() if none).
size_t next_code(std::span<const Token> tokens, size_t i) {
  for (++i; i < tokens.size(); ++i)
    if (tokens[i].kind != TokenKind::whitespace && tokens[i].kind != TokenKind::comment) break;
  return i;
}

bool next_is_word(std::span<const Token> tokens, size_t i, Words words) {
  size_t next = next_code(tokens, i);
  return next < tokens.size() && is_any_word(tokens[next], words);
}

bool next_is_op(std::span<const Token> tokens, size_t i, std::string_view op) {
  size_t next = next_code(tokens, i);
  return next < tokens.size() && is_op(tokens[next], op);
}

bool has_compound_blocks(Dialect dialect) {
  return dialect == Dialect::mysql || dialect == Dialect::db2;
}

// The object kinds whose CREATE statement can hold a BEGIN … END body, per dialect.
bool is_body_object(const Token& token, Dialect dialect) {
  switch (dialect) {
    case Dialect::sqlite:
      return is_word(token, "TRIGGER");
    case Dialect::postgres:
      return is_any_word(token, {"FUNCTION", "PROCEDURE"});
    case Dialect::mysql:
    case Dialect::db2:
      return is_any_word(token, {"TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"});
  }
  return false;
}

// Tokens allowed between CREATE and the object kind: OR REPLACE, TEMP, AGGREGATE, and a MySQL
// DEFINER = user@host clause (user and host may be words, strings or quoted identifiers).
bool is_create_modifier(const Token& token, const Token& previous) {
  if (is_any_word(token,
                  {"OR", "REPLACE", "TEMP", "TEMPORARY", "DEFINER", "AGGREGATE", "CURRENT_USER"}))
    return true;
  if (token.kind == TokenKind::quoted_id || token.kind == TokenKind::string) return true;
  if (is_op(token, "=") || is_op(token, "@") || is_op(token, "(") || is_op(token, ")")) return true;
  return token.kind == TokenKind::word && (is_op(previous, "=") || is_op(previous, "@"));
}

bool can_hold_body(std::span<const Token> tokens, size_t first, Dialect dialect) {
  const Token& head = tokens[first];
  if (dialect == Dialect::mysql && is_word(head, "BEGIN"))  // MariaDB's BEGIN NOT ATOMIC … END
    return next_is_word(tokens, first, {"NOT"});
  if (!is_word(head, "CREATE")) return false;
  const Token* previous = &head;
  for (size_t i = next_code(tokens, first); i < tokens.size(); i = next_code(tokens, i)) {
    if (is_body_object(tokens[i], dialect)) return true;
    if (!is_create_modifier(tokens[i], *previous)) return false;
    previous = &tokens[i];
  }
  return false;
}

}  // namespace

void CompoundBody::start(std::span<const Token> tokens, size_t first) {
  has_body_ = can_hold_body(tokens, first, dialect_);
  depth_ = 0;
  parens_ = 0;
  after_end_ = false;
  previous_ = nullptr;
}

void CompoundBody::feed(std::span<const Token> tokens, size_t i) {
  const Token& token = tokens[i];
  if (dialect_ == Dialect::postgres) {
    if (is_op(token, "(")) ++parens_;
    if (is_op(token, ")") && parens_ > 0) --parens_;
  }
  if (has_body_ && token.kind == TokenKind::word)
    feed_keyword(tokens, i);
  else
    after_end_ = false;
  previous_ = &token;
}

void CompoundBody::feed_keyword(std::span<const Token> tokens, size_t i) {
  const Token& token = tokens[i];
  bool block_words = has_compound_blocks(dialect_);
  if (after_end_) {
    after_end_ = false;
    // END IF, END CASE, END LOOP …: the word names the block END closed.
    if (block_words && is_any_word(token, {"IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR"})) return;
  }
  if (is_word(token, "END")) {
    if (depth_ > 0) --depth_;
    after_end_ = true;
  } else if (is_word(token, "CASE")) {
    ++depth_;
  } else if (is_word(token, "BEGIN")) {
    if (dialect_ != Dialect::postgres || next_is_word(tokens, i, {"ATOMIC"})) ++depth_;
  } else if (block_words) {
    if (is_any_word(token, {"LOOP", "WHILE"}) ||
        (is_word(token, "REPEAT") && !next_is_op(tokens, i, "(")) ||
        (is_word(token, "IF") && opens_if_block(tokens, i)))
      ++depth_;
    // FOR x IN … DO (MariaDB) and FOR x AS … DO (DB2), not FOR EACH ROW or FOR UPDATE.
    if (is_word(token, "FOR")) {
      size_t variable = next_code(tokens, i);
      if (variable < tokens.size() && tokens[variable].kind == TokenKind::word &&
          next_is_word(tokens, variable, {"IN", "AS"}))
        ++depth_;
    }
  }
}

// The IF statement (IF cond THEN … END IF) versus the IF() function and IF [NOT] EXISTS.
bool CompoundBody::opens_if_block(std::span<const Token> tokens, size_t i) const {
  if (previous_ != nullptr) {
    const Token& p = *previous_;
    // Inside an expression: x = IF(…), WHEN IF(…) …, AND IF(…).
    if (p.kind == TokenKind::op && p.text != ";" && p.text != ":" && p.text != ")") return false;
    if (is_any_word(p, {"WHEN", "WHILE", "UNTIL", "IF", "ELSEIF", "AND", "OR", "NOT", "XOR"}))
      return false;
    // CREATE TABLE IF NOT EXISTS, DROP TRIGGER IF EXISTS, ADD COLUMN IF NOT EXISTS …
    if (is_any_word(p, {"TABLE", "VIEW", "INDEX", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT",
                        "DATABASE", "SCHEMA", "SEQUENCE", "COLUMN", "CONSTRAINT", "KEY",
                        "PARTITION", "USER", "ROLE", "SERVER", "TABLESPACE"}))
      return false;
  }
  // A statement IF reaches its THEN before anything that would end an expression.
  int depth = 0;
  for (size_t j = next_code(tokens, i); j < tokens.size(); j = next_code(tokens, j)) {
    const Token& t = tokens[j];
    if (is_op(t, "(")) {
      ++depth;
    } else if (is_op(t, ")")) {
      if (depth == 0) return false;
      --depth;
    } else if (depth == 0) {
      if (is_word(t, "THEN")) return true;
      if (is_op(t, ";") || is_op(t, ",") ||
          is_any_word(t, {"BEGIN", "END", "ELSE", "ELSEIF", "WHEN", "DO"}))
        return false;
    }
  }
  return false;
}

}  // namespace crucible::sql
