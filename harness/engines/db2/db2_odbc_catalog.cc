#include "harness/engines/db2/db2_odbc_catalog.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/db2/db2_catalog.h"

namespace crucible::db2 {
namespace {

class OdbcCatalogSource : public CatalogSource {
 public:
  explicit OdbcCatalogSource(odbc::Connection& connection) : connection_(connection) {}

  CatalogRows query(const std::string& sql, const std::vector<std::string>& params) override {
    std::vector<SqlValue> bound(params.begin(), params.end());
    QueryResult result = connection_.run(Statement{sql, {}}, bound, TimeLimits{});
    if (!result.ok())
      throw Error(fmt::format("{}: reading the DB2 catalog: {}: {}", connection_.label(), sql,
                              result.error->message));
    CatalogRows rows;
    for (const auto& values : result.rows) {
      CatalogRow& row = rows.emplace_back();
      for (size_t i = 0; i < values.size() && i < result.columns.size(); ++i)
        row.set(result.columns[i], text_of(values[i]));
    }
    return rows;
  }

 private:
  static std::optional<std::string> text_of(const SqlValue& value) {
    if (auto* text = std::get_if<std::string>(&value)) return *text;
    if (auto* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
    if (auto* real = std::get_if<double>(&value)) return fmt::format("{}", *real);
    return std::nullopt;
  }

  odbc::Connection& connection_;
};

}  // namespace

catalog::Catalog read_catalog_over_odbc(odbc::Connection& connection, const std::string& schema) {
  OdbcCatalogSource source(connection);
  return read_catalog(source, schema);
}

}  // namespace crucible::db2
