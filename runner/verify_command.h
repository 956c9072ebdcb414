// `crucible verify PATH --engine NAME[=DSN]… [--json FILE] [--junit FILE]`
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace crucible {

struct VerifyCommand {
  std::string path;
  std::vector<std::string> engines;
  std::string format = "auto";
  std::string json_file;
  std::string junit_file;
  bool quiet = false;

  CLI::App* add_to(CLI::App& app);  // registers the subcommand, binding its options here
  int run() const;  // exit code: 0 pass/skip, 1 fail/error, 2 infrastructure
};

}  // namespace crucible
