#include "harness/bench/dense_rows.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "harness/data/check_domain.h"
#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible::bench {
namespace {

using data::ValueKind;

constexpr int64_t kDaysCycle = 36'500;                 // about a century of dates
constexpr int64_t kSecondsCycle = 30LL * 365 * 86'400;  // timestamps stay within 2000–2030

SqlValue integer_value(const data::ColumnType& type, int64_t index) {
  // Count 1, 2, 3 … from 1 when the type allows it, wrapping around its whole range.
  __int128 span = static_cast<__int128>(type.max) - type.min + 1;
  __int128 offset = std::max<__int128>(0, 1 - static_cast<__int128>(type.min)) + index;
  if (span <= 0) return static_cast<int64_t>(type.min);
  return static_cast<int64_t>(type.min + offset % span);
}

std::string cut_to_length(std::string text, const std::optional<int64_t>& max_length) {
  if (max_length && *max_length > 0 && static_cast<int64_t>(text.size()) > *max_length)
    text.erase(0, text.size() - static_cast<size_t>(*max_length));  // keep the varying end
  return text;
}

std::string decimal_value(const data::ColumnType& type, int64_t index) {
  if (type.precision == 0) return std::to_string(index + 1);
  int digits = std::min(type.precision - type.scale, 18);
  if (digits <= 0) return "0";
  int64_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return std::to_string((index + 1) % modulus);
}

std::string date_text(int64_t days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{year{2000} / January / 1} + std::chrono::days{days}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string time_text(int64_t seconds) {
  return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

bool is_serial_default(const std::optional<std::string>& default_value) {
  return default_value && sql::ascii_lower(*default_value).rfind("nextval(", 0) == 0;
}

// Columns the engine fills itself: computed, identity, AUTO_INCREMENT, serial.
bool engine_fills(const catalog::Column& column) {
  return !column.generated.empty() || !column.identity.empty() ||
         is_serial_default(column.default_value);
}

const catalog::Column* find_column(const catalog::Table& table, const std::string& name) {
  for (const catalog::Column& c : table.columns)
    if (c.name == name) return &c;
  return nullptr;
}

std::optional<int64_t> non_negative(int64_t index) {
  return index >= 0 ? std::optional<int64_t>(index) : std::nullopt;
}

// "42", "-3", "42.000" -> the integer; anything else (fractions, words) -> nullopt.
std::optional<int64_t> whole_number(std::string_view text) {
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    if (text.find_first_not_of('0', dot + 1) != std::string_view::npos) return std::nullopt;
    text = text.substr(0, dot);
  }
  int64_t n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return n;
}

std::optional<int64_t> float_index(const std::string& text) {  // index + 1.5
  double d = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  double index = d - 1.5;
  if (index < 0 || index > 9e15 || index != std::floor(index)) return std::nullopt;
  return static_cast<int64_t>(index);
}

// "2024-05-01…" -> days since 2000-01-01, the index date_text wrote it for.
std::optional<int64_t> days_since_2000(const std::string& text) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() < 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
    return std::nullopt;
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return non_negative((sys_days{ymd} - sys_days{year{2000} / January / 1}).count());
}

std::optional<int64_t> seconds_of_day(const std::string& text) {  // "HH:MM:SS…"
  unsigned h = 0, m = 0, s = 0;
  if (std::sscanf(text.c_str(), "%2u:%2u:%2u", &h, &m, &s) != 3) return std::nullopt;
  return h * 3600 + m * 60 + s;
}

std::optional<int64_t> uuid_index(const std::string& text) {
  constexpr std::string_view kPrefix = "00000000-0000-4000-8000-";
  if (text.size() != kPrefix.size() + 12 || text.compare(0, kPrefix.size(), kPrefix) != 0)
    return std::nullopt;
  int64_t n = 0;
  const char* digits = text.data() + kPrefix.size();
  auto [end, error] = std::from_chars(digits, digits + 12, n, 16);
  if (error != std::errc() || end != digits + 12) return std::nullopt;
  return non_negative(n - 1);
}

}  // namespace

SqlValue dense_value(const data::ColumnType& type, int64_t index) {
  switch (type.kind) {
    case ValueKind::integer: return integer_value(type, index);
    case ValueKind::decimal: return decimal_value(type, index);
    case ValueKind::floating: return static_cast<double>(index + 1) + 0.5;
    case ValueKind::text:
    case ValueKind::binary: return cut_to_length(std::to_string(index + 1), type.max_length);
    case ValueKind::boolean: return static_cast<int64_t>(index % 2);
    case ValueKind::date: return date_text(index % kDaysCycle);
    case ValueKind::time: return time_text(index % 86'400);
    case ValueKind::timestamp: {
      int64_t seconds = index % kSecondsCycle;
      return date_text(seconds / 86'400) + " " + time_text(seconds % 86'400);
    }
    case ValueKind::json: return fmt::format("{{\"n\": {}}}", index + 1);
    case ValueKind::uuid: return fmt::format("00000000-0000-4000-8000-{:012x}", index + 1);
    case ValueKind::enumeration:
      if (type.enum_values.empty()) return nullptr;
      return type.enum_values[static_cast<size_t>(index) % type.enum_values.size()];
    case ValueKind::unknown: return nullptr;
  }
  return nullptr;
}

std::optional<int64_t> dense_index(const data::ColumnType& type, const SqlValue& value) {
  if (const int64_t* n = std::get_if<int64_t>(&value)) {
    if (type.kind == ValueKind::integer) return non_negative(*n - std::max<int64_t>(type.min, 1));
    return dense_index(type, SqlValue(std::to_string(*n)));
  }
  if (const double* d = std::get_if<double>(&value))
    return dense_index(type, SqlValue(fmt::format("{}", *d)));
  const std::string* text = std::get_if<std::string>(&value);
  if (!text) return std::nullopt;  // NULL collides with nothing
  switch (type.kind) {
    case ValueKind::integer:
      if (auto n = whole_number(*text)) return non_negative(*n - std::max<int64_t>(type.min, 1));
      return std::nullopt;
    case ValueKind::decimal:
    case ValueKind::text:
      if (auto n = whole_number(*text)) return non_negative(*n - 1);
      return std::nullopt;
    case ValueKind::floating: return float_index(*text);
    case ValueKind::date: return days_since_2000(*text);
    case ValueKind::time: return seconds_of_day(*text);
    case ValueKind::timestamp: {
      auto days = days_since_2000(*text);
      auto seconds = text->size() > 11 ? seconds_of_day(text->substr(11)) : std::optional<int64_t>(0);
      if (!days || !seconds) return std::nullopt;
      return *days * 86'400 + *seconds;
    }
    case ValueKind::uuid: return uuid_index(*text);
    default: return std::nullopt;  // booleans and enums wrap anyway; json and binary are no keys
  }
}

data::ColumnType dense_type(const catalog::Table& table, const catalog::Column& column,
                            EngineKind engine) {
  return data::narrow_to_checks(data::classify_type(column.type, engine), column.name,
                                table.checks, engine);
}

DenseRows::DenseRows(const catalog::Table& table, const catalog::Catalog& catalog,
                     EngineKind engine, DenseRange rows,
                     const std::map<std::string, DenseRange>& parents)
    : rows_(rows) {
  for (const catalog::Column& column : table.columns)
    if (!engine_fills(column)) plan_column(table, column, catalog, engine, parents);
}

void DenseRows::plan_column(const catalog::Table& table, const catalog::Column& column,
                            const catalog::Catalog& catalog, EngineKind engine,
                            const std::map<std::string, DenseRange>& parents) {
  Source source;
  source.type = dense_type(table, column, engine);
  std::string problem;
  for (const catalog::ForeignKey& fk : table.foreign_keys) {
    auto at = std::find(fk.columns.begin(), fk.columns.end(), column.name);
    if (at == fk.columns.end() || fk.ref_columns.size() != fk.columns.size()) continue;
    const catalog::Table* parent = catalog.find_table(fk.ref_table);
    const catalog::Column* referenced =
        parent ? find_column(*parent, fk.ref_columns[at - fk.columns.begin()]) : nullptr;
    if (!referenced) continue;
    source.type = dense_type(*parent, *referenced, engine);  // what the parent's rows hold
    if (fk.ref_table == table.name) {
      source.parent = {};  // a self-reference: each row points at itself
    } else if (auto it = parents.find(fk.ref_table); it != parents.end() && it->second.count > 0) {
      source.parent = it->second;
    } else {
      problem = fmt::format("its foreign key {} references {}, which has no rows", fk.name,
                            fk.ref_table);
    }
    break;
  }
  if (problem.empty() && source.type.kind == ValueKind::unknown)
    problem = fmt::format("no generator for its type {}", column.type);
  if (!problem.empty()) {
    if (!column.nullable)
      throw Error(fmt::format("cannot fill table {}: column {} is NOT NULL and {}", table.name,
                              column.name, problem));
    source.null = true;
  }
  names_.push_back(column.name);
  sources_.push_back(std::move(source));
}

bool DenseRows::next(std::vector<SqlValue>& row) {
  if (next_ >= rows_.count) return false;
  row.resize(sources_.size());
  for (size_t i = 0; i < sources_.size(); ++i) {
    const Source& s = sources_[i];
    int64_t index = s.parent.count > 0 ? s.parent.first + next_ % s.parent.count
                                       : rows_.first + next_;
    row[i] = s.null ? SqlValue(nullptr) : dense_value(s.type, index);
  }
  ++next_;
  return true;
}

}  // namespace crucible::bench
