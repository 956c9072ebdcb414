#include "harness/engines/postgres/postgres_catalog_packed.h"

#include <cstring>
#include <memory>

#include <fmt/format.h>

namespace crucible::postgres::sql {
namespace {

constexpr char kRecordSeparator = '\x1e';
constexpr char kUnitSeparator = '\x1f';

// Values go through their types' output functions (concat_ws, concat), as libpq's text does,
// so a packed snapshot reads the same text as the native one. A NULL is skipped by concat_ws:
// columns seen NULL are therefore never NULL here ("" or "+value"), and for the others the
// server counts the rows where one is NULL all the same (cheap: null tests, no function calls).
// OFFSET 0 keeps the planner from pulling the query up into the aggregate, where each column's
// expression (format_type, pg_get_constraintdef, …) would run once per mention: twice.
std::string packed_query(const PackedQuery& query) {
  std::string aliases, values, unexpected_null;
  for (size_t c = 0; c < query.columns.size(); ++c) {
    std::string alias = fmt::format("c{}", c + 1);
    aliases += (c > 0 ? ", " : "") + alias;
    if (query.nullable[c]) {
      values += fmt::format(", CASE WHEN {0} IS NULL THEN '' ELSE concat('+', {0}) END", alias);
    } else {
      values += ", " + alias;
      unexpected_null += (unexpected_null.empty() ? "" : " OR ") + alias + " IS NULL";
    }
  }
  std::string unexpected =
      unexpected_null.empty() ? "0" : "count(*) FILTER (WHERE " + unexpected_null + ")";
  return fmt::format(
      "(SELECT count(*), {0}, string_agg(concat_ws(E'\\x1f'{1}), E'\\x1e') "
      "FROM (SELECT * FROM ({2}) query OFFSET 0) q({3}))",
      unexpected, values, query.sql, aliases);
}

// A packed query's text split in place into rows: the separators become the values' NULs.
class PackedTextRows final : public TextRows {
 public:
  PackedTextRows(const PackedQuery& query, std::string text)
      : columns_(query.columns), nullable_(query.nullable), text_(std::move(text)) {}

  // False when the text is not `expected` rows of this width: a value held a separator.
  bool split(size_t expected) {
    char* at = text_.data();
    char* const end = at + text_.size();
    for (;;) {
      char* record_end = find(at, end, kRecordSeparator);
      if (!split_record(at, record_end)) return false;
      ++rows_;
      if (record_end == end) break;
      at = record_end + 1;
    }
    return rows_ == expected;
  }

  size_t size() const override { return rows_; }
  size_t width() const override { return columns_.size(); }
  std::string_view column_name(size_t column) const override { return columns_[column]; }
  bool is_null(size_t row, size_t column) const override { return nulls_[row * width() + column]; }
  const char* text(size_t row, size_t column) const override {
    return values_[row * width() + column];
  }

 private:
  static char* find(char* from, char* to, char separator) {
    void* found = std::memchr(from, separator, static_cast<size_t>(to - from));
    return found ? static_cast<char*>(found) : to;
  }

  bool split_record(char* at, char* record_end) {
    for (size_t c = 0; c < width(); ++c) {
      if (at > record_end) return false;  // fewer values than columns
      char* value_end = find(at, record_end, kUnitSeparator);
      if (!add_value(c, at, value_end)) return false;
      *value_end = '\0';  // a separator, or the text's own terminator
      at = value_end + 1;
    }
    return at == record_end + 1;  // more values than columns: a value held a separator
  }

  bool add_value(size_t column, char* value, char* value_end) {
    bool null = false;
    if (nullable_[column]) {
      null = value == value_end;
      if (!null && *value++ != '+') return false;
    }
    values_.push_back(null ? "" : value);
    nulls_.push_back(null);
    return true;
  }

  std::vector<std::string> columns_;
  std::vector<bool> nullable_;
  std::string text_;
  std::vector<const char*> values_;
  std::vector<bool> nulls_;
  size_t rows_ = 0;
};

std::optional<int64_t> integer_of(const TextRow& row, size_t column) {
  try {
    return row.integer(column);
  } catch (const std::exception&) {  // not a count: not the statement packed_sql() makes
    return std::nullopt;
  }
}

}  // namespace

void PackedCatalogMemory::learn(const std::string& name, const std::string& sql,
                                const Rows& rows) {
  PackedQuery* known = nullptr;
  for (PackedQuery& query : queries)
    if (query.name == name) known = &query;
  if (!known) {
    if (complete || rows.width() == 0) return;
    PackedQuery query{name, sql, {}, std::vector<bool>(rows.width(), false)};
    for (size_t c = 0; c < rows.width(); ++c) query.columns.emplace_back(rows.column_name(c));
    queries.push_back(std::move(query));
    known = &queries.back();
  }
  if (known->columns.size() != rows.width()) return;
  bool learnt = false;
  for (const TextRow& row : rows)
    for (size_t c = 0; c < rows.width(); ++c)
      if (!known->nullable[c] && row.is_null(c)) {
        known->nullable[c] = true;
        learnt = true;
      }
  if (learnt && complete) ++generation;
}

std::string PackedCatalogMemory::statement() const {
  return fmt::format("crucible_packed_{}", generation);
}

std::string packed_sql(const std::vector<PackedQuery>& queries) {
  std::string from;
  for (size_t i = 0; i < queries.size(); ++i)
    from += fmt::format("{}{} p{}", i > 0 ? " CROSS JOIN " : "", packed_query(queries[i]), i);
  return "SELECT * FROM " + from;
}

std::optional<Rows> unpack(const Rows& packed, size_t index,
                           const std::vector<PackedQuery>& queries) {
  if (packed.size() != 1 || packed.width() != 3 * queries.size() || index >= queries.size())
    return std::nullopt;
  TextRow row = packed.front();
  const PackedQuery& query = queries[index];
  const size_t at = 3 * index;  // row count, unexpected NULLs, text
  std::optional<int64_t> count = integer_of(row, at);
  std::optional<int64_t> unexpected_nulls = integer_of(row, at + 1);
  if (!count || !unexpected_nulls || *count < 0 || *unexpected_nulls != 0) return std::nullopt;
  if (row.is_null(at + 2)) {
    if (*count != 0) return std::nullopt;
    return Rows(std::make_shared<StoredTextRows>(query.columns));
  }
  auto rows = std::make_shared<PackedTextRows>(query, row.text(at + 2));
  if (!rows->split(static_cast<size_t>(*count))) return std::nullopt;
  return Rows(std::move(rows));
}

}  // namespace crucible::postgres::sql
