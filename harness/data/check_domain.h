// The values generated rows may hold in a column under the CHECK constraints on it (`crucible
// bench`'s dense rows, the data check's random rows).
//
// Dense rows count 1, 2, 3 … and write text as digits, which breaks the most common CHECKs of
// real schemas: a status column limited to a list of words, a quantity limited to a range. This
// reads the two shapes every engine prints in recognisable form and narrows the column's type to
// them: a value list (status IN ('new', 'paid'); PostgreSQL's = ANY (ARRAY[…]); a chain of
// = … OR = …) becomes an enumeration, and bounds (qty > 0, qty BETWEEN 1 AND 100; PostgreSQL's
// qty >= 1 AND qty <= 100) narrow the range, with whole numbers standing in for decimals. A CHECK
// in any other shape is left alone: the engine rejects the rows it breaks, and the bench names
// the check in its error.
#pragma once

#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/data/column_type.h"

namespace crucible::data {

// `type` (the column's classified type) narrowed by those of `checks` that name `column` and no
// other column. Unchanged when none applies or the bounds leave no whole number.
ColumnType narrow_to_checks(ColumnType type, const std::string& column,
                            const std::vector<catalog::Check>& checks, EngineKind engine);

}  // namespace crucible::data
