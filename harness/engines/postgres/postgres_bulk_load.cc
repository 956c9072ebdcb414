// PostgresDatabase::bulk_load: COPY … FROM STDIN in text format, inside one transaction. Rows are
// escaped into COPY text lines here and handed to libpq in chunks of a few hundred kilobytes
// (libpqxx 6.4's tablewriter::write_raw_line: one PQputCopyData per chunk), so the per-row cost
// is formatting alone — the same path `pgbench -i` and `pg_restore` take.
#include <fmt/format.h>

#include <pqxx/tablewriter>

#include "harness/engines/bulk_rows.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_database.h"

// tablewriter is deprecated in libpqxx 6.4 in favour of stream_to, whose raw-line writer is
// private there; tablewriter is the only public way to send pre-formatted COPY data.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace crucible::postgres {
namespace {

constexpr size_t kChunkBytes = 256 * 1024;
constexpr int64_t kProgressEvery = 50'000;

// Appends one field in COPY's text format: \N for NULL, backslash escapes for the separators.
void append_field(std::string& out, const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    out += "\\N";
  } else if (auto* i = std::get_if<int64_t>(&value)) {
    fmt::format_to(std::back_inserter(out), "{}", *i);
  } else if (auto* d = std::get_if<double>(&value)) {
    fmt::format_to(std::back_inserter(out), "{}", *d);
  } else {
    for (char c : std::get<std::string>(value)) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
  }
}

// "schema.table" (how the catalog names a table outside the default schema) or "table" (in
// public), quoted and qualified: a temporary table of the same name never stands in for it.
std::string quoted_table(pqxx::connection_base& connection, const std::string& table) {
  auto dot = table.find('.');
  if (dot == std::string::npos) return "\"public\"." + connection.quote_name(table);
  return connection.quote_name(table.substr(0, dot)) + "." +
         connection.quote_name(table.substr(dot + 1));
}

// Streams every row into `writer`; returns the number of rows.
int64_t copy_rows(pqxx::tablewriter& writer, const std::string& table, size_t columns,
                  RowSource& rows, const std::function<void(int64_t)>& progress) {
  std::string chunk;
  chunk.reserve(kChunkBytes + 4096);
  int64_t loaded = 0;
  std::vector<SqlValue> row;
  while (next_bulk_row(rows, row, columns, table)) {
    if (!chunk.empty()) chunk += '\n';  // write_raw_line ends each chunk with the last newline
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) chunk += '\t';
      append_field(chunk, row[i]);
    }
    if (chunk.size() >= kChunkBytes) {
      writer.write_raw_line(chunk);
      chunk.clear();
    }
    if (++loaded % kProgressEvery == 0 && progress) progress(loaded);
  }
  if (!chunk.empty()) writer.write_raw_line(chunk);
  return loaded;
}

}  // namespace

int64_t PostgresDatabase::bulk_load(const std::string& table,
                                    const std::vector<std::string>& columns, RowSource& rows,
                                    const std::function<void(int64_t)>& progress) {
  if (ownership_ == Ownership::existing)
    throw Error(fmt::format("{}: refusing to load rows into a database Crucible did not create",
                            describe()));
  int64_t loaded = 0;
  try {
    pqxx::work tx(connection(), "bulk_load");
    std::vector<std::string> quoted;
    for (const std::string& c : columns) quoted.push_back(connection().quote_name(c));
    {
      pqxx::tablewriter writer(tx, quoted_table(connection(), table), quoted.begin(),
                               quoted.end());
      loaded = copy_rows(writer, table, columns.size(), rows, progress);
      writer.complete();
    }
    tx.commit();
  } catch (const pqxx::broken_connection& e) {
    throw Error(fmt::format("{}: lost the connection: {}", describe(), message_of(e)));
  } catch (const pqxx::sql_error& e) {
    throw Error(fmt::format("{}: bulk load into {} rejected: {} (SQLSTATE {})", describe(),
                            table, message_of(e), e.sqlstate()));
  }
  if (progress) progress(loaded);
  return loaded;
}

}  // namespace crucible::postgres
