#include "harness/loaders/sqitch_plan.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/markers.h"

namespace crucible::loaders {
namespace {

// [:punct:] without `_`, as sqitch defines it.
bool is_punct(char c) {
  return std::string_view(R"(-!"#$%&'()*+,./:;<=>?@[\]^`{|}~)").find(c) != std::string_view::npos;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_sha1(std::string_view s) {
  if (s.size() < 40) return false;
  for (size_t i = 0; i < 40; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i])) || std::isupper(static_cast<unsigned char>(s[i])))
      return false;
  return true;
}

class PlanParser {
 public:
  PlanParser(std::string_view text, const std::string& file) : text_(text) { plan_.file = file; }

  SqitchPlan parse() {
    bool in_header = true;
    for_each_line(text_, 1, [&](std::string_view line, int number) {
      line_ = number;
      if (in_header) in_header = header_line(line);
      else body_line(line);
    });
    if (!plan_.pragmas.count("project"))
      throw Error(fmt::format("{}: missing %project pragma (sqitch needs `%project=NAME` at the "
                              "top of the plan)", plan_.file));
    return std::move(plan_);
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw Error(fmt::format("{}:{}: {}", plan_.file, line_, why));
  }

  static bool is_blank_or_note(std::string_view line) {
    std::string_view t = trim(line);
    return t.empty() || t.front() == '#';
  }

  // Returns whether the header goes on: it ends at the first blank line after something.
  bool header_line(std::string_view line) {
    if (is_blank_or_note(line)) {
      return !trim(line).empty();
    }
    std::string_view t = trim(strip_note(line));
    if (t.empty() || t.front() != '%')
      fail("invalid pragma; a blank line must come between pragmas and changes");
    t.remove_prefix(1);
    size_t eq = t.find('=');
    std::string name(trim(t.substr(0, eq)));
    std::string value = eq == std::string_view::npos ? "1" : std::string(trim(t.substr(eq + 1)));
    if (name.empty()) fail("invalid pragma: no name after %");
    if (name == "project" && !is_sqitch_name(value))
      fail(fmt::format("invalid project name \"{}\": project names must not begin with "
                       "punctuation, contain \"@\", \":\", \"#\", \"\\\", or blanks, or end in "
                       "punctuation or digits following punctuation", value));
    plan_.pragmas[name] = value;
    return true;
  }

  // The line less its `# note`, which is kept for the change.
  std::string_view strip_note(std::string_view line) {
    size_t hash = line.find('#');
    note_ = hash == std::string_view::npos ? "" : std::string(trim(line.substr(hash + 1)));
    return hash == std::string_view::npos ? line : line.substr(0, hash);
  }

  void body_line(std::string_view line) {
    if (is_blank_or_note(line)) return;
    std::string_view rest = trim(strip_note(line));
    bool tag = false;
    if (rest.front() == '@') {
      tag = true;
      rest.remove_prefix(1);
    } else if (rest.front() == '+' || rest.front() == '-') {
      // The old `+change` / `-change` syntax: a `-` line reverts, which Crucible cannot follow.
      if (rest.front() == '-') fail("`-change` lines (sqitch's old revert syntax) are not read");
      rest = trim(rest.substr(1));
    }
    size_t end = rest.find_first_of(" \t[");
    std::string name(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : trim(rest.substr(end));

    static const std::regex tail = text_regex(
        R"(^(?:\[([^\]]*)\][ \t]*)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)?[ \t]*(?:([^<]+?)[ \t]+<([^>]+)>)?[ \t]*$)");
    std::match_results<std::string_view::const_iterator> m;
    if (name.empty() || !is_sqitch_name(name) || !std::regex_match(rest.begin(), rest.end(), m, tail))
      fail(fmt::format("invalid {} line `{}`: names must not begin with punctuation, contain "
                       "\"@\", \":\", \"#\", \"\\\", or blanks, or end in punctuation or digits "
                       "following punctuation; then come [dependencies], a timestamp and the "
                       "planner (`name [deps] 2024-01-01T00:00:00Z Ann <ann@example.com>`)",
                       tag ? "tag" : "change", trim(line)));
    if (!m[2].matched && !m[3].matched) fail("missing timestamp and planner name and email");
    if (!m[2].matched) fail("missing timestamp");
    if (!m[3].matched) fail("missing planner name and email");
    if (name == "HEAD" || name == "ROOT")
      fail(fmt::format("\"{}{}\" is a reserved name", tag ? "@" : "", name));
    if (is_sha1(name))
      fail(fmt::format("\"{}\" is invalid because it could be confused with a SHA1 ID", name));
    if (tag) return add_tag(name, m[1].matched);
    add_change(name, m[1].matched ? m[1].str() : "");
  }

  void add_tag(const std::string& name, bool has_dependencies) {
    if (name.find('/') != std::string::npos)
      fail(fmt::format("tag \"{}\" contains illegal character /", name));
    if (plan_.changes.empty())
      fail(fmt::format("tag \"@{}\" declared without a preceding change", name));
    if (auto it = tag_lines_.find(name); it != tag_lines_.end())
      fail(fmt::format("tag \"@{}\" duplicates earlier declaration on line {}", name, it->second));
    if (has_dependencies) fail("tags may not specify dependencies");
    tag_lines_[name] = line_;
    plan_.changes.back().tags.push_back("@" + name);
    since_tag_.clear();
  }

  SqitchDependency dependency(const std::string& text) const {
    static const std::regex pattern = text_regex(
        R"(^(!)?(?:([^:@\s]+):)?([^:@\s]*)(?:@([^:@\s]+))?$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern) || (m[3].length() == 0 && !m[4].matched) ||
        (m[2].matched && !is_sqitch_name(m[2].str())) ||
        (m[3].length() > 0 && !is_sqitch_name(m[3].str())) ||
        (m[4].matched && !is_sqitch_name(m[4].str())))
      fail(fmt::format("\"{}\" is not a valid dependency specification", text));
    return SqitchDependency{text, m[2].str(), m[3].str(), m[4].str(), m[1].matched};
  }

  // sqitch's check: a required change of this project must be planned earlier (one of another
  // project, or given by ID, cannot be checked here). Without a %project pragma every named
  // project is another: the plan is refused for the missing pragma once it is read.
  void check_planned(const SqitchChange& change, const SqitchDependency& d) const {
    auto project = plan_.pragmas.find("project");
    if (!d.project.empty() && (project == plan_.pragmas.end() || d.project != project->second))
      return;
    if (d.tag.empty() && is_sha1(d.change)) return;
    auto change_line = change_lines_.find(d.change);
    auto tag_line = tag_lines_.find(d.tag);
    bool planned = d.change.empty()  ? tag_line != tag_lines_.end()
                   : d.tag.empty()   ? change_line != change_lines_.end()
                                     : change_line != change_lines_.end() &&
                                         tag_line != tag_lines_.end() &&
                                         change_line->second < tag_line->second;
    if (planned) return;
    if (d.change == change.name && d.tag.empty())
      fail(fmt::format("change \"{}\" cannot require itself", change.name));
    fail(fmt::format("change \"{}\" requires \"{}\", which is not planned before it",
                     change.name, d.text));
  }

  void add_change(const std::string& name, const std::string& dependencies) {
    if (auto it = since_tag_.find(name); it != since_tag_.end())
      fail(fmt::format("change \"{}\" duplicates earlier declaration on line {} (a rework needs "
                       "a tag between the two)", name, it->second));
    SqitchChange change{name, line_};
    change.note = note_;
    std::set<std::string> seen;
    std::string_view rest = dependencies;
    while (!(rest = trim(rest)).empty()) {
      size_t end = rest.find_first_of(" \t");
      std::string text(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
      if (!seen.insert(text).second) fail(fmt::format("duplicate dependency \"{}\"", text));
      SqitchDependency d = dependency(text);
      if (d.conflict) {
        change.conflicts.push_back(std::move(d));
      } else {
        check_planned(change, d);
        change.requires_changes.push_back(std::move(d));
      }
    }
    rework_earlier(name);
    since_tag_[name] = line_;
    change_lines_.emplace(name, line_);  // the first instance: `name@tag` means it
    plan_.changes.push_back(std::move(change));
  }

  // The earlier instance of a reworked change keeps the tags after it, nearest first, then its
  // own: sqitch names its scripts from the first of them found on disk.
  void rework_earlier(const std::string& name) {
    auto& changes = plan_.changes;
    for (size_t i = changes.size(); i-- > 0;) {
      if (changes[i].name != name) continue;
      std::vector<std::string> tags;
      for (size_t j = changes.size() - 1; j > i; --j)
        tags.insert(tags.end(), changes[j].tags.begin(), changes[j].tags.end());
      tags.insert(tags.end(), changes[i].tags.begin(), changes[i].tags.end());
      changes[i].rework_tags = std::move(tags);
      return;
    }
  }

  std::string_view text_;
  SqitchPlan plan_;
  int line_ = 0;
  std::string note_;
  std::map<std::string, int> tag_lines_;     // tag name (without @) -> line
  std::map<std::string, int> change_lines_;  // change name -> line of its first instance
  std::map<std::string, int> since_tag_;     // changes since the last tag -> line
};

}  // namespace

bool is_sqitch_name(std::string_view name) {
  if (name.empty() || is_punct(name.front()) || is_punct(name.back())) return false;
  for (char c : name)
    if (is_blank(c) || c == ':' || c == '@' || c == '#' || c == '\\' || c == '\n') return false;
  // Nor may it end in `^3`, `~2`, `/1`, `=4`, `%5`: those read as references to other changes.
  size_t digits = name.find_last_not_of("0123456789");
  return digits == name.size() - 1 || digits == std::string_view::npos ||
         std::string_view("~/=%^").find(name[digits]) == std::string_view::npos;
}

SqitchPlan parse_sqitch_plan(std::string_view text, const std::string& file) {
  return PlanParser(text, file).parse();
}

}  // namespace crucible::loaders
