#include "harness/loaders/sqitch_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/markers.h"

namespace crucible::loaders {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A value less its trailing comment and its quotes: `"a b" # why` -> `a b`.
std::string config_value(std::string_view raw) {
  std::string value;
  bool quoted = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '#' || c == ';')) break;
    else if (c == '\\' && i + 1 < raw.size()) value += raw[++i];
    else value += c;
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  return value;
}

class Settings {
 public:
  Settings(std::map<std::string, std::string> values) : values_(std::move(values)) {}

  std::string get(const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() ? "" : it->second;
  }

  // sqitch's Target::_fetch: the target's section, then the engine's, then core.
  std::string fetch(const std::string& target, const std::string& engine,
                    const std::string& key) const {
    for (const std::string& section : {"target." + target, "engine." + engine, std::string("core")})
      if (std::string value = get(section + "." + key); !value.empty()) return value;
    return "";
  }

 private:
  std::map<std::string, std::string> values_;
};

// db:pg:flipr -> pg
std::string engine_of_uri(const std::string& uri) {
  static const std::regex pattern = text_regex(R"(^db:([a-z0-9]+):)");
  std::smatch m;
  return std::regex_search(uri, m, pattern) ? m[1].str() : "";
}

std::string joined(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).lexically_normal().generic_string();
}

}  // namespace

std::map<std::string, std::string> parse_git_config(std::string_view text, const std::string& file) {
  static const std::regex section = text_regex(
      R"re(^\s*\[\s*([A-Za-z0-9._-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(?:[#;].*)?$)re");
  static const std::regex setting = text_regex(R"(^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(?:=\s*(.*))?$)");
  std::map<std::string, std::string> values;
  std::string prefix;
  for_each_line(text, 1, [&](std::string_view line, int number) {
    std::string s(line);
    size_t first = s.find_first_not_of(" \t");
    if (first == std::string::npos || s[first] == '#' || s[first] == ';') return;
    std::smatch m;
    if (std::regex_match(s, m, section)) {
      prefix = lower(m[1].str()) + (m[2].matched ? "." + m[2].str() : "") + ".";
    } else if (std::regex_match(s, m, setting) && !prefix.empty()) {
      values[prefix + lower(m[1].str())] = m[2].matched ? config_value(m[2].str()) : "true";
    } else {
      throw Error(fmt::format("{}:{}: not a git-config line (`[section]`, `[section \"name\"]` or "
                              "`key = value`): {}", file, number, line));
    }
  });
  return values;
}

SqitchLayout read_sqitch_layout(const std::string& root) {
  std::error_code error;
  std::string conf = path_in(root, "sqitch.conf");
  Settings settings(fs::exists(fs::path(root) / "sqitch.conf", error)
                        ? parse_git_config(read_file(conf), conf)
                        : std::map<std::string, std::string>{});
  SqitchLayout layout;
  layout.engine = settings.get("core.engine");
  layout.target = settings.get("core.target");
  if (layout.target.empty() && !layout.engine.empty())
    layout.target = settings.get("engine." + layout.engine + ".target");
  if (layout.engine.empty()) {
    std::string uri = settings.get("target." + layout.target + ".uri");
    layout.engine = engine_of_uri(uri.empty() ? layout.target : uri);
  }
  auto fetch = [&](const std::string& key) {
    return settings.fetch(layout.target, layout.engine, key);
  };
  std::string top = fetch("top_dir");
  if (top.empty()) top = ".";
  std::string reworked = fetch("reworked_dir");
  if (reworked.empty()) reworked = top;
  auto dir = [&](const std::string& key, const std::string& base, const std::string& sub) {
    std::string value = fetch(key);
    return fs::path(value.empty() ? joined(base, sub) : value).lexically_normal().generic_string();
  };
  layout.plan_file = dir("plan_file", top, "sqitch.plan");
  layout.deploy_dir = dir("deploy_dir", top, "deploy");
  layout.revert_dir = dir("revert_dir", top, "revert");
  layout.verify_dir = dir("verify_dir", top, "verify");
  layout.reworked_deploy_dir = dir("reworked_deploy_dir", reworked, "deploy");
  layout.reworked_revert_dir = dir("reworked_revert_dir", reworked, "revert");
  layout.reworked_verify_dir = dir("reworked_verify_dir", reworked, "verify");
  if (std::string extension = fetch("extension"); !extension.empty()) layout.extension = extension;
  return layout;
}

}  // namespace crucible::loaders
