// std::regex for text that comes from migration files, whose lines can be of any length.
//
// libstdc++'s default executor backtracks by recursion, a stack frame for each character a
// repeat consumes: `--\s*rollback\b\s?(.*)$` against a 50 KB line overflowed an 8 MB stack and
// killed the process (tests/loaders/long_lines_test.cc). Its other executor (the `__polynomial`
// extension: a Thompson NFA) steps through the text in a loop, its recursion bounded by the
// pattern and its time linear in the text; it refuses back-references, which these patterns do
// not use (regex_error when one does). Other standard libraries take the pattern as it is.
// Patterns over names of bounded length (file names) need none of this.
#pragma once

#include <regex>
#include <string>
#include <string_view>

namespace crucible {

#ifdef __GLIBCXX__
inline constexpr std::regex::flag_type kWithoutBacktracking = std::regex_constants::__polynomial;
#else
inline constexpr std::regex::flag_type kWithoutBacktracking = std::regex::flag_type{};
#endif

// `pattern` (ECMAScript, with `flags` such as std::regex::icase) for matching text of any length.
inline std::regex text_regex(const std::string& pattern,
                             std::regex::flag_type flags = std::regex::flag_type{}) {
  return std::regex(pattern, std::regex::ECMAScript | flags | kWithoutBacktracking);
}

// `text` with every ECMAScript metacharacter escaped: a pattern that matches it literally.
inline std::string regex_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (std::string_view(R"(.^$|()[]{}*+?\/)").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace crucible
