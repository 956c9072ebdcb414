#include "reports/diff_words.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/text.h"

namespace crucible::reports {

namespace {

using nlohmann::json;

// Long values (a whole table's columns) are cut: the JSON report keeps them whole.
constexpr std::size_t kMaxValueWidth = 60;

std::string compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string scalar_words(const json& value) {
  if (value.is_null()) return "none";
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    return text.empty() ? "\"\"" : one_line(text);
  }
  return compact(value);
}

std::string value_words(const json& value) {
  std::string words;
  if (value.is_array() &&
      std::none_of(value.begin(), value.end(), [](const json& v) { return v.is_structured(); })) {
    std::vector<std::string> items;
    for (const json& item : value) items.push_back(scalar_words(item));
    words = fmt::format("[{}]", fmt::join(items, ", "));
  } else {
    words = value.is_structured() ? one_line(compact(value)) : scalar_words(value);
  }
  return truncate(words, kMaxValueWidth);
}

bool is_empty_value(const json& value) {
  return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
         (value.is_structured() && value.empty());
}

// "(keys [email], table users, unique true)": the members that say something. The name is in
// the object's label already, and whether the engine generated it is noise here.
std::string properties_words(const json& object) {
  if (!object.is_object()) return is_empty_value(object) ? "" : " " + value_words(object);
  std::vector<std::string> parts;
  for (const auto& [key, value] : object.items())
    if (key != "name" && key != "generated_name" && !is_empty_value(value))
      parts.push_back(fmt::format("{} {}", one_line(key), value_words(value)));
  return parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, ", "));
}

// "nullable false → true; type text → varchar(80)": only the members that differ.
std::string changed_words(const json& before, const json& after) {
  if (!before.is_object() || !after.is_object())
    return fmt::format(" {} → {}", value_words(before), value_words(after));
  std::vector<std::string> parts;
  auto describe_member = [&](const std::string& key) {
    const json& old_value = before.contains(key) ? before[key] : json();
    const json& new_value = after.contains(key) ? after[key] : json();
    if (old_value != new_value)
      parts.push_back(fmt::format("{} {} → {}", one_line(key), value_words(old_value),
                                  value_words(new_value)));
  };
  for (const auto& [key, value] : before.items()) describe_member(key);
  for (const auto& [key, value] : after.items())
    if (!before.contains(key)) describe_member(key);
  return parts.empty() ? "" : fmt::format(" {}", fmt::join(parts, "; "));
}

const json& member_or_null(const json& object, const char* key) {
  static const json null_value;
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

}  // namespace

std::string describe_change(const json& change) {
  if (!change.is_object() || !change.contains("object") || !change["object"].is_string() ||
      !change.contains("change") || !change["change"].is_string())
    return truncate(one_line(compact(change)), 2 * kMaxValueWidth);
  std::string object = one_line(change["object"].get<std::string>());
  std::string kind = one_line(change["change"].get<std::string>());
  const json& before = member_or_null(change, "before");
  const json& after = member_or_null(change, "after");
  std::string details;
  if (kind == "added") {
    details = properties_words(after);
  } else if (kind == "removed") {
    details = properties_words(before);
  } else if (kind == "changed") {
    details = changed_words(before, after);
  } else {
    details = fmt::format(" before {}, after {}", value_words(before), value_words(after));
  }
  return fmt::format("{}: {}{}", object, kind, details);
}

std::vector<std::string> describe_diff(const json& diff) {
  if (is_empty_value(diff)) return {};
  if (!diff.is_array()) return {describe_change(diff)};
  std::vector<std::string> lines;
  for (const json& change : diff) lines.push_back(describe_change(change));
  return lines;
}

}  // namespace crucible::reports
