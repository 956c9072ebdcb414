#include "harness/loaders/markers.h"

#include <fmt/format.h>

#include <fstream>
#include <regex>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"

namespace crucible::loaders {
namespace {

// Markers that excuse a check must say why: the reason is what the report shows.
void keep_first_reason(std::optional<std::string>& reason, const std::string& kind,
                       const std::string& argument, const std::string& file, int line) {
  if (argument.empty())
    throw Error(fmt::format("{}:{}: crucible:{} needs a reason (-- crucible:{} <why>)", file, line,
                            kind, kind));
  if (!reason) reason = argument;
}

}  // namespace

std::optional<std::string> read_lossy_sidecar(const std::string& path) {
  std::string sidecar = path + ".lossy";
  std::ifstream in(sidecar);
  if (!in) return std::nullopt;
  std::string line;
  while (std::getline(in, line)) {
    size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    size_t end = line.find_last_not_of(" \t\r");
    return line.substr(begin, end - begin + 1);
  }
  throw Error(fmt::format("{}: a .lossy sidecar needs a reason on its first line", sidecar));
}

Markers read_markers(std::string_view text, const std::string& file, int first_line) {
  static const std::regex marker = text_regex(R"(^\s*--\s*crucible:(\S+)\s*(.*?)\s*$)");
  Markers markers;
  for_each_line(text, first_line, [&](std::string_view line, int number) {
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(line.begin(), line.end(), m, marker)) return;
    std::string kind = m[1].str(), argument = m[2].str();
    if (kind == "no-transaction") {
      markers.no_transaction = true;
    } else if (kind == "irreversible") {
      keep_first_reason(markers.irreversible, kind, argument, file, number);
    } else if (kind == "lossy") {
      keep_first_reason(markers.lossy, kind, argument, file, number);
    } else {
      throw Error(
          fmt::format("{}:{}: unknown marker crucible:{} (known: crucible:no-transaction, "
                      "crucible:irreversible <reason>, crucible:lossy <reason>)",
                      file, number, kind));
    }
  });
  return markers;
}

}  // namespace crucible::loaders
