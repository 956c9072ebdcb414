// `crucible snapshot --engine NAME[=DSN] --database DB [--json FILE]`: a read-only catalog
// snapshot of an existing database, as canonical JSON.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace crucible {

struct SnapshotCommand {
  std::string engine = "sqlite";
  std::string database;
  std::string json_file;

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

}  // namespace crucible
