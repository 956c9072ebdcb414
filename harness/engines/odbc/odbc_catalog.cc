#include "harness/engines/odbc/odbc_catalog.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::odbc {

const char* const kGenericCatalogBlindSpots =
    "snapshots through the generic ODBC catalog functions: CHECK constraints, triggers, "
    "routines, sequences, user types, view definitions, generated columns, comments, index "
    "methods, predicates and expression keys are not compared";

namespace {

// The rows a catalog function left on `stmt`, every column as text ("" for NULL).
using Rows = std::vector<std::vector<std::string>>;

Rows rows_of(Connection& connection, SQLHSTMT stmt, SQLRETURN rc, const char* function) {
  if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
    throw Error(fmt::format("{}: {}: {}", connection.label(), function,
                            diagnostics_of(SQL_HANDLE_STMT, stmt).message));
  QueryResult result;
  Diagnostics why;
  if (!fetch_all(stmt, result, why))
    throw Error(fmt::format("{}: {}: {}", connection.label(), function, why.message));
  Rows out;
  for (const auto& row : result.rows) {
    auto& text = out.emplace_back();
    for (const SqlValue& value : row) {
      if (auto* s = std::get_if<std::string>(&value)) text.push_back(*s);
      else if (auto* i = std::get_if<int64_t>(&value)) text.push_back(std::to_string(*i));
      else if (auto* d = std::get_if<double>(&value)) text.push_back(fmt::format("{}", *d));
      else text.push_back("");
    }
  }
  return out;
}

class CatalogCall {
 public:
  explicit CatalogCall(Connection& connection) : connection_(connection) {
    SQLAllocHandle(SQL_HANDLE_STMT, connection.handle(), &stmt_);
  }
  ~CatalogCall() { SQLFreeHandle(SQL_HANDLE_STMT, stmt_); }
  SQLHSTMT get() { return stmt_; }
  Connection& connection() { return connection_; }

 private:
  Connection& connection_;
  SQLHSTMT stmt_ = SQL_NULL_HSTMT;
};

SQLCHAR* text(const std::string& s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s.c_str())); }

// Catalog-function arguments: NULL for an empty catalog name (drivers without catalogs).
struct Where {
  std::string catalog, schema, table;
};

#define ODBC_ARGS(w)                                                                        \
  w.catalog.empty() ? nullptr : text(w.catalog), w.catalog.empty() ? 0 : SQL_NTS,           \
      w.schema.empty() ? nullptr : text(w.schema), w.schema.empty() ? 0 : SQL_NTS,          \
      text(w.table), SQL_NTS

std::string rule(const std::string& code) {
  if (code == std::to_string(SQL_CASCADE)) return "CASCADE";
  if (code == std::to_string(SQL_SET_NULL)) return "SET NULL";
  if (code == std::to_string(SQL_SET_DEFAULT)) return "SET DEFAULT";
  if (code == std::to_string(SQL_RESTRICT)) return "RESTRICT";
  return "NO ACTION";
}

class Reader {
 public:
  Reader(Connection& connection, std::string default_schema, std::vector<std::string> system,
         std::string only_catalog)
      : connection_(connection), default_schema_(std::move(default_schema)),
        system_(std::move(system)), only_catalog_(std::move(only_catalog)) {}

  catalog::Catalog read(const std::string& engine) {
    catalog::Catalog out;
    out.engine = engine;
    for (const Where& view : objects("VIEW")) out.views.push_back({name_of(view), "", false});
    for (const Where& where : objects("TABLE")) {
      catalog::Table& table = out.tables.emplace_back();
      table.name = name_of(where);
      read_columns(where, table);
      read_primary_key(where, table);
      read_foreign_keys(where, table);
      read_indexes(where, table, out.indexes);
    }
    out.canonicalize();
    return out;
  }

 private:
  std::vector<Where> objects(const char* type) {
    CatalogCall stmt(connection_);
    std::string pattern = "%", types = type;
    SQLRETURN rc = SQLTables(stmt.get(), nullptr, 0, nullptr, 0, text(pattern), SQL_NTS,
                             text(types), SQL_NTS);
    std::vector<Where> out;
    for (const auto& row : rows_of(connection_, stmt.get(), rc, "SQLTables")) {
      // TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE
      if (std::find(system_.begin(), system_.end(), row[1]) != system_.end()) continue;
      if (row[1].rfind("pg_", 0) == 0) continue;
      if (!only_catalog_.empty() && row[0] != only_catalog_) continue;
      out.push_back({row[0], row[1], row[2]});
    }
    return out;
  }

  std::string name_of(const Where& where) const {
    if (where.schema.empty() || where.schema == default_schema_) return where.table;
    return where.schema + "." + where.table;
  }

  void read_columns(const Where& where, catalog::Table& table) {
    CatalogCall stmt(connection_);
    std::string all = "%";
    SQLRETURN rc = SQLColumns(stmt.get(), ODBC_ARGS(where), text(all), SQL_NTS);
    // 4 COLUMN_NAME, 6 TYPE_NAME, 7 COLUMN_SIZE, 9 DECIMAL_DIGITS, 11 NULLABLE, 13 COLUMN_DEF,
    // 17 ORDINAL_POSITION (1-based in the standard; 0-based here)
    auto rows = rows_of(connection_, stmt.get(), rc, "SQLColumns");
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return std::stoll(a.at(16)) < std::stoll(b.at(16));
    });
    for (const auto& row : rows) {
      catalog::Column& column = table.columns.emplace_back();
      column.name = row[3];
      column.type = row[5];
      if (!row[6].empty()) column.type += "(" + row[6] + (row[8].empty() || row[8] == "0" ? "" : "," + row[8]) + ")";
      column.nullable = row[10] != std::to_string(SQL_NO_NULLS);
      if (!row[12].empty() && row[12] != "NULL") column.default_value = row[12];
    }
  }

  void read_primary_key(const Where& where, catalog::Table& table) {
    CatalogCall stmt(connection_);
    SQLRETURN rc = SQLPrimaryKeys(stmt.get(), ODBC_ARGS(where));
    // 3 COLUMN_NAME, 4 KEY_SEQ, 5 PK_NAME
    auto rows = rows_of(connection_, stmt.get(), rc, "SQLPrimaryKeys");
    if (rows.empty()) return;
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return std::stoll(a[4]) < std::stoll(b[4]); });
    catalog::Key key;
    key.name = rows[0].size() > 5 ? rows[0][5] : "";
    for (const auto& row : rows) key.columns.push_back(row[3]);
    table.primary_key = key;
  }

  void read_foreign_keys(const Where& where, catalog::Table& table) {
    CatalogCall stmt(connection_);
    // Foreign keys of `where`: the "FK" arguments, the primary-key side left open.
    SQLRETURN rc = SQLForeignKeys(stmt.get(), nullptr, 0, nullptr, 0, nullptr, 0, ODBC_ARGS(where));
    // 1 PKTABLE_SCHEM 2 PKTABLE_NAME 3 PKCOLUMN_NAME 7 FKCOLUMN_NAME 8 KEY_SEQ 9 UPDATE_RULE
    // 10 DELETE_RULE 11 FK_NAME
    auto rows = rows_of(connection_, stmt.get(), rc, "SQLForeignKeys");
    std::map<std::string, std::vector<std::vector<std::string>>> by_name;
    for (auto& row : rows) by_name[row[11]].push_back(row);
    for (auto& [name, parts] : by_name) {
      std::sort(parts.begin(), parts.end(),
                [](const auto& a, const auto& b) { return std::stoll(a[8]) < std::stoll(b[8]); });
      catalog::ForeignKey& fk = table.foreign_keys.emplace_back();
      fk.name = name;
      fk.ref_table = name_of({parts[0][0], parts[0][1], parts[0][2]});
      fk.on_update = rule(parts[0][9]);
      fk.on_delete = rule(parts[0][10]);
      for (const auto& part : parts) {
        fk.columns.push_back(part[7]);
        fk.ref_columns.push_back(part[3]);
      }
    }
  }

  void read_indexes(const Where& where, const catalog::Table& table,
                    std::vector<catalog::Index>& indexes) {
    CatalogCall stmt(connection_);
    SQLRETURN rc = SQLStatistics(stmt.get(), ODBC_ARGS(where), SQL_INDEX_ALL, SQL_QUICK);
    // 3 NON_UNIQUE 5 INDEX_NAME 6 TYPE 7 ORDINAL_POSITION 8 COLUMN_NAME 9 ASC_OR_DESC
    std::map<std::string, std::vector<std::vector<std::string>>> by_name;
    for (auto& row : rows_of(connection_, stmt.get(), rc, "SQLStatistics"))
      if (row[6] != std::to_string(SQL_TABLE_STAT) && !row[5].empty()) by_name[row[5]].push_back(row);
    for (auto& [name, parts] : by_name) {
      std::sort(parts.begin(), parts.end(),
                [](const auto& a, const auto& b) { return std::stoll(a[7]) < std::stoll(b[7]); });
      catalog::Index& index = indexes.emplace_back();
      index.name = name;
      index.table = table.name;
      index.unique = parts[0][3] == "0" || parts[0][3] == std::to_string(SQL_FALSE);
      for (const auto& part : parts)
        index.keys.push_back(part[8] + (part[9] == "D" ? " DESC" : ""));
    }
  }

  Connection& connection_;
  std::string default_schema_;
  std::vector<std::string> system_;
  std::string only_catalog_;
};

}  // namespace

catalog::Catalog read_generic_catalog(Connection& connection, const std::string& engine,
                                      const std::string& default_schema,
                                      const std::vector<std::string>& system_schemas,
                                      const std::string& only_catalog) {
  return Reader(connection, default_schema, system_schemas, only_catalog).read(engine);
}

}  // namespace crucible::odbc
