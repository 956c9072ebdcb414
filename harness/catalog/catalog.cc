#include "harness/catalog/catalog.h"

#include <algorithm>
#include <tuple>

namespace crucible::catalog {
namespace {

template <typename T>
void sort_by_name(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

// Constraints with engine-generated names sort by what they constrain, so that renumbered
// names (MariaDB's CONSTRAINT_1 …) do not reorder otherwise equal lists.
template <typename T, typename Content>
void sort_constraints(std::vector<T>& items, Content content) {
  auto key = [&](const T& item) {
    // The name last: two generated-name constraints on the same content still sort one way,
    // so that canonicalize() is idempotent (tests/properties/catalog_json_property_test.cc).
    return std::make_tuple(item.generated_name, item.generated_name ? std::string() : item.name,
                           content(item), item.name);
  };
  std::sort(items.begin(), items.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += part + ",";
  return out;
}

}  // namespace

void Catalog::canonicalize() {
  sort_by_name(tables);
  for (Table& table : tables) {
    sort_constraints(table.uniques, [](const Key& k) { return joined(k.columns); });
    sort_constraints(table.foreign_keys, [](const ForeignKey& fk) {
      return joined(fk.columns) + ">" + fk.ref_table + "(" + joined(fk.ref_columns) + ")";
    });
    sort_constraints(table.checks, [](const Check& c) { return c.expression; });
  }
  std::sort(indexes.begin(), indexes.end(), [](const Index& a, const Index& b) {
    return std::tie(a.table, a.generated_name, a.name, a.keys) <
           std::tie(b.table, b.generated_name, b.name, b.keys);
  });
  sort_by_name(schemas);
  sort_by_name(views);
  sort_by_name(sequences);
  // Trigger names are per table (two tables may each have a trigger "touch").
  std::sort(triggers.begin(), triggers.end(), [](const Trigger& a, const Trigger& b) {
    return std::tie(a.name, a.table) < std::tie(b.name, b.table);
  });
  sort_by_name(routines);
  sort_by_name(types);
  sort_by_name(extensions);
}

const Table* Catalog::find_table(const std::string& name) const {
  for (const Table& table : tables)
    if (table.name == name) return &table;
  return nullptr;
}

}  // namespace crucible::catalog
