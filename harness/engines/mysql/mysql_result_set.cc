#include "harness/engines/mysql/mysql_result_set.h"

#include <cppconn/datatype.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>

namespace crucible::mysql {
namespace {

SqlValue column_value(::sql::ResultSet& rs, unsigned column, int type) {
  if (rs.isNull(column)) return nullptr;
  switch (type) {
    case ::sql::DataType::BIT: case ::sql::DataType::TINYINT: case ::sql::DataType::SMALLINT:
    case ::sql::DataType::MEDIUMINT: case ::sql::DataType::INTEGER: case ::sql::DataType::BIGINT:
    case ::sql::DataType::YEAR:
      return static_cast<int64_t>(rs.getInt64(column));
    case ::sql::DataType::REAL: case ::sql::DataType::DOUBLE:
      return static_cast<double>(rs.getDouble(column));
    default:
      return rs.getString(column).asStdString();
  }
}

}  // namespace

void read_result_set(::sql::ResultSet& rs, QueryResult& out) {
  ::sql::ResultSetMetaData* meta = rs.getMetaData();
  const unsigned columns = meta->getColumnCount();
  std::vector<int> types;
  for (unsigned c = 1; c <= columns; ++c) {
    out.columns.push_back(meta->getColumnLabel(c).asStdString());
    types.push_back(meta->getColumnType(c));
  }
  while (rs.next()) {
    auto& row = out.rows.emplace_back();
    for (unsigned c = 1; c <= columns; ++c) row.push_back(column_value(rs, c, types[c - 1]));
  }
}

}  // namespace crucible::mysql
