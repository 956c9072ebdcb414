// A small SQL tokenizer shared by the statement splitter and the catalog normaliser.
//
// It knows just enough of each dialect to never split inside a literal, a quoted identifier, a
// comment or a PostgreSQL dollar-quoted body; it does not parse. Tokens keep their byte offset
// and line so that every statement can be traced back to file:line.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/engine_kind.h"

namespace crucible::sql {

enum class TokenKind {
  word,        // keyword or bare identifier: SELECT, users, t1
  quoted_id,   // "name", `name`, [name] — text includes the quotes
  string,      // 'text', E'text', X'00', N'text', $tag$body$tag$ — text includes the quotes
  number,      // 42, 3.14, 1e10, 0x1F
  op,          // any punctuation or operator run: ( ) , ; . = <> ::
  comment,     // -- to end of line, /* ... */, # (MySQL)
  whitespace,
};

struct Token {
  TokenKind kind;
  std::string_view text;
  size_t offset;  // byte offset in the input
  int line;       // 1-based line of the first character
  // Set when the token runs to the end of the input without its closing delimiter: what is
  // unterminated, e.g. "unterminated /* comment". Only ever the last token.
  std::string_view unterminated = {};
};

// Splits `text` into tokens. Never fails: an unterminated literal or comment runs to the end of
// the input as one token, marked `unterminated` (the splitter turns it into a script defect).
std::vector<Token> tokenize(std::string_view text, Dialect dialect);

// The tokens of `text` without whitespace and comments: what a statement says, for code that
// reads a few words of it. The tokens view `text`, which must outlive them.
std::vector<Token> significant_tokens(std::string_view text, Dialect dialect);

// Lower-cases ASCII letters.
std::string ascii_lower(std::string_view text);

// True when `token` is the word `keyword`, compared case-insensitively.
bool is_word(const Token& token, std::string_view keyword);

// A statement's words, as is_phrase compares them: {"BEGIN", "TRANSACTION"}.
using Phrase = std::initializer_list<std::string_view>;

// True when `text` says exactly one of `phrases`, word for word, ignoring case and comments
// ("begin /* a */ work" is {"BEGIN", "WORK"}).
bool is_phrase(std::string_view text, Dialect dialect, std::initializer_list<Phrase> phrases);

// True when the statement `text` ends the session's transaction: COMMIT, END, ROLLBACK or ABORT,
// but not ROLLBACK [TRANSACTION | WORK] TO a savepoint nor PostgreSQL's COMMIT / ROLLBACK
// PREPARED. (sqitch-style files carry their own BEGIN … COMMIT; inside a caller's transaction
// such a statement would end it, and what follows would run in autocommit.)
bool ends_transaction(std::string_view text, Dialect dialect);

// The name a word or quoted identifier spells, its quotes removed ("Users", `users`, [users] ->
// Users, users, users); other tokens' text unchanged. Case is kept.
std::string_view identifier_text(const Token& token);

}  // namespace crucible::sql
