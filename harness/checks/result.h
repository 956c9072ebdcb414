// What a run found: one Result per engine × migration × check, grouped per engine.
// This is the model behind the JSON report contract in docs/DESIGN.md; reports/ only formats it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/common/error.h"
#include "harness/migration/migration.h"

namespace crucible {

enum class Status { pass, fail, error, skip };
std::string_view status_name(Status status);  // "pass", "fail", "error", "skip"
std::optional<Status> parse_status(std::string_view name);

struct Result {
  std::string engine;     // "postgres"
  std::string migration;  // version id as written in the file name, "0002"
  std::string name;       // migration name, "add_email_index"
  std::string check;      // "forward", "reverse", "roundtrip", "reapply", ...
  Status status = Status::pass;
  std::string message;    // one line, in words; for errors the engine's own text
  nlohmann::json diff = nlohmann::json::array();  // catalog changes (catalog::to_json)
  double duration_ms = 0;

  // Added to the contract (docs/DESIGN.md allows adding): where a failing statement came from.
  std::optional<SourceLocation> location;  // statement file:line, or the script file
  std::string sqlstate;   // the engine's SQLSTATE for errors, when it has one
  std::string statement;  // the failing statement's text, for errors
};

// A result about migration `m` on `engine` (as engine_name() spells it): the fields every check
// fills the same way.
Result result_for(std::string engine, const Migration& m, std::string check, Status status,
                  std::string message);

struct EngineRun {
  std::string engine;          // "postgres"
  std::string server_version;  // "15.20"; "" when the server could not be reached
  std::string status = "ok";   // "ok", or "error" when the engine could not run at all
  std::string dsn;             // redacted: never a password
  std::string message;         // why status is "error"
  std::vector<std::string> notes;  // e.g. "0007 ran outside a transaction (non-atomic)"
  // What the migrations could reach (ServerInfo::containment); under --privileged it starts with
  // "containment off" and is also the first note.
  std::string containment;
  // The statements every migration connection ran first (Dsn::session: DSN session parameters,
  // then --session), in order; empty when none.
  std::vector<std::string> session;
  std::vector<Result> results;
};

struct Summary {
  int pass = 0, fail = 0, error = 0, skip = 0;
};

struct Report {
  std::string source;  // the migrations folder
  std::string format;  // "sql", "helium", "lua"
  std::vector<EngineRun> engines;

  Summary summary() const;
  // 0 when everything passed or was skipped, 1 on any fail or error (docs/DESIGN.md exit codes).
  int exit_code() const;
};

}  // namespace crucible
