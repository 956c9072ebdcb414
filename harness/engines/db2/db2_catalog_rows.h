// Rows of DB2's catalog views (SYSCAT.*) as the catalog reader sees them: every value as text,
// NULL as nullopt, found by the view's own column name. The reader asks a CatalogSource for them,
// so the same reader runs over an ODBC connection to a real DB2 and, in unit tests, over rows
// written down from IBM's documentation of each view.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crucible::db2 {

class CatalogRow {
 public:
  CatalogRow() = default;
  CatalogRow(std::initializer_list<std::pair<const std::string, std::optional<std::string>>> values)
      : values_(values) {}

  void set(const std::string& column, std::optional<std::string> value) {
    values_[column] = std::move(value);
  }
  // A column the row does not have reads as NULL.
  bool is_null(const std::string& column) const;
  // The value as DB2 stored it; "" for NULL.
  std::string text(const std::string& column) const;
  // A CHAR code ('Y', 'P', 'REG '): the value without DB2's blank padding.
  std::string code(const std::string& column) const;
  // A number column (LENGTH, COLSEQ, DECIMAL(31,0) sequence bounds); `fallback` for NULL or text
  // that is not a whole number within int64.
  int64_t number(const std::string& column, int64_t fallback = 0) const;

 private:
  std::map<std::string, std::optional<std::string>> values_;
};

using CatalogRows = std::vector<CatalogRow>;

class CatalogSource {
 public:
  virtual ~CatalogSource() = default;
  // Runs one catalog query, binding `params` to its `?` markers in order; throws crucible::Error.
  virtual CatalogRows query(const std::string& sql, const std::vector<std::string>& params) = 0;
};

}  // namespace crucible::db2
