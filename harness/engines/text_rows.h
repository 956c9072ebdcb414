// What a catalog reader needs from a transport: run a query, read its rows as text, NULL told
// apart. The native readers (postgres_catalog*.cc, mysql_snapshot*.cc) read through this, so one
// reader with one copy of its SQL serves the native connection and the ODBC engine alike, and
// both give the same snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crucible {

// One query's result. Implementations wrap the transport's own result (no copy) or hold rows
// fetched into memory (StoredTextRows).
class TextRows {
 public:
  virtual ~TextRows() = default;
  virtual size_t size() const = 0;
  virtual size_t width() const = 0;
  // The result column's name as the server reports it; "" when the transport has none.
  virtual std::string_view column_name(size_t column) const = 0;
  virtual bool is_null(size_t row, size_t column) const = 0;
  // NUL-terminated text, "" for NULL, valid as long as the rows.
  virtual const char* text(size_t row, size_t column) const = 0;
};

// Rows fetched into memory, for transports that hand values over one at a time (ODBC).
class StoredTextRows final : public TextRows {
 public:
  explicit StoredTextRows(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::optional<std::string>> values) {
    values_.push_back(std::move(values));
  }

  size_t size() const override { return values_.size(); }
  size_t width() const override { return columns_.size(); }
  std::string_view column_name(size_t column) const override { return columns_.at(column); }
  bool is_null(size_t row, size_t column) const override {
    return !values_.at(row).at(column).has_value();
  }
  const char* text(size_t row, size_t column) const override {
    const auto& value = values_.at(row).at(column);
    return value ? value->c_str() : "";
  }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::optional<std::string>>> values_;
};

class TextRow;

// One value of a row: pqxx's field, for any transport.
class TextField {
 public:
  TextField(const TextRows& rows, size_t row, size_t column)
      : rows_(&rows), row_(row), column_(column) {}
  bool is_null() const { return rows_->is_null(row_, column_); }
  const char* c_str() const { return rows_->text(row_, column_); }
  // bool: PostgreSQL's t/f, ODBC's 1/0, MySQL's YES/NO (false when NULL); integers: 0 when NULL.
  // Anything else throws crucible::Error naming the column.
  template <typename T>
  T as() const;

 private:
  const TextRows* rows_;
  size_t row_, column_;
};

// One row, its values by index (MySQL readers) or by result column name (PostgreSQL readers).
class TextRow {
 public:
  TextRow(const TextRows& rows, size_t row) : rows_(&rows), row_(row) {}

  bool is_null(size_t column) const { return rows_->is_null(row_, column); }
  std::string text(size_t column) const { return rows_->text(row_, column); }  // "" for NULL
  int64_t integer(size_t column) const;  // 0 for NULL
  bool flag(size_t column) const;        // "1" or "YES" (any case): MySQL's information_schema

  TextField operator[](size_t column) const { return TextField(*rows_, row_, column); }
  // Throws crucible::Error when the result has no column `name`.
  TextField operator[](std::string_view name) const;

 private:
  const TextRows* rows_;
  size_t row_;
};

template <>
bool TextField::as<bool>() const;
template <>
int64_t TextField::as<int64_t>() const;
template <>
int TextField::as<int>() const;

// A query's rows, owned; iterable and indexable like pqxx::result.
class Rows {
 public:
  Rows() = default;
  explicit Rows(std::shared_ptr<const TextRows> rows) : rows_(std::move(rows)) {}

  size_t size() const { return rows_ ? rows_->size() : 0; }
  bool empty() const { return size() == 0; }
  size_t width() const { return rows_ ? rows_->width() : 0; }
  std::string_view column_name(size_t column) const { return rows_->column_name(column); }
  TextRow operator[](size_t row) const { return TextRow(*rows_, row); }
  TextRow front() const { return (*this)[0]; }

  class iterator {
   public:
    iterator(const TextRows* rows, size_t at) : rows_(rows), at_(at) {}
    TextRow operator*() const { return TextRow(*rows_, at_); }
    iterator& operator++() { ++at_; return *this; }
    bool operator!=(const iterator& other) const { return at_ != other.at_; }

   private:
    const TextRows* rows_;
    size_t at_;
  };
  iterator begin() const { return iterator(rows_.get(), 0); }
  iterator end() const { return iterator(rows_.get(), size()); }

 private:
  std::shared_ptr<const TextRows> rows_;
};

// A session that runs the readers' queries.
class TextQueries {
 public:
  virtual ~TextQueries() = default;
  // Runs `sql` (a statement without a result set gives no rows). Throws crucible::Error with
  // the transport's diagnostics and `purpose` ("reading the columns of database x").
  virtual Rows query(const std::string& sql, const std::string& purpose) = 0;
};

}  // namespace crucible
