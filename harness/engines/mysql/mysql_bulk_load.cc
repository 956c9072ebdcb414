// MysqlDatabase::bulk_load: multi-row INSERT statements of about a megabyte each (well under the
// default max_allowed_packet of 16 MB), inside one transaction. Parsing one large INSERT costs
// the server far less per row than a round trip per row; LOAD DATA LOCAL would be faster still
// but needs local_infile on both client and server, which a default install refuses.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/engines/bulk_rows.h"
#include "harness/engines/mysql/mysql_database.h"

namespace crucible::mysql {
namespace {

constexpr size_t kStatementBytes = 1024 * 1024;
constexpr int64_t kProgressEvery = 50'000;

// A string literal: quotes doubled, or hex when it holds a backslash, whose meaning depends on
// NO_BACKSLASH_ESCAPES (mysql_connection.cc's quote_literal, without a string per character).
void append_literal(std::string& out, const std::string& text) {
  if (text.find('\\') != std::string::npos) {
    out += "CONVERT(X'";
    for (unsigned char c : text) fmt::format_to(std::back_inserter(out), "{:02X}", c);
    out += "' USING utf8mb4)";
    return;
  }
  out += '\'';
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
}

void append_value(std::string& out, const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value))
    out += "NULL";
  else if (auto* i = std::get_if<int64_t>(&value))
    fmt::format_to(std::back_inserter(out), "{}", *i);
  else if (auto* d = std::get_if<double>(&value))
    fmt::format_to(std::back_inserter(out), "{}", *d);
  else
    append_literal(out, std::get<std::string>(value));
}

std::string insert_prefix(const std::string& table, const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const std::string& c : columns) quoted.push_back(quote_identifier(c));
  return fmt::format("INSERT INTO {} ({}) VALUES ", quote_identifier(table),
                     fmt::join(quoted, ", "));
}

}  // namespace

int64_t MysqlDatabase::bulk_load(const std::string& table, const std::vector<std::string>& columns,
                                 RowSource& rows, const std::function<void(int64_t)>& progress) {
  control("START TRANSACTION");  // refuses databases Crucible did not create
  int64_t loaded = 0;
  try {
    loaded = insert_batches(table, columns, rows, progress);
  } catch (...) {
    connection_->try_run("ROLLBACK");
    throw;
  }
  control("COMMIT");
  if (progress) progress(loaded);
  return loaded;
}

int64_t MysqlDatabase::insert_batches(const std::string& table,
                                      const std::vector<std::string>& columns, RowSource& rows,
                                      const std::function<void(int64_t)>& progress) {
  const std::string prefix = insert_prefix(table, columns);
  std::string sql;
  sql.reserve(kStatementBytes + 4096);
  int64_t loaded = 0, sent = 0;
  auto flush = [&] {
    if (sql.empty()) return;
    if (auto error = connection_->try_run(sql))
      throw Error(fmt::format("{}: bulk load into {} rejected a row among rows {}..{}: {}",
                              connection_->label(), table, sent + 1, loaded, error->message()));
    sent = loaded;
    sql.clear();
  };
  std::vector<SqlValue> row;
  while (next_bulk_row(rows, row, columns.size(), table)) {
    sql += sql.empty() ? prefix : ",";
    sql += '(';
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) sql += ',';
      append_value(sql, row[i]);
    }
    sql += ')';
    ++loaded;
    if (sql.size() >= kStatementBytes) flush();
    if (loaded % kProgressEvery == 0 && progress) progress(loaded);
  }
  flush();
  return loaded;
}

}  // namespace crucible::mysql
