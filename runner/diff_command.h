// `crucible diff A.json B.json`: the catalog changes from snapshot A to snapshot B, in words.
// Exit code 0 when they are equal, 1 when they differ.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace crucible {

struct DiffCommand {
  std::string before_file;
  std::string after_file;
  bool json = false;

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

}  // namespace crucible
