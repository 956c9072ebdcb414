#include "runner/allow_list.h"

#include <ctime>
#include <regex>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "harness/common/error.h"

namespace crucible {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

class EntryReader {
 public:
  EntryReader(const toml::table& table, const std::string& file) : table_(table), file_(file) {}

  [[noreturn]] void fail(int line, const std::string& what) const {
    throw Error(fmt::format("{}:{}: {}", file_, line, what));
  }

  void allow_only(std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, value] : table_)
      if (std::find(keys.begin(), keys.end(), key.str()) == keys.end())
        fail(line_of(value), fmt::format("unknown key \"{}\" (expected migration, engine, check, "
                                         "reason, expires)", key.str()));
  }

  std::optional<std::string> string(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_string()) fail(line_of(*node), fmt::format("\"{}\" must be a string", key));
    std::string value = *node->value<std::string>();
    if (value.empty()) fail(line_of(*node), fmt::format("\"{}\" is empty", key));
    return value;
  }

  std::string required(std::string_view key, int line) const {
    auto value = string(key);
    if (!value) fail(line, fmt::format("allow entry without \"{}\"", key));
    return *value;
  }

  // A TOML date (2026-06-30) or a string "2026-06-30".
  std::optional<std::string> date(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    if (const auto* d = node->as_date()) {
      const toml::date& v = d->get();
      return fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
    }
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    if (node->is_string() && std::regex_match(*node->value<std::string>(), kDate))
      return *node->value<std::string>();
    fail(line_of(*node), fmt::format("\"{}\" must be a date, YYYY-MM-DD", key));
  }

 private:
  const toml::table& table_;
  const std::string& file_;
};

}  // namespace

bool AllowEntry::matches(const Result& result) const {
  return migration == result.migration && (engine == "*" || engine == result.engine) &&
         (check == "*" || check == result.check);
}

AllowList read_allow_list(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw Error(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  AllowList list{path, {}};
  for (const auto& [key, value] : root)
    if (key.str() != "allow")
      throw Error(fmt::format("{}:{}: unknown key \"{}\" (expected [[allow]] entries)", path,
                              line_of(value), key.str()));
  const toml::node* entries = root.get("allow");
  if (!entries) return list;
  const toml::array* array = entries->as_array();
  if (!array) throw Error(fmt::format("{}:{}: \"allow\" must be [[allow]] tables", path, line_of(*entries)));
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (!table) throw Error(fmt::format("{}:{}: \"allow\" must be [[allow]] tables", path, line_of(node)));
    EntryReader in(*table, path);
    in.allow_only({"migration", "engine", "check", "reason", "expires"});
    AllowEntry entry;
    entry.line = line_of(node);
    entry.migration = in.required("migration", entry.line);
    entry.reason = in.required("reason", entry.line);
    entry.engine = in.string("engine").value_or("*");
    entry.check = in.string("check").value_or("*");
    entry.expires = in.date("expires");
    list.entries.push_back(std::move(entry));
  }
  return list;
}

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace crucible
