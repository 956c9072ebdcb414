#include "harness/data/value_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

namespace crucible::data {
namespace {

// Strings that break naive code: quotes, backslashes, LIKE wildcards, whitespace, multi-byte
// UTF-8 (2, 3 and 4 bytes), and words that look like other values.
const std::array<const char*, 14> kEdgeStrings = {
    "",        "O'Brien",  "back\\slash", "50% off_", "ü",        "日本語", "emoji 😀",
    "tab\there", "new\nline", " padded ", "NULL",     "0",         "ça va", "\"quoted\""};

const std::array<const char*, 8> kJson = {
    "{}", "[]", "null", "0", "{\"a\": 1, \"b\": [true, false, null]}", "\"ü 日本\"",
    "{\"nested\": {\"list\": [1.5, -2, \"x\"]}}", "[{\"k\": \"v\"}]"};

constexpr int64_t kEverydayRange = 100000;  // ordinary numbers stay readable in messages

size_t utf8_length(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

}  // namespace

bool fits_length(const std::string& value, const ColumnType& type) {
  if (!type.max_length) return true;
  size_t length = type.length_in_bytes ? value.size() : utf8_length(value);
  return static_cast<int64_t>(length) <= *type.max_length;
}

bool ValueGenerator::chance(int one_in) { return between(1, one_in) == 1; }

size_t ValueGenerator::index(size_t size) {
  return static_cast<size_t>(between(0, static_cast<int64_t>(size) - 1));
}

int64_t ValueGenerator::between(int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(random_);
}

std::optional<SqlValue> ValueGenerator::value(const ColumnType& type,
                                              const std::vector<std::string>& likely) {
  if (!likely.empty() && chance(2)) return likely[index(likely.size())];
  switch (type.kind) {
    case ValueKind::integer: return integer(type);
    case ValueKind::decimal: return decimal(type);
    case ValueKind::floating: return floating(type);
    case ValueKind::text: return text(type);
    case ValueKind::binary: return binary(type);
    case ValueKind::boolean: return int64_t{between(0, 1)};  // every engine reads 0/1 as boolean
    case ValueKind::date: return date();
    case ValueKind::time: return time();
    case ValueKind::timestamp: return date() + " " + time();
    case ValueKind::json: return json();
    case ValueKind::uuid: return uuid();
    case ValueKind::enumeration:
      if (type.enum_values.empty()) return std::nullopt;
      return type.enum_values[index(type.enum_values.size())];
    case ValueKind::unknown: return std::nullopt;
  }
  return std::nullopt;
}

// A CHECK's bounds are edges as they are. The type's own are halved: half of any integer type's
// limit is still past every narrower type's (and past a float's exact digits; one more than
// half an unsigned type's is past the signed type of its width), which is what finds a reverse
// that narrows or converts a column, and it leaves a counter room to count. At the limit itself
// a trigger's `n = n + 1` refuses every later insert into the tables it watches
// (LemmyNet/lemmy's site_aggregates: 1,258 rows refused in one run).
SqlValue ValueGenerator::integer(const ColumnType& type) {
  if (chance(3)) {
    int64_t low = type.min_from_check ? type.min : type.min / 2;
    int64_t high = type.max_from_check ? type.max : type.max / 2 + 1;
    const std::array<int64_t, 6> edges = {0, 1, -1, low, high, high - 1};
    int64_t edge = edges[index(edges.size())];
    if (edge >= type.min && edge <= type.max) return edge;
  }
  return between(std::max(type.min, -kEverydayRange), std::min(type.max, kEverydayRange));
}

std::string ValueGenerator::digits(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + between(0, 9));
  return out;
}

// Written as text so that no digit is lost to a double on the way in.
SqlValue ValueGenerator::decimal(const ColumnType& type) {
  int scale = type.precision == 0 ? 4 : type.scale;
  int whole = type.precision == 0 ? 9 : type.precision - type.scale;
  bool negative = !type.non_negative && chance(3);
  std::string sign = negative ? "-" : "";
  std::string fraction = scale > 0 ? "." + digits(std::min(scale, 6)) : "";
  if (chance(3)) {  // the largest value the type holds, or zero
    if (chance(2)) return std::string("0");
    std::string nines = std::string(std::max(whole, 0), '9');
    if (nines.empty()) nines = "0";
    return sign + nines + (scale > 0 ? "." + std::string(scale, '9') : "");
  }
  int64_t top = 1;  // 10^digits for 1 to 5 digits: small values as often as large ones
  for (int64_t i = between(1, std::max(1, std::min(whole, 5))); i > 0 && whole > 0; --i) top *= 10;
  std::string integral = std::to_string(between(0, top - 1));
  return sign + integral + fraction;
}

// Multiples of 1/8 below 2^20: exact in float4 and float8, so every engine reads back the same.
SqlValue ValueGenerator::floating(const ColumnType& type) {
  double value = chance(4) ? 0.0 : static_cast<double>(between(-(1 << 23), 1 << 23)) / 8;
  return type.non_negative ? std::abs(value) : value;
}

SqlValue ValueGenerator::text(const ColumnType& type) {
  int64_t limit = type.max_length.value_or(200);
  if (chance(3)) {
    if (chance(4)) {  // the longest value the column holds
      std::string longest(static_cast<size_t>(std::min<int64_t>(limit, 2000)), 'x');
      return longest;
    }
    std::string edge = kEdgeStrings[index(kEdgeStrings.size())];
    if (fits_length(edge, type)) return edge;
  }
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
  int64_t length = between(1, std::clamp<int64_t>(limit, 1, 24));
  std::string out;
  for (int64_t i = 0; i < length; ++i) out += kLetters[index(kLetters.size())];
  return out;
}

// Letters only: PostgreSQL reads a bytea parameter's text form, where a backslash escapes.
SqlValue ValueGenerator::binary(const ColumnType& type) {
  int64_t limit = std::clamp<int64_t>(type.max_length.value_or(32), 0, 32);
  if (limit == 0 || chance(5)) return std::string();
  std::string out;
  int64_t length = between(1, limit);
  for (int64_t i = 0; i < length; ++i) out += static_cast<char>('a' + between(0, 25));
  return out;
}

// 1971–2024: inside every engine's range, MariaDB's TIMESTAMP included, in any time zone, and
// in the past, where production rows are: a trigger or CHECK may refuse a future date
// (LemmyNet/lemmy's hot_rank takes a power of the hours since `published`). A fixed end, not
// today's date, so that a seed gives the same rows on any day.
std::string ValueGenerator::date() {
  if (chance(6)) return chance(2) ? "2000-02-29" : "1971-01-01";
  return fmt::format("{:04}-{:02}-{:02}", between(1971, 2024), between(1, 12), between(1, 28));
}

std::string ValueGenerator::time() {
  if (chance(6)) return chance(2) ? "00:00:00" : "23:59:59";
  return fmt::format("{:02}:{:02}:{:02}", between(0, 23), between(0, 59), between(0, 59));
}

std::string ValueGenerator::uuid() {
  uint64_t high = random_(), low = random_();
  std::string hex = fmt::format("{:016x}{:016x}", high, low);
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20));
}

std::string ValueGenerator::json() { return kJson[index(kJson.size())]; }

}  // namespace crucible::data
