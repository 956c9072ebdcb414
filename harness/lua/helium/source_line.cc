#include "harness/lua/helium/source_line.h"

#include <optional>
#include <regex>
#include <sstream>
#include <vector>

namespace crucible::lua::helium {
namespace {

// Longer lines are not compared: std::regex recurses per character and a generated line of a few
// megabytes would overflow the stack. Source lines that long are data, not a statement's start.
constexpr size_t kMaxComparedLine = 4096;

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r"), last = text.find_last_not_of(" \t\r");
  return first == std::string::npos ? "" : text.substr(first, last + 1 - first);
}

// The first line of the statement that is not blank or a comment.
std::string first_code_line(const std::string& statement) {
  std::istringstream lines(statement);
  for (std::string line; std::getline(lines, line);) {
    line = trim(line);
    if (!line.empty() && !line.starts_with("--")) return line;
  }
  return "";
}

// A source line as a pattern: literal text, with ${NAME} matching any text and runs of blanks
// matching any blanks. Empty when the line has too little literal text to mean anything.
std::optional<std::regex> line_pattern(const std::string& line) {
  static const std::regex macro(R"(\$\{[A-Za-z0-9_]*\})");
  std::string pattern, literal;
  size_t literal_chars = 0, start = 0;
  auto add_literal = [&](const std::string& text) {
    for (char c : text) {
      if (c == ' ' || c == '\t') {
        if (!pattern.ends_with("\\s*")) pattern += "\\s*";
        continue;
      }
      if (std::string_view(R"(\^$.|?*+()[]{}/)").find(c) != std::string_view::npos) pattern += '\\';
      pattern += c;
      ++literal_chars;
    }
  };
  for (std::sregex_iterator it(line.begin(), line.end(), macro), end; it != end; ++it) {
    add_literal(line.substr(start, it->position() - start));
    pattern += ".*";
    start = it->position() + it->length();
  }
  add_literal(line.substr(start));
  if (literal_chars < 6) return std::nullopt;
  return std::regex("^\\s*" + pattern + "\\s*$");
}

}  // namespace

int locate_statement(const std::string& lua_source, const std::string& statement, CodeKind kind) {
  std::string wanted = first_code_line(statement);
  if (wanted.empty() || wanted.size() > kMaxComparedLine) return 0;
  const char* marker = kind == CodeKind::forward ? "TYPE_FORWARD_MIGRATION" : "TYPE_REVERSE_MIGRATION";
  std::istringstream lines(lua_source);
  int number = 0, marker_line = 0, first_match = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (marker_line == 0 && line.find(marker) != std::string::npos) marker_line = number;
    std::string code = trim(line);
    if (code.empty() || code.starts_with("--") || code.size() > kMaxComparedLine) continue;
    auto pattern = line_pattern(code);
    if (!pattern || !std::regex_match(wanted, *pattern)) continue;
    if (first_match == 0) first_match = number;
    if (marker_line != 0) return number;
  }
  return first_match;
}

}  // namespace crucible::lua::helium
