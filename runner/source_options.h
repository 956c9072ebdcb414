// The options every command that runs a migrations folder shares: PATH, --engine, --format.
// One definition, so `verify` and `mutate` accept the same formats and engines.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace crucible {

struct SourceOptions {
  std::string path;
  std::vector<std::string> engines;
  std::string format = "auto";

  // `engine_help` says what the engines are for ("Engine to verify on").
  void add_to(CLI::App& command, const std::string& engine_help);
};

}  // namespace crucible
