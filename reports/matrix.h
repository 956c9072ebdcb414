// The compatibility matrix behind the Markdown and HTML reports: rows = migrations in run order,
// columns = engines, each cell the results of one engine × migration and its worst status.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/checks/result.h"

namespace crucible::reports {

// One row: a migration, as (version, name).
using MigrationKey = std::pair<std::string, std::string>;

// The migrations in run order. Engines may run different subsets (engine-specific migrations),
// so each engine's sequence is merged in: a migration first seen on a later engine goes right
// after the one that preceded it there.
std::vector<MigrationKey> migration_rows(const Report& report);

// "0002 add_email_index"
std::string row_label(const MigrationKey& key);

// error > fail > pass > skip: what a cell shows. A cell whose checks were all skipped is "skip";
// one with some passes and some skips is "pass". nullopt for an empty cell.
std::optional<Status> worst_status(const std::vector<const Result*>& results);

class Matrix {
 public:
  explicit Matrix(const Report& report);

  const std::vector<MigrationKey>& rows() const { return rows_; }
  std::size_t row_of(const Result& result) const;
  // The results of row `row` on engine `engine` (index into Report::engines), in run order.
  const std::vector<const Result*>& cell(std::size_t row, std::size_t engine) const {
    return cells_[row][engine];
  }

 private:
  std::vector<MigrationKey> rows_;
  std::map<MigrationKey, std::size_t> row_index_;
  std::vector<std::vector<std::vector<const Result*>>> cells_;  // [row][engine]
};

}  // namespace crucible::reports
