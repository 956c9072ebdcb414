#include "harness/engines/text_rows.h"

#include <charconv>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

}  // namespace

template <>
bool TextField::as<bool>() const {
  std::string_view value = c_str();
  if (value == "t" || value == "1" || equals_ignoring_case(value, "true") ||
      equals_ignoring_case(value, "yes"))
    return true;
  if (is_null() || value == "f" || value == "0" || equals_ignoring_case(value, "false") ||
      equals_ignoring_case(value, "no"))
    return false;
  throw Error(fmt::format("catalog column {}: \"{}\" is not a boolean",
                          rows_->column_name(column_), value));
}

template <>
int64_t TextField::as<int64_t>() const {
  std::string_view value = c_str();
  int64_t number = 0;
  if (value.empty() && is_null()) return 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size())
    throw Error(fmt::format("catalog column {}: \"{}\" is not an integer",
                            rows_->column_name(column_), value));
  return number;
}

template <>
int TextField::as<int>() const {
  return static_cast<int>(as<int64_t>());
}

int64_t TextRow::integer(size_t column) const { return (*this)[column].as<int64_t>(); }

bool TextRow::flag(size_t column) const {
  std::string_view value = rows_->text(row_, column);
  return value == "1" || equals_ignoring_case(value, "yes");
}

TextField TextRow::operator[](std::string_view name) const {
  for (size_t column = 0; column < rows_->width(); ++column)
    if (rows_->column_name(column) == name) return TextField(*rows_, row_, column);
  throw Error(fmt::format("catalog query has no column {}", name));
}

}  // namespace crucible
