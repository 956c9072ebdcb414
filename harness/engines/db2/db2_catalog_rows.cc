#include "harness/engines/db2/db2_catalog_rows.h"

#include <charconv>

namespace crucible::db2 {

bool CatalogRow::is_null(const std::string& column) const {
  auto found = values_.find(column);
  return found == values_.end() || !found->second;
}

std::string CatalogRow::text(const std::string& column) const {
  return is_null(column) ? std::string() : *values_.at(column);
}

std::string CatalogRow::code(const std::string& column) const {
  std::string value = text(column);
  while (!value.empty() && value.back() == ' ') value.pop_back();
  return value;
}

int64_t CatalogRow::number(const std::string& column, int64_t fallback) const {
  std::string value = code(column);
  // DECIMAL columns may come back as "5." or "5.0" from a driver.
  if (auto dot = value.find('.'); dot != std::string::npos &&
                                  value.find_first_not_of('0', dot + 1) == std::string::npos)
    value.resize(dot);
  int64_t out = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (value.empty() || error != std::errc() || end != value.data() + value.size()) return fallback;
  return out;
}

}  // namespace crucible::db2
