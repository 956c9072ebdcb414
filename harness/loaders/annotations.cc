#include "harness/loaders/annotations.h"

#include <fmt/format.h>

#include <map>
#include <regex>
#include <sstream>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/markers.h"
#include "harness/sql/lexer.h"

namespace crucible::loaders {

const AnnotationSyntax kSqlMigrate{"sql-migrate", "+migrate", "notransaction"};
const AnnotationSyntax kGoose{"goose", "+goose", "", true, "NO TRANSACTION", "ENVSUB"};

namespace {

struct Annotation {
  std::string command;  // Up, Down, StatementBegin, StatementEnd
  std::string options;
  size_t start;  // offset of the annotation line
  size_t body;   // offset of the line after it
  int line;
};

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `command` is `expected` as `syntax` reads commands.
bool is_command(std::string_view command, std::string_view expected,
                const AnnotationSyntax& syntax) {
  return syntax.any_case ? lowered(command) == lowered(expected) : command == expected;
}

std::string trimmed(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  size_t last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// `prefix` as a pattern, each letter in either case when `any_case` (std::regex::icase is slow).
std::string prefix_pattern(std::string_view prefix, bool any_case) {
  if (!any_case) return regex_escaped(prefix);
  std::string pattern;
  for (char c : prefix) {
    unsigned char u = static_cast<unsigned char>(c);
    pattern += std::isalpha(u) ? fmt::format("[{}{}]", static_cast<char>(std::tolower(u)),
                                             static_cast<char>(std::toupper(u)))
                               : regex_escaped(std::string_view(&c, 1));
  }
  return pattern;
}

// Built once per syntax and thread: constructing a std::regex costs more than matching a file.
const std::regex& annotation_pattern(const AnnotationSyntax& syntax) {
  thread_local std::map<std::pair<std::string, bool>, std::regex> patterns;
  auto key = std::make_pair(std::string(syntax.prefix), syntax.any_case);
  auto it = patterns.find(key);
  if (it == patterns.end())
    it = patterns
             .emplace(key, text_regex("^\\s*--\\s*" +
                                      prefix_pattern(syntax.prefix, syntax.any_case) +
                                      R"(\s+(\S+)(.*)$)"))
             .first;
  return it->second;
}

std::vector<Annotation> find_annotations(std::string_view text, const AnnotationSyntax& syntax) {
  const std::regex& annotation = annotation_pattern(syntax);
  std::vector<Annotation> found;
  for_each_line(text, 1, [&](std::string_view line, int number) {
    // Only comment lines can be annotations; std::regex is slow enough to matter on big sets.
    size_t text_start = line.find_first_not_of(" \t");
    if (text_start == std::string_view::npos || line.substr(text_start, 2) != "--") return;
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(line.begin(), line.end(), m, annotation)) return;
    size_t start = static_cast<size_t>(line.data() - text.data());
    size_t newline = text.find('\n', start);
    size_t body = newline == std::string_view::npos ? text.size() : newline + 1;
    std::string command = m[1].str();
    if (syntax.any_case)  // goose's commands: Up, Down, StatementBegin, StatementEnd
      for (std::string_view known : {"Up", "Down", "StatementBegin", "StatementEnd"})
        if (is_command(command, known, syntax)) command = known;
    found.push_back({command, m[2].str(), start, body, number});
  });
  return found;
}

void require_only_comments(std::string_view preamble, const std::string& file,
                           const AnnotationSyntax& syntax) {
  for (const sql::Token& token : sql::tokenize(preamble, Dialect::sqlite))
    if (token.kind != sql::TokenKind::whitespace && token.kind != sql::TokenKind::comment)
      throw Error(fmt::format("{}:{}: SQL before the first `-- {} Up` or `-- {} Down` line", file,
                              token.line, syntax.prefix, syntax.prefix));
}

class SectionCutter {
 public:
  SectionCutter(std::string_view text, const std::string& file, const AnnotationSyntax& syntax)
      : text_(text), file_(file), syntax_(syntax) {}

  Sections cut() {
    std::vector<Annotation> annotations = find_annotations(text_, syntax_);
    sections_.preamble = text_.substr(0, annotations.empty() ? text_.size() : annotations[0].start);
    for (const Annotation& a : annotations) visit(a);
    close_section(text_.size(), 0);
    if (!sections_.up)
      throw Error(
          fmt::format("{}: no `-- {} Up` line (a {} migration has `-- {} Up` and `-- {} "
                      "Down` sections)",
                      file_, syntax_.prefix, syntax_.tool, syntax_.prefix, syntax_.prefix));
    require_only_comments(sections_.preamble, file_, syntax_);
    return std::move(sections_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw Error(fmt::format("{}:{}: {}", file_, line, what));
  }

  void visit(const Annotation& a) {
    if (a.command == "Up" || a.command == "Down") return open_section(a);
    std::string whole = trimmed(a.command + " " + trimmed(a.options));
    if (!syntax_.file_no_transaction.empty() &&
        is_command(whole, syntax_.file_no_transaction, syntax_)) {
      sections_.transactional = false;
      return;
    }
    if (!syntax_.refused.empty() && is_command(a.command, syntax_.refused, syntax_))
      fail(a.line, fmt::format("`-- {} {}`: Crucible does not substitute environment variables "
                               "into {} migrations; write the values into the file",
                               syntax_.prefix, whole, syntax_.tool));
    if (a.command != "StatementBegin" && a.command != "StatementEnd")
      fail(a.line, fmt::format("unknown {} annotation `-- {} {}` (known: Up, Down, "
                               "StatementBegin, StatementEnd{})",
                               syntax_.tool, syntax_.prefix, a.command,
                               syntax_.file_no_transaction.empty()
                                   ? ""
                                   : fmt::format(", {}", syntax_.file_no_transaction)));
    if (!a.options.empty() && a.options.find_first_not_of(" \t\r") != std::string::npos)
      fail(a.line, fmt::format("`-- {} {}` takes no options", syntax_.prefix, a.command));
    if (!current_)
      fail(a.line, fmt::format("`-- {} {}` before the first `-- {} Up` or `-- {} Down`",
                               syntax_.prefix, a.command, syntax_.prefix, syntax_.prefix));
    bool begin = a.command == "StatementBegin";
    if (begin == block_line_.has_value())
      fail(a.line,
           begin ? fmt::format("a second `-- {} StatementBegin` (the one on line {} is "
                               "not ended)",
                               syntax_.prefix, *block_line_)
                 : fmt::format("`-- {} StatementEnd` without a StatementBegin", syntax_.prefix));
    add_piece(a.start, !begin);
    piece_start_ = a.body;
    piece_line_ = a.line + 1;
    block_line_ = begin ? std::optional<int>(a.line) : std::nullopt;
  }

  void open_section(const Annotation& a) {
    close_section(a.start, a.line);
    bool transactional = true;
    std::istringstream words(a.options);
    for (std::string option; words >> option;) {
      if (syntax_.no_transaction.empty())
        fail(a.line, fmt::format("`-- {} {}` takes no options (found '{}')", syntax_.prefix,
                                 a.command, option));
      if (option != syntax_.no_transaction)
        fail(a.line, fmt::format("unknown {} option '{}' (known: {})", syntax_.tool, option,
                                 syntax_.no_transaction));
      transactional = false;
    }
    std::optional<Section>& section = a.command == "Up" ? sections_.up : sections_.down;
    if (section)
      fail(a.line, fmt::format("a second `-- {} {}` section", syntax_.prefix, a.command));
    section = Section{{}, a.line + 1, transactional, {}};
    current_ = &*section;
    section_start_ = piece_start_ = a.body;
    piece_line_ = a.line + 1;
  }

  // Ends the section in progress at offset `end` (the next section's annotation on `line`).
  void close_section(size_t end, int line) {
    if (!current_) return;
    if (block_line_)
      fail(*block_line_,
           fmt::format("`-- {} StatementBegin` without a StatementEnd{}", syntax_.prefix,
                       line ? fmt::format(" before line {}", line) : ""));
    add_piece(end, false);
    current_->text = text_.substr(section_start_, end - section_start_);
    current_ = nullptr;
  }

  void add_piece(size_t end, bool verbatim) {
    current_->pieces.push_back(
        {text_.substr(piece_start_, end - piece_start_), piece_line_, verbatim});
  }

  std::string_view text_;
  const std::string& file_;
  const AnnotationSyntax& syntax_;
  Sections sections_;
  Section* current_ = nullptr;
  size_t section_start_ = 0, piece_start_ = 0;
  int piece_line_ = 1;
  std::optional<int> block_line_;  // the StatementBegin in progress
};

}  // namespace

bool has_annotations(std::string_view text, const AnnotationSyntax& syntax) {
  for (const Annotation& a : find_annotations(text, syntax))
    if (a.command == "Up" || a.command == "Down") return true;
  return false;
}

Sections split_annotated_sections(std::string_view text, const std::string& file,
                                  const AnnotationSyntax& syntax) {
  return SectionCutter(text, file, syntax).cut();
}

}  // namespace crucible::loaders
