// `crucible bench PATH [--engine NAME[=DSN]]… [--rows N,N,…] [--migration ID]
//  [--project-rows N] [--load CLIENTS] [--json F] [--html F] [--sequential] [--quiet]`
// Times each migration forward and reverse on tables filled with N generated rows, per engine,
// and fits how the time scales (harness/bench/bench_run.h).
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "runner/source_options.h"

namespace crucible {

struct BenchCommand {
  SourceOptions source;
  std::string rows = "10000,100000,1000000";
  std::string migration;          // --migration ID: only this one
  int64_t project_rows = 10'000'000;
  int load_clients = 0;           // --load CLIENTS: traffic while the forward runs
  std::string json_file;
  std::string html_file;
  bool sequential = false;        // one engine at a time
  bool quiet = false;

  CLI::App* add_to(CLI::App& app);
  int run() const;  // 0: every run measured; 1: a migration failed at some size; 2: infrastructure
};

}  // namespace crucible
