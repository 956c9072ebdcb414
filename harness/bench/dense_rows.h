// Rows for `crucible bench`: fast, deterministic and legal for the table they go into.
//
// Every value is a pure function of the column's type and the row index, so row i of a table is
// the same on every run and every engine. That makes the constraints easy to honour without
// looking anything up: primary keys and UNIQUE columns are distinct because the index is, and a
// foreign key holds because it names row (i mod P) of its parent — whose key columns produced
// exactly those values when the parent (filled first) was loaded with P rows.
#pragma once

#include <cstdint>
#include <map>
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

class DenseRows : public RowSource {
 public:
  // `count` rows for `table` of `catalog`. `loaded` holds the rows already in other tables (the
  // parents a foreign key points at). Throws crucible::Error naming the table and column when a
  // NOT NULL column cannot be filled (a type with no generator, a parent with no rows).
  DenseRows(const catalog::Table& table, const catalog::Catalog& catalog, EngineKind engine,
            int64_t count, const std::map<std::string, int64_t>& loaded);

  // The columns the rows fill, in order. Generated columns, identities and serials are left to
  // the engine (which numbers them 1, 2, 3 … as the rows arrive — what dense_value would write).
  const std::vector<std::string>& columns() const { return names_; }

  bool next(std::vector<SqlValue>& row) override;

 private:
  struct Source {
    data::ColumnType type;   // the type whose dense_value the column takes
    int64_t parent_rows = 0; // > 0: the value of parent row (index mod parent_rows)
    bool null = false;       // always NULL (nullable, nothing sensible to generate)
  };
  void plan_column(const catalog::Table& table, const catalog::Column& column,
                   const catalog::Catalog& catalog, EngineKind engine,
                   const std::map<std::string, int64_t>& loaded);

  std::vector<std::string> names_;
  std::vector<Source> sources_;
  int64_t count_;
  int64_t next_ = 0;
};

}  // namespace crucible::bench
