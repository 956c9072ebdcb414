#include "harness/loaders/liquibase_changelog.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <regex>
#include <set>
#include <sstream>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/markers.h"

namespace crucible::loaders {
namespace {

using Match = std::match_results<std::string_view::const_iterator>;

bool matches(std::string_view line, const std::regex& pattern, Match& m) {
  return std::regex_match(line.begin(), line.end(), m, pattern);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const std::regex& header_pattern() {
  static const std::regex header = text_regex(
      R"(^\s*--\s*liquibase\s+formatted\s+sql\b.*$)", std::regex::icase);
  return header;
}

// The changeset attributes Liquibase's formatted SQL knows; anything else is a typo that would
// otherwise silently change a run.
const std::set<std::string>& known_attributes() {
  static const std::set<std::string> known = {
      "runOnChange", "runAlways", "failOnError", "context", "contextFilter", "labels", "dbms",
      "runInTransaction", "splitStatements", "endDelimiter", "stripComments", "logicalFilePath",
      "rollbackSplitStatements", "rollbackEndDelimiter", "ignore", "created", "runWith",
      "runWithSpoolFile", "onValidationFail"};
  return known;
}

std::map<std::string, std::string> parse_attributes(const std::string& text,
                                                    const std::string& file, int line) {
  std::map<std::string, std::string> attributes;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    size_t colon = word.find(':');
    std::string name = word.substr(0, colon);
    if (colon == std::string::npos || !known_attributes().count(name))
      throw Error(fmt::format(
          "{}:{}: unknown changeset attribute '{}' (Liquibase's are name:value pairs such as "
          "dbms:postgresql, runInTransaction:false, endDelimiter:/, splitStatements:false, "
          "context:…, labels:…)",
          file, line, word));
    attributes[name] = word.substr(colon + 1);
  }
  return attributes;
}

// `"Jane Doe"` → `Jane Doe`: Liquibase allows an author or id with spaces in double quotes.
std::string unquoted(const std::string& text) {
  return text.size() >= 2 && text.front() == '"' && text.back() == '"'
             ? text.substr(1, text.size() - 2)
             : text;
}

class Parser {
 public:
  explicit Parser(const std::string& file) : file_(file) {}

  void line(std::string_view text, int number) {
    if (!header_seen_) return header(text, number);
    if (in_rollback_block_) return rollback_block_line(text, number);
    if (ignoring_ && current_) return ignored_line(text);
    Match m;
    static const std::regex changeset = text_regex(
        R"re(^\s*--\s*changeset\s+("[^"]+"|[^:\s]+):("[^"]+"|\S+)(.*)$)re", std::regex::icase);
    static const std::regex bare_changeset = text_regex(
        R"(^\s*--\s*changeset\b.*$)", std::regex::icase);
    static const std::regex include = text_regex(
        R"(^\s*--\s*include(All)?\s+(file|path):(\S+).*$)", std::regex::icase);
    if (matches(text, changeset, m)) return start_changeset(m, number);
    if (matches(text, bare_changeset, m))
      throw Error(
          fmt::format("{}:{}: a changeset line without author:id (`--changeset "
                      "author:id`)",
                      file_, number));
    if (matches(text, include, m)) return add_include(m, number);
    if (!current_) return outside_changeset(text, number);
    changeset_line(text, number);
  }

  std::vector<LiquibaseItem> finish() {
    if (!header_seen_)
      throw Error(
          fmt::format("{}: not Liquibase formatted SQL (its first line must be "
                      "`--liquibase formatted sql`)",
                      file_));
    if (in_rollback_block_)
      throw Error(
          fmt::format("{}:{}: a `/* liquibase rollback` block that is never closed "
                      "with `*/`",
                      file_, rollback_block_line_));
    return {std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end())};
  }

 private:
  void header(std::string_view text, int number) {
    Match m;
    if (trim(text).empty()) return;
    if (!matches(text, header_pattern(), m))
      throw Error(
          fmt::format("{}:{}: not Liquibase formatted SQL (its first line must be "
                      "`--liquibase formatted sql`)",
                      file_, number));
    header_seen_ = true;
  }

  void start_changeset(const Match& m, int number) {
    LiquibaseChangeset changeset;
    changeset.author = unquoted(m[1].str());
    changeset.id = unquoted(m[2].str());
    changeset.line = number;
    changeset.first_line = number + 1;
    changeset.attributes = parse_attributes(m[3].str(), file_, number);
    std::string key = changeset.author + ":" + changeset.id;
    auto [at, fresh] = lines_.emplace(key, number);
    if (!fresh)
      throw Error(fmt::format("{}:{}: changeset {} is already defined at line {}", file_, number,
                              key, at->second));
    items_.push_back(std::move(changeset));
    current_ = &std::get<LiquibaseChangeset>(items_.back());
  }

  void add_include(const Match& m, int number) {
    bool all = m[1].matched;
    if (lower(m[2].str()) != (all ? "path" : "file"))
      throw Error(
          fmt::format("{}:{}: write `--include file:<path>` or `--includeAll "
                      "path:<folder>`",
                      file_, number));
    // Inside a changeset, the changeset goes on after it: an include is a changelog-level line.
    items_.push_back(LiquibaseInclude{m[3].str(), all, number});
  }

  void outside_changeset(std::string_view text, int number) {
    std::string_view trimmed = trim(text);
    if (trimmed.empty() || trimmed.starts_with("--")) return;
    throw Error(
        fmt::format("{}:{}: SQL outside a changeset (each change follows a "
                    "`--changeset author:id` line)",
                    file_, number));
  }

  void changeset_line(std::string_view text, int number) {
    Match m;
    static const std::regex rollback = text_regex(
        R"(^\s*--\s*rollback\b\s?(.*)$)", std::regex::icase);
    static const std::regex block = text_regex(
        R"(^\s*/\*\s*liquibase\s+rollback\b(.*)$)", std::regex::icase);
    static const std::regex precondition = text_regex(
        R"(^\s*--\s*precondition(s\b|-[A-Za-z-]+).*$)", std::regex::icase);
    static const std::regex ignored = text_regex(
        R"(^\s*--\s*(comment|validCheckSum)\b.*$)", std::regex::icase);
    static const std::regex ignore_lines = text_regex(
        R"(^\s*--\s*ignoreLines:\s*(start|\d+)\s*$)", std::regex::icase);
    if (matches(text, rollback, m)) return rollback_line(trim(m[1].str()), number);
    if (matches(text, block, m)) {
      in_rollback_block_ = true;
      rollback_block_line_ = number;
      current_->has_rollback = true;
      append("", "");
      return;
    }
    if (matches(text, precondition, m)) {
      current_->preconditions.emplace_back(trim(text));
      return append("", "");
    }
    if (matches(text, ignored, m)) return append("", "");
    // `-- include:x.sql`, `-- includeAll path="x/"`, `-- include x.sql`; not prose ("-- Include
    // our new files").
    static const std::regex near_include = text_regex(
        R"(^\s*--\s*include(All)?(\s*:|\s+(file|path)\s*=|\s+\S+\.sql\b).*$)", std::regex::icase);
    if (matches(text, near_include, m))
      current_->notes.push_back(fmt::format(
          "{}:{}: `{}` is not Liquibase's `--include file:<path>` / `--includeAll path:<folder>`: "
          "Liquibase reads it as a comment and includes nothing",
          file_, number, trim(text)));
    if (matches(text, ignore_lines, m)) {
      // Liquibase leaves these lines out of the changeset: so does Crucible.
      ignoring_ = true;
      ignore_count_ = lower(m[1].str()) == "start" ? -1 : std::stoi(m[1].str());
      if (ignore_count_ == 0) ignoring_ = false;
      return append("", "");
    }
    append(text, "");
  }

  // A line inside `--ignoreLines:start` … `--ignoreLines:end`, or one of `--ignoreLines:N`.
  void ignored_line(std::string_view text) {
    static const std::regex end = text_regex(
        R"(^\s*--\s*ignoreLines:\s*end\s*$)", std::regex::icase);
    Match m;
    if (ignore_count_ < 0 ? matches(text, end, m) : --ignore_count_ == 0) ignoring_ = false;
    append("", "");
  }

  void rollback_line(std::string_view sql, int number) {
    std::string said = lower(sql);
    if (said == "empty" || said == "not required") {
      current_->declared_no_rollback = std::string(sql);
    } else if (sql.empty()) {
      throw Error(
          fmt::format("{}:{}: `--rollback` with no SQL: Liquibase would run the lines "
                      "after it as part of the changeset, not as its rollback (write "
                      "`--rollback <sql>` on each line, or a `/* liquibase rollback … */` "
                      "block)",
                      file_, number));
    } else {
      current_->has_rollback = true;
    }
    bool declared = said == "empty" || said == "not required";
    append("", declared ? std::string_view() : sql);
  }

  void rollback_block_line(std::string_view text, int number) {
    size_t close = text.find("*/");
    if (close == std::string_view::npos) return append("", text);
    in_rollback_block_ = false;
    if (!trim(text.substr(close + 2)).empty())
      throw Error(
          fmt::format("{}:{}: text after the `*/` that closes a rollback block", file_, number));
    append("", text.substr(0, close));
  }

  void append(std::string_view sql, std::string_view rollback) {
    current_->sql.append(sql).push_back('\n');
    current_->rollback.append(rollback).push_back('\n');
  }

  const std::string& file_;
  bool header_seen_ = false;
  bool in_rollback_block_ = false;
  bool ignoring_ = false;  // inside --ignoreLines
  int ignore_count_ = 0;   // lines still to leave out, or -1 until `--ignoreLines:end`
  int rollback_block_line_ = 0;
  std::deque<LiquibaseItem> items_;        // a deque: current_ stays valid as items are added
  LiquibaseChangeset* current_ = nullptr;  // the changeset being read, in items_
  std::map<std::string, int> lines_;       // author:id -> its changeset line
};

}  // namespace

bool is_liquibase_formatted_sql(std::string_view text) {
  bool found = false, decided = false;
  for_each_line(text, 1, [&](std::string_view line, int) {
    if (decided || trim(line).empty()) return;
    decided = true;
    found = std::regex_match(line.begin(), line.end(), header_pattern());
  });
  return found;
}

std::vector<LiquibaseItem> parse_liquibase_changelog(std::string_view text,
                                                     const std::string& file) {
  Parser parser(file);
  for_each_line(text, 1, [&](std::string_view line, int number) { parser.line(line, number); });
  return parser.finish();
}

}  // namespace crucible::loaders
