// The options every command that runs a migrations folder shares: PATH, --engine, --format, and
// how the engines run migrations (--privileged, --statement-timeout). One definition, so `verify`,
// `mutate` and `bench` accept the same formats, engines and limits.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "harness/engines/engine.h"

namespace crucible {

// verify's and mutate's --statement-timeout when none is given. Their scratch databases hold no
// rows or a few dozen per table, where a statement that runs for minutes is a hang (a lock wait,
// an endless loop in a function body), not work; `bench` times large tables and has no default.
inline constexpr const char* kDefaultStatementTimeout = "5m";

struct SourceOptions {
  std::string path;
  std::vector<std::string> engines;
  std::string format = "auto";
  bool privileged = false;
  std::string statement_timeout;  // as given; "none" for no limit
  std::vector<std::string> session;  // --session specs, as given (resolve_engines reads them)

  // `engine_help` says what the engines are for ("Engine to verify on"); `default_timeout` is
  // the --statement-timeout when the flag is left out ("none" for no limit).
  void add_to(CLI::App& command, const std::string& engine_help,
              const std::string& default_timeout = "none");
  // Throws crucible::Error (exit 2) for a malformed --statement-timeout.
  EngineOptions engine_options() const;
};

// --define NAME=VALUE, repeatable (verify, merge-check); a later definition of a name wins.
// Throws crucible::Error (exit 2) for a definition without NAME or '='.
std::map<std::string, std::string> parse_defines(const std::vector<std::string>& defines);

}  // namespace crucible
