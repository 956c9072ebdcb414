#include "tests/scenario/expectations.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "harness/common/engine_kind.h"
#include "harness/common/error.h"

namespace crucible::scenario {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// Errors always say where: "scenarios/x/expect.toml:12: ...".
[[noreturn]] void fail_at(const std::string& file, int line, const std::string& what) {
  throw Error(fmt::format("{}:{}: {}", file, line, what));
}

class TableReader {
 public:
  TableReader(const toml::table& table, const std::string& file) : table_(table), file_(file) {}

  void allow_only(std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, value] : table_)
      if (std::find(keys.begin(), keys.end(), key.str()) == keys.end())
        fail_at(file_, line_of(value), fmt::format("unknown key \"{}\"", key.str()));
  }

  std::optional<std::string> string(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_string()) fail_at(file_, line_of(*node), fmt::format("\"{}\" must be a string", key));
    return node->value<std::string>();
  }

  std::optional<int> positive_integer(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    auto value = node->value_exact<int64_t>();
    if (!value || *value < 1)
      fail_at(file_, line_of(*node), fmt::format("\"{}\" must be a positive integer", key));
    return static_cast<int>(*value);
  }

  // A string or an array of strings, e.g. `message_contains = ["users", "position"]`.
  std::vector<std::string> one_or_more_strings(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (node && node->is_string()) return {*node->value<std::string>()};
    if (node && !node->is_array())
      fail_at(file_, line_of(*node), fmt::format("\"{}\" must be a string or an array of strings", key));
    return strings(key).value_or(std::vector<std::string>{});
  }

  std::optional<std::vector<std::string>> strings(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    const toml::array* array = node->as_array();
    if (!array) fail_at(file_, line_of(*node), fmt::format("\"{}\" must be an array of strings", key));
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
      if (!item.is_string())
        fail_at(file_, line_of(item), fmt::format("\"{}\" must be an array of strings", key));
      out.push_back(*item.value<std::string>());
    }
    return out;
  }

 private:
  const toml::table& table_;
  const std::string& file_;
};

void check_engine_name(const std::string& name, const std::string& file, int line) {
  if (!parse_engine_name(name))
    fail_at(file, line, fmt::format("unknown engine \"{}\"", name));
}

Expectation read_expectation(const toml::table& table, const std::string& file, int number,
                             const std::vector<std::string>& engines) {
  TableReader reader(table, file);
  reader.allow_only({"engine", "migration", "check", "status", "message_contains",
                     "location_contains", "count"});
  Expectation e;
  e.number = number;
  e.line = line_of(table);
  e.engine = reader.string("engine").value_or("*");
  if (e.engine != "*" && std::find(engines.begin(), engines.end(), e.engine) == engines.end())
    fail_at(file, e.line, fmt::format("[[expect]] #{} names engine \"{}\", which the scenario "
                                      "does not run on", number, e.engine));
  e.migration = reader.string("migration");
  e.check = reader.string("check");
  auto status = reader.string("status");
  if (!status) fail_at(file, e.line, fmt::format("[[expect]] #{} has no \"status\"", number));
  auto parsed = parse_status(*status);
  if (!parsed)
    fail_at(file, e.line, fmt::format("[[expect]] #{}: unknown status \"{}\" (pass, fail, error, "
                                      "skip)", number, *status));
  e.status = *parsed;
  e.message_contains = reader.one_or_more_strings("message_contains");
  e.location_contains = reader.string("location_contains").value_or("");
  e.count = reader.positive_integer("count");
  return e;
}

}  // namespace

const std::vector<std::string>& default_engines() {
  static const std::vector<std::string> engines = {"sqlite", "postgres", "mariadb"};
  return engines;
}

bool Expectation::applies_to(std::string_view engine_name) const {
  return engine == "*" || engine == engine_name;
}

bool Expectation::matches(const Result& result) const {
  if (!applies_to(result.engine) || result.status != status) return false;
  if (migration && *migration != result.migration) return false;
  if (check && *check != result.check) return false;
  for (const std::string& part : message_contains)
    if (result.message.find(part) == std::string::npos) return false;
  if (!location_contains.empty()) {
    std::string where = result.location ? result.location->str() : "";
    if (where.find(location_contains) == std::string::npos) return false;
  }
  return true;
}

std::string Expectation::describe() const {
  std::string text = fmt::format("#{} (line {}): {} {} {} {}", number, line, engine,
                                 migration.value_or("*"), check.value_or("*"),
                                 status_name(status));
  for (const std::string& part : message_contains)
    text += fmt::format(", message contains \"{}\"", part);
  if (!location_contains.empty()) text += fmt::format(", location contains \"{}\"", location_contains);
  if (count) text += fmt::format(", exactly {} results", *count);
  return text;
}

bool Scenario::runs_on(std::string_view engine) const {
  return std::find(engines.begin(), engines.end(), engine) != engines.end();
}

Scenario load_scenario(const std::string& expect_file) {
  toml::table root;
  try {
    root = toml::parse_file(expect_file);
  } catch (const toml::parse_error& e) {
    fail_at(expect_file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  TableReader reader(root, expect_file);
  reader.allow_only({"description", "engines", "args", "expect"});

  Scenario scenario;
  scenario.file = expect_file;
  auto description = reader.string("description");
  if (!description || description->empty())
    fail_at(expect_file, 1, "missing \"description\": say what the scenario shows");
  scenario.description = *description;

  scenario.engines = reader.strings("engines").value_or(default_engines());
  scenario.args = reader.strings("args").value_or(std::vector<std::string>{});
  int engines_line = root.get("engines") ? line_of(*root.get("engines")) : 1;
  if (scenario.engines.empty()) fail_at(expect_file, engines_line, "\"engines\" is empty");
  std::set<std::string> seen;
  for (const std::string& engine : scenario.engines) {
    check_engine_name(engine, expect_file, engines_line);
    if (!seen.insert(engine).second)
      fail_at(expect_file, engines_line, fmt::format("engine \"{}\" listed twice", engine));
  }

  if (const toml::node* expect = root.get("expect")) {
    const toml::array* tables = expect->as_array();
    if (!tables) fail_at(expect_file, line_of(*expect), "\"expect\" must be an array of tables ([[expect]])");
    int number = 0;
    for (const toml::node& node : *tables) {
      const toml::table* table = node.as_table();
      if (!table) fail_at(expect_file, line_of(node), "\"expect\" must be an array of tables ([[expect]])");
      scenario.expectations.push_back(
          read_expectation(*table, expect_file, ++number, scenario.engines));
    }
  }
  return scenario;
}

}  // namespace crucible::scenario
