// How the data check judges a forward that failed on a database holding generated rows.
//
// Only a forward that no table with rows can take is a finding of the migration: a statement
// that adds a NOT NULL column without a default, or copies rows into a table leaving out a NOT
// NULL column without a default (the engines name the column; the statement shows it added or
// left out). Every other refusal depends
// on what the rows hold — a NULL in a column the forward makes NOT NULL, a value a narrowed or
// converted type rejects, a CHECK or UNIQUE it adds — and production data may well fit: real
// sets backfill before `SET NOT NULL` and say so in a comment (rust-lang/crates.io).
#pragma once

#include "harness/common/engine_kind.h"
#include "harness/engines/engine.h"

namespace crucible {

enum class ForwardRefusal {
  every_row,  // no table with rows can take the forward: `fail`
  values,     // a value of the generated rows (a NULL, a long or unconvertible one): `skip`
  other,      // a constraint the forward adds that the generated rows break: `skip`
};

// `error` is the forward's first failing statement, with its text, in `dialect`.
ForwardRefusal classify_forward_refusal(const StatementError& error, Dialect dialect);

}  // namespace crucible
