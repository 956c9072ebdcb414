#include "harness/loaders/dbmate.h"

#include <fmt/format.h>

#include <regex>
#include <sstream>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/markers.h"
#include "harness/sql/lexer.h"

namespace crucible::loaders {
namespace {

struct MarkerLine {
  bool up;
  size_t start;  // offset of the marker line
  size_t body;   // offset of the line after it
  int line;      // its line number
  bool transactional;
};

bool parse_options(const std::string& options, const std::string& file, int line) {
  bool transactional = true;
  std::istringstream words(options);
  for (std::string option; words >> option;) {
    if (option == "transaction:false")
      transactional = false;
    else if (option != "transaction:true")
      throw Error(fmt::format(
          "{}:{}: unknown dbmate option '{}' (known: transaction:false, transaction:true)", file,
          line, option));
  }
  return transactional;
}

std::vector<MarkerLine> find_marker_lines(std::string_view text, const std::string& file) {
  static const std::regex marker = text_regex(R"(^--\s*migrate:(up|down)(\s.*)?$)");
  std::vector<MarkerLine> markers;
  for_each_line(text, 1, [&](std::string_view line, int number) {
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(line.begin(), line.end(), m, marker)) return;
    size_t start = static_cast<size_t>(line.data() - text.data());
    size_t newline = text.find('\n', start);
    size_t body = newline == std::string_view::npos ? text.size() : newline + 1;
    markers.push_back(
        {m[1].str() == "up", start, body, number, parse_options(m[2].str(), file, number)});
  });
  return markers;
}

void require_only_comments(std::string_view preamble, const std::string& file) {
  for (const sql::Token& token : sql::tokenize(preamble, Dialect::sqlite))
    if (token.kind != sql::TokenKind::whitespace && token.kind != sql::TokenKind::comment)
      throw Error(
          fmt::format("{}:{}: SQL before the first `-- migrate:up` line", file, token.line));
}

}  // namespace

DbmateSections split_dbmate_sections(std::string_view text, const std::string& file) {
  std::vector<MarkerLine> markers = find_marker_lines(text, file);
  DbmateSections sections;
  sections.preamble = text.substr(0, markers.empty() ? text.size() : markers.front().start);
  for (size_t i = 0; i < markers.size(); ++i) {
    const MarkerLine& marker = markers[i];
    size_t end = i + 1 < markers.size() ? markers[i + 1].start : text.size();
    std::optional<DbmateSection>& section = marker.up ? sections.up : sections.down;
    if (section)
      throw Error(fmt::format("{}:{}: a second `-- migrate:{}` section", file, marker.line,
                              marker.up ? "up" : "down"));
    section = DbmateSection{text.substr(marker.body, end - marker.body), marker.line + 1,
                            marker.transactional};
  }
  if (!sections.up)
    throw Error(
        fmt::format("{}: no `-- migrate:up` line (a dbmate migration has `-- migrate:up` and "
                    "`-- migrate:down` sections)",
                    file));
  require_only_comments(sections.preamble, file);
  return sections;
}

}  // namespace crucible::loaders
