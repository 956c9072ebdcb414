#include "harness/loaders/markers.h"

#include <fmt/format.h>

#include <regex>

#include "harness/common/error.h"

namespace crucible::loaders {

Markers read_markers(std::string_view text, const std::string& file, int first_line) {
  static const std::regex marker(R"(^\s*--\s*crucible:(\S+)\s*(.*?)\s*$)");
  Markers markers;
  for_each_line(text, first_line, [&](std::string_view line, int number) {
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(line.begin(), line.end(), m, marker)) return;
    std::string kind = m[1].str(), argument = m[2].str();
    if (kind == "no-transaction") {
      markers.no_transaction = true;
    } else if (kind == "irreversible") {
      if (argument.empty())
        throw Error(fmt::format(
            "{}:{}: crucible:irreversible needs a reason (-- crucible:irreversible <why>)", file,
            number));
      if (!markers.irreversible) markers.irreversible = argument;
    } else {
      throw Error(
          fmt::format("{}:{}: unknown marker crucible:{} (known: crucible:no-transaction, "
                      "crucible:irreversible <reason>)",
                      file, number, kind));
    }
  });
  return markers;
}

}  // namespace crucible::loaders
