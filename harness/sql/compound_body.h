// Follows the BEGIN … END nesting of one statement, so that the statement splitter can tell a
// `;` inside a trigger or routine body from the `;` that ends the statement.
//
// Bodies are only looked for where a dialect allows them, so that a top-level `BEGIN;` stays a
// statement of its own:
//   SQLite      CREATE [TEMP] TRIGGER … BEGIN … END (CASE … END inside does not end the body)
//   PostgreSQL  CREATE [OR REPLACE] FUNCTION/PROCEDURE … BEGIN ATOMIC … END; and, as psql does,
//               a `;` inside parentheses (CREATE RULE … DO (…; …)) never ends a statement
//   MySQL, DB2  CREATE [OR REPLACE] [DEFINER=…] TRIGGER/PROCEDURE/FUNCTION/EVENT, MariaDB's
//               BEGIN NOT ATOMIC: nested BEGIN … END, CASE … END [CASE], IF … END IF,
//               LOOP/WHILE/REPEAT/FOR … END LOOP/WHILE/REPEAT/FOR
// The IF and REPEAT functions (`IF(a, b, c)`, `REPEAT('x', 3)`) and `IF [NOT] EXISTS` clauses do
// not open a block.
#pragma once

#include <span>
#include <string_view>

#include "harness/common/engine_kind.h"
#include "harness/sql/lexer.h"

namespace crucible::sql {

class CompoundBody {
 public:
  explicit CompoundBody(Dialect dialect) : dialect_(dialect) {}

  // Starts a statement whose first significant token is tokens[first].
  void start(std::span<const Token> tokens, size_t first);
  // Follows tokens[i], the statement's next significant (non-blank, non-comment) token.
  void feed(std::span<const Token> tokens, size_t i);
  // True while a `;` does not end the statement.
  bool open() const { return depth_ > 0 || parens_ > 0; }
  // What is still open, for a statement that ends the script open ("" when nothing is).
  std::string_view unclosed() const {
    if (depth_ > 0) return "BEGIN … END body never ends: no matching END";
    if (parens_ > 0) return "unclosed parenthesis: no matching )";
    return "";
  }

 private:
  void feed_keyword(std::span<const Token> tokens, size_t i);
  bool opens_if_block(std::span<const Token> tokens, size_t i) const;

  Dialect dialect_;
  bool has_body_ = false;   // the statement is one that can hold a compound body
  int depth_ = 0;           // open BEGIN/CASE/IF/… blocks
  int parens_ = 0;          // open parentheses (PostgreSQL only)
  bool after_end_ = false;  // the previous token was END (END IF closes one block, not two)
  const Token* previous_ = nullptr;
};

}  // namespace crucible::sql
