#include "reports/matrix.h"

#include <algorithm>

#include "reports/text.h"

namespace crucible::reports {

std::vector<MigrationKey> migration_rows(const Report& report) {
  std::vector<MigrationKey> rows;
  for (const EngineRun& run : report.engines) {
    std::size_t insert_at = 0;
    for (const Result& result : run.results) {
      MigrationKey key{result.migration, result.name};
      auto found = std::find(rows.begin(), rows.end(), key);
      if (found == rows.end()) found = rows.insert(rows.begin() + insert_at, key);
      insert_at = std::max(insert_at, static_cast<std::size_t>(found - rows.begin()) + 1);
    }
  }
  return rows;
}

std::string row_label(const MigrationKey& key) {
  return one_line(key.second.empty() ? key.first : key.first + " " + key.second);
}

std::optional<Status> worst_status(const std::vector<const Result*>& results) {
  if (results.empty()) return std::nullopt;
  auto rank = [](Status s) {
    switch (s) {
      case Status::error: return 3;
      case Status::fail: return 2;
      case Status::pass: return 1;
      case Status::skip: return 0;
    }
    return 0;
  };
  Status worst = Status::skip;
  for (const Result* result : results)
    if (rank(result->status) > rank(worst)) worst = result->status;
  return worst;
}

Matrix::Matrix(const Report& report) : rows_(migration_rows(report)) {
  for (std::size_t r = 0; r < rows_.size(); ++r) row_index_.emplace(rows_[r], r);
  cells_.assign(rows_.size(), std::vector<std::vector<const Result*>>(report.engines.size()));
  for (std::size_t e = 0; e < report.engines.size(); ++e)
    for (const Result& result : report.engines[e].results)
      cells_[row_of(result)][e].push_back(&result);
}

std::size_t Matrix::row_of(const Result& result) const {
  return row_index_.at(MigrationKey{result.migration, result.name});
}

}  // namespace crucible::reports
