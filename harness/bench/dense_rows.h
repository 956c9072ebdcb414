// Rows for `crucible bench`: fast, deterministic and legal for the table they go into.
//
// Every value is a pure function of the column's type and the row index, so row i of a table is
// the same on every run and every engine. That makes the constraints easy to honour without
// looking anything up: primary keys and UNIQUE columns are distinct because the index is, and a
// foreign key holds because it names row (first + i mod P) of its parent — whose key columns
// produced exactly those values when the parent (filled first) was loaded with P rows from
// `first`. A table that already holds rows (seeded by an earlier migration) is filled from the
// first index past theirs (dense_start.h), so the new keys cannot collide with the old.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/data/column_type.h"
#include "harness/engines/engine.h"

namespace crucible::bench {

// The value row `index` (0-based) holds in a column of `type`. Integers count 1, 2, 3, … within
// the type's range (wrapping when it is too small), text is the decimal of index + 1 (cut to the
// column's length), dates and timestamps count days and seconds from 2000-01-01.
SqlValue dense_value(const data::ColumnType& type, int64_t index);

// The inverse: the index whose dense_value in a column of `type` is `value` (ignoring the
// wrap-around of small types and cut text), or nullopt when no index produces it — a value that
// cannot collide with generated ones.
std::optional<int64_t> dense_index(const data::ColumnType& type, const SqlValue& value);

// The type whose dense values a column of `table` takes: its own, narrowed to the CHECKs on it
// (check_domain.h).
data::ColumnType dense_type(const catalog::Table& table, const catalog::Column& column,
                            EngineKind engine);

// Indexes first, first + 1, …, first + count - 1 of the dense sequence.
struct DenseRange {
  int64_t first = 0;
  int64_t count = 0;
};

class DenseRows : public RowSource {
 public:
  // The rows `rows` for `table` of `catalog`. `parents` holds the ranges loaded into other tables
  // (the parents a foreign key points at). Throws crucible::Error naming the table and column
  // when a NOT NULL column cannot be filled (a type with no generator, a parent with no rows).
  DenseRows(const catalog::Table& table, const catalog::Catalog& catalog, EngineKind engine,
            DenseRange rows, const std::map<std::string, DenseRange>& parents);

  // The columns the rows fill, in order. Generated columns, identities and serials are left to
  // the engine (which numbers them 1, 2, 3 … as the rows arrive — what dense_value would write).
  const std::vector<std::string>& columns() const { return names_; }

  bool next(std::vector<SqlValue>& row) override;

 private:
  struct Source {
    data::ColumnType type;   // the type whose dense_value the column takes
    DenseRange parent;       // count > 0: the value of parent row first + (index mod count)
    bool null = false;       // always NULL (nullable, nothing sensible to generate)
  };
  void plan_column(const catalog::Table& table, const catalog::Column& column,
                   const catalog::Catalog& catalog, EngineKind engine,
                   const std::map<std::string, DenseRange>& parents);

  std::vector<std::string> names_;
  std::vector<Source> sources_;
  DenseRange rows_;
  int64_t next_ = 0;  // rows produced so far
};

}  // namespace crucible::bench
