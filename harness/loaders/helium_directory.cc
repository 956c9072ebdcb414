#include "harness/loaders/helium_directory.h"

#include <regex>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible {

bool is_helium_file_name(const std::string& file) {
  static const std::regex name(R"(^[A-Za-z0-9_-]+_[0-9]+\.lua$)");
  return std::regex_match(file, name) && !is_helium_support_file(file);
}

bool is_helium_support_file(const std::string& file) {
  static const std::regex name(R"(^database(_[a-z0-9]+)?\.lua$)");
  return std::regex_match(file, name);
}

MigrationSet load_helium_directory(const std::string& root, const std::vector<EngineKind>&,
                                   const std::map<std::string, std::string>&) {
  // An honest refusal until the server emulation lands (issue #3, items 4-5).
  throw Error(fmt::format("{}: recognised as a Helium design, but running Helium designs is not "
                          "implemented yet (the Lua DSL, --format lua, is)", root));
}

}  // namespace crucible
